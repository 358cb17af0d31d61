"""Pure rules of the unit reports: periods and their slugs, states and moves, deadlines,
which units report, when to remind. No database."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import IntEnum

from congso.common.workdays import WorkCalendar, add_working_days

KINDS = ("quarter", "half", "year")
SEQS = {"quarter": 4, "half": 2, "year": 1}
MONTHS = {"quarter": 3, "half": 6, "year": 12}

# Working days after the period ends by which a unit reporting to the province must submit;
# each level further down gets LEAD_DAYS fewer, so the unit above has time to write its own
# report from its children's. Override with settings.UNIT_REPORT_DEADLINES /
# settings.UNIT_REPORT_LEAD_DAYS.
DEFAULT_DEADLINES: Mapping[str, int] = {"quarter": 10, "half": 15, "year": 20}
DEFAULT_LEAD_DAYS = 5
MIN_DAYS = 3

DRAFT, SUBMITTED, RETURNED, ACCEPTED = "draft", "submitted", "returned", "accepted"
EDITABLE = frozenset({DRAFT, RETURNED})
SENT = frozenset({SUBMITTED, ACCEPTED})
SECTION_FIELDS = ("results", "limits", "proposals")
MAX_TEXT = 5000
MAX_REASON = 1000


def period_slug(kind: str, year: int, seq: int) -> str:
    if kind == "quarter":
        return f"{year}-q{seq}"
    if kind == "half":
        return f"{year}-h{seq}"
    return str(year)


def parse_slug(slug: str) -> tuple[str, int, int] | None:
    """'2026-q3' → ('quarter', 2026, 3); '2026-h1' → ('half', 2026, 1); '2025' → ('year', 2025,
    1); anything else → None."""
    text = str(slug or "").strip().lower()
    if len(text) == 4 and text.isascii() and text.isdigit():
        return "year", int(text), 1
    if len(text) == 7 and text[:4].isascii() and text[:4].isdigit() and text[4] == "-":
        letter, digit = text[5], text[6]
        kind = {"q": "quarter", "h": "half"}.get(letter)
        if kind and digit.isdigit() and 1 <= int(digit) <= SEQS[kind]:
            return kind, int(text[:4]), int(digit)
    return None


def period_bounds(kind: str, year: int, seq: int) -> tuple[date, date]:
    """[start, end) of the period."""
    months = MONTHS[kind]
    first = (seq - 1) * months + 1
    start = date(year, first, 1)
    index = year * 12 + first - 1 + months
    return start, date(index // 12, index % 12 + 1, 1)


def ended_periods(today: date, count: int = 4) -> list[tuple[str, int, int]]:
    """The `count` latest ended periods of each kind, latest first within a kind."""
    found = []
    for kind in KINDS:
        months = MONTHS[kind]
        index = today.year * 12 + today.month - 1  # current month
        current_start = index - (index % 12) % months  # first month index of current period
        for back in range(1, count + 1):
            start = current_start - back * months
            year, month = start // 12, start % 12 + 1
            found.append((kind, year, (month - 1) // months + 1))
    return found


def deadline_days(
    kind: str, depth: int, deadlines: Mapping[str, int] | None = None, lead: int | None = None
) -> int:
    """Working days after the period for a unit at `depth` (1 = reports to the province)."""
    base = (deadlines or DEFAULT_DEADLINES)[kind]
    step = DEFAULT_LEAD_DAYS if lead is None else lead
    return max(base - step * max(depth - 1, 0), MIN_DAYS)


def due_date(period_end: date, days: int, calendar: WorkCalendar | None = None) -> date:
    """`days` working days after the period's last day (`period_end` is exclusive)."""
    return add_working_days(period_end - timedelta(days=1), days, calendar)


def reports_upward(*, kind: str, parent_kind: str | None, depth: int, valid: bool) -> bool:
    """Agencies, communes and public-service units report to the unit above; not the
    province itself (it is the top), nor divisions or the parts of a commune (their work is
    in their agency's or commune's report): the same units that are inspected."""
    if not valid or depth == 0 or parent_kind is None:
        return False
    return kind != "division" and parent_kind != "commune"


def can_edit(state: str) -> bool:
    return state in EDITABLE


def can_review(state: str) -> bool:
    return state == SUBMITTED


class SubmitOutcome(IntEnum):
    SUBMITTED = 1
    REPEAT = 2  # already sent: nothing changes (the repeat is audited)


def submit_outcome(state: str) -> SubmitOutcome:
    return SubmitOutcome.REPEAT if state in SENT else SubmitOutcome.SUBMITTED


class ReminderStep(IntEnum):
    NONE = 0
    DUE_SOON = 1  # the unit's head and reporting officer, a few working days before the due date
    OVERDUE = 2  # the unit's head and reporting officer, the day after the due date
    ESCALATED = 3  # also the heads of the unit above, after `escalate_after` working days late


def reminder_step(days_to_due: int, *, soon: int = 3, escalate_after: int = 5) -> ReminderStep:
    """`days_to_due`: working days from today to the due date (negative once late)."""
    if days_to_due <= -escalate_after:
        return ReminderStep.ESCALATED
    if days_to_due < 0:
        return ReminderStep.OVERDUE
    if days_to_due <= soon:
        return ReminderStep.DUE_SOON
    return ReminderStep.NONE


def clean_narrative(raw: Mapping[str, Mapping[str, str]], keys: list[str]) -> dict:
    """Only known sections and fields, stripped, cut at MAX_TEXT characters."""
    result: dict[str, dict[str, str]] = {}
    for key in keys:
        fields = raw.get(key) or {}
        values = {f: str(fields.get(f, "") or "").strip()[:MAX_TEXT] for f in SECTION_FIELDS}
        if any(values.values()):
            result[key] = values
    return result
