"""Evidence beside an evaluation sheet: the extension point every app can fill.

An app lists `evaluation_evidence = ["dotted.path.to.provider", ...]` on its AppConfig (as it
lists `nav_entries` and `my_tasks`). A provider is called as
`provider(actor, person_ids, start, end)` (end exclusive) and returns
`{person_id: [EvidenceItem, ...]}` for the people the actor may see; it must run a fixed number
of queries whatever the number of people. The evaluation pages show every item beside the
person's sheet; the evaluation app never needs to know the app that supplied it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class EvidenceItem:
    """One fact about the person in the period: a translated label, its value as text, and
    (optionally) a link to the page that shows it."""

    label: str
    value: str
    url: str | None = None


Provider = Callable[[object, Iterable[int], date, date], Mapping[int, list[EvidenceItem]]]


def evidence_providers() -> list[Provider]:
    """Every provider declared by an installed app, in app order."""
    return [
        import_string(path)
        for config in apps.get_app_configs()
        for path in getattr(config, "evaluation_evidence", ())
    ]


def collect_evidence(
    actor, person_ids: Iterable[int], start: date, end: date
) -> dict[int, list[EvidenceItem]]:
    """Items of every provider for each person (people without any get an empty list)."""
    ids = sorted(set(person_ids))
    found: dict[int, list[EvidenceItem]] = {pk: [] for pk in ids}
    if not ids:
        return found
    for provider in evidence_providers():
        for person_id, items in provider(actor, ids, start, end).items():
            if person_id in found:
                found[person_id].extend(items)
    return found
