"""NĐ 90/48 leaders are judged partly on the unit they lead (R5, A10): the unit's figures,
computed from the same year's inputs the run has already read (no query of its own).

- The unit led is the leader's current unit; its members are the rated people whose unit is
  that unit or below it, with at least one finalised sheet in the year, the unit's own
  leaders (every leader whose unit is that unit: head and deputies) left out.
- Unit task shares, from the members rated by NĐ 90/48 shares: completed = 1 − the mean
  failed share, on time = the mean on-time share, exceeded = the mean exceeded share (the
  unit's work is its people's work; the system keeps no separate unit targets).
- "Sub-units" at HTNV or above / HTTNV or above: the share of the members whose year's
  figures reach that level by the engine's own tests (R4 for shares, R2 for points), before
  ceilings and quota. The directly managed units have no level of their own in the system,
  so their people stand for them.
- No member with figures: no unit figure, and the engine applies the staff test (R4), as it
  documents for a leader without unit figures.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from congso.evaluation import rules
from congso.policy.facts import CaseFacts, LeaderUnit, Level
from congso.policy.rules_nd90 import nd90_staff_level
from congso.policy.rules_nd335 import nd335_band
from congso.policy.switches import Assumptions

PLACES = Decimal("0.0001")


class Item(Protocol):
    person_id: int
    unit_id: int
    is_leader: bool
    periods: int
    facts: CaseFacts


def _share(part: Decimal | int, whole: int) -> Decimal:
    return (Decimal(part) / whole).quantize(PLACES, rounding=ROUND_HALF_UP)


def member_level(facts: CaseFacts, a: Assumptions) -> Level | None:
    """A member's level by their year's figures alone (R4 shares or R2 points)."""
    if facts.tasks_on_time_share is not None:
        on_time, exceeded = facts.tasks_on_time_share, facts.tasks_exceeded_share
        failed = facts.criteria_failed_share
        if exceeded is None or failed is None:
            return None
        return nd90_staff_level(facts, on_time, exceeded, failed, a)[0]
    if facts.common_points is not None and facts.task_points is not None:
        return nd335_band(facts.common_points, facts.task_points)[0]
    return None


def unit_figures(members: Sequence[CaseFacts], a: Assumptions) -> LeaderUnit | None:
    """The figures of one led unit from its members' year (module docstring)."""
    levels = [level for level in (member_level(f, a) for f in members) if level is not None]
    if not levels:
        return None
    shares = [f for f in members if f.tasks_on_time_share is not None]
    figures: dict[str, Decimal] = {}
    if shares:
        n = len(shares)
        failed = sum((f.criteria_failed_share or Decimal(0) for f in shares), Decimal(0))
        figures["completed_share"] = 1 - _share(failed, n)
        on_time = sum((f.tasks_on_time_share or Decimal(0) for f in shares), Decimal(0))
        figures["on_time_share"] = _share(on_time, n)
        figures["exceeded_share"] = _share(
            sum((f.tasks_exceeded_share or Decimal(0) for f in shares), Decimal(0)), n
        )
    return LeaderUnit(
        **figures,
        subordinates_htnv_plus_share=_share(sum(lv >= Level.HTNV for lv in levels), len(levels)),
        subordinates_httnv_plus_share=_share(sum(lv >= Level.HTTNV for lv in levels), len(levels)),
    )


def judged_on_unit(item: Item, year: int) -> bool:
    """A leader rated under NĐ 90/48 that year (NĐ 335 task points already hold the unit)."""
    return item.is_leader and not rules.uses_points(item.facts.category, year)


def attach_unit_figures(
    items: Iterable[Item],
    *,
    year: int,
    parents: Mapping[int, tuple[int | None, str]],
    leaders: Iterable[Item] | None = None,
    a: Assumptions | None = None,
) -> dict[int, LeaderUnit]:
    """Give every NĐ 90/48 leader among `leaders` (default: among `items`) the figures of the
    unit they lead, computed from `items` (the people read for the run). Replaces each such
    leader's `facts` in place; returns {leader person id: figures}."""
    items = list(items)
    leaders = [x for x in (items if leaders is None else leaders) if judged_on_unit(x, year)]
    if not leaders:
        return {}
    a = a or Assumptions()
    led = {x.unit_id for x in leaders}
    members: dict[int, list[CaseFacts]] = defaultdict(list)
    for item in items:
        if not item.periods:
            continue
        unit: int | None = item.unit_id
        while unit is not None:
            if unit in led and not (item.is_leader and item.unit_id == unit):
                members[unit].append(item.facts)
            unit = parents[unit][0] if unit in parents else None
    out: dict[int, LeaderUnit] = {}
    for leader in leaders:
        figures = unit_figures(members.get(leader.unit_id, []), a)
        if figures is not None:
            leader.facts = dataclasses.replace(leader.facts, unit=figures)
            out[leader.person_id] = figures
    return out
