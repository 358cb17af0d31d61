"""Evidence other apps hand to evaluation and emulation, without sharing their models.

An app lists `evaluation_evidence = ["dotted.path"]` on its AppConfig; each callable takes
`(actor, person_ids, start, end)` and returns `{person_id: [EvidenceItem]}`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceItem:
    """One fact about a person over a period: what it is, its value, where to check it."""

    label: str
    value: str
    url: str | None = None
