"""Pure rules of inspections (no ORM).

Legal frame: the Lào Cai directive asks, in point 2, to "tăng cường công tác kiểm tra, giám
sát việc thực hiện công vụ và văn hóa công sở" and, in point 6, to detect and handle violations
in time; QĐ 733/QĐ-TTg makes đôn đốc, kiểm tra part of the movement. No text fixes the
remediation deadline or the score: both are decisions recorded in docs/inspections.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Default time a unit gets to put a finding right, in working days (counted with the Vietnamese
# holiday calendar by congso.common.calendar.deadline_after). The inspector may choose 1–90.
DEFAULT_REMEDIATION_DAYS = 15
MAX_REMEDIATION_DAYS = 90

# Which visit status may follow which: planned → in progress → done (a visit is never reopened:
# its conclusion and the cases it opened stand; a new visit is scheduled instead).
VISIT_TRANSITIONS = {("planned", "in_progress"), ("in_progress", "done")}


def visit_transition_allowed(frm: str, to: str) -> bool:
    return (frm, to) in VISIT_TRANSITIONS


def task_overdue(*, status: str, due_on: date, today: date) -> bool:
    """An open task is overdue from the day after its deadline (the deadline day still counts)."""
    return status == "open" and today > due_on


@dataclass(frozen=True)
class Score:
    """Inspection score of a unit for a year.

    score = compliant / (compliant + non_compliant) × 100, over every checklist item of the
    unit's finished visits that year; items marked "not applicable" are left out of both terms.
    None when no item was assessed (no score rather than a misleading 0 or 100).
    """

    compliant: int
    non_compliant: int
    not_applicable: int

    @property
    def assessed(self) -> int:
        return self.compliant + self.non_compliant

    @property
    def value(self) -> float | None:
        if self.assessed == 0:
            return None
        return round(100 * self.compliant / self.assessed, 1)


def pending_items(results: list[str]) -> int:
    """Checklist items without a result (a visit cannot finish while any remain)."""
    return sum(1 for r in results if not r)
