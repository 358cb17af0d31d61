"""The sections of a unit report: the annual report's builders run for the unit's subtree
and the period, read as the unit (not as whoever opens the page), and their JSON snapshot."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from congso.common.params import Period
from congso.common.scoping import WHOLE_PROVINCE, Actor
from congso.reports.data import Chart, Figure, SectionData, Table
from congso.reports.periods import make_period
from congso.reports.registry import SECTIONS, build_sections
from congso.reports.services import READ_CAPABILITIES, system_actor

SECTION_KEYS = [s.key for s in SECTIONS]


def unit_reader(unit) -> Actor:
    """Reads the unit's subtree with the capabilities the sections need: a unit's figures are
    the same whoever of its officials opens the report (head or reporting officer)."""
    from congso.org.selectors import unit_list

    if unit.depth == 0:
        ids = WHOLE_PROVINCE
    else:
        ids = frozenset(
            unit_list(actor=system_actor())
            .filter(path__startswith=unit.path)
            .values_list("id", flat=True)
        )
    return Actor(
        user_id=None,
        username="congso-unit-report",
        display_name=unit.name,
        reach={cap: ids for cap in READ_CAPABILITIES},
    )


def period_of(kind: str, year: int, seq: int) -> Period:
    return make_period(kind, year, seq)


def live_sections(unit, kind: str, year: int, seq: int) -> list[SectionData]:
    return build_sections(unit_reader(unit), unit, period_of(kind, year, seq))


def to_json(sections: list[SectionData]) -> list[dict[str, Any]]:
    return [asdict(s) for s in sections]


def from_json(rows: list[dict[str, Any]]) -> list[SectionData]:
    result = []
    for row in rows:
        data = dict(row)
        data["figures"] = [Figure(**f) for f in row.get("figures", [])]
        data["tables"] = [Table(**t) for t in row.get("tables", [])]
        data["charts"] = [Chart(**c) for c in row.get("charts", [])]
        result.append(SectionData(**data))
    return result


def sections_of(report, unit) -> list[SectionData]:
    """What the report says: the snapshot once sent, the live figures while it is edited."""
    if report is not None and report.snapshot and report.state in ("submitted", "accepted"):
        return from_json(report.snapshot)
    if report is not None:
        return live_sections(unit, report.kind, report.year, report.seq)
    return []
