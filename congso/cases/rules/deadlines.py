"""Stage deadlines in working days, the case-type overrides, overdue cases and reminders.

Legal basis: Luật Tố cáo 25/2018/QH14, art. 24 (7 working days to classify a denunciation) and
art. 30 (handling time).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.utils.translation import gettext

from congso.cases.choices import CaseState
from congso.cases.rules.errors import RuleError
from congso.cases.rules.workflow import TERMINAL_STATES

S = CaseState


# ---------------------------------------------------------------------------------------------
# Stage deadlines in working days (defaults; each case type may override them in the database).
# Received: Luật Tố cáo 2018 art. 24 gives 7 working days to classify; urgent cases 1 day.
# ---------------------------------------------------------------------------------------------
DEFAULT_STAGE_DAYS: dict[str, int] = {
    S.RECEIVED: 7,
    S.VERIFYING: 20,
    S.CONFIRMED: 5,
    S.HANDLING: 30,
    S.APPEALED: 15,
    S.REVIEWED: 5,
}
URGENT_FIRST_ACTION_DAYS = 1
DEFAULT_APPEAL_WINDOW_DAYS = 10
ESCALATE_AFTER_OVERDUE_DAYS = 2


def stage_working_days(*, state: str, urgent: bool, overrides: Mapping[str, int]) -> int | None:
    """Working days allowed for `state`; None when the state has no deadline (terminal)."""
    if state in TERMINAL_STATES:
        return None
    if state == S.RECEIVED and urgent:
        return URGENT_FIRST_ACTION_DAYS
    value = overrides.get(state)
    return value if value is not None else DEFAULT_STAGE_DAYS.get(state)


# The columns of `CaseTypeConfig`: the stage each one overrides (None: the appeal window).
CONFIG_FIELDS: dict[str, str | None] = {
    "received_days": S.RECEIVED,
    "verifying_days": S.VERIFYING,
    "confirmed_days": S.CONFIRMED,
    "handling_days": S.HANDLING,
    "appealed_days": S.APPEALED,
    "reviewed_days": S.REVIEWED,
    "appeal_window_days": None,
}
CONFIG_MAX_DAYS = 365


def check_config_days(values: Mapping[str, int | None]) -> dict[str, int | None]:
    """The overrides of one case type, checked: known fields, whole days 0–365, None = default.

    The province sets its own limits per case type (issue 4 point 5); a year is the outer bound
    so a typo cannot park a case for decades."""
    checked: dict[str, int | None] = {}
    for name, value in values.items():
        if name not in CONFIG_FIELDS:
            raise RuleError(gettext("Trường thời hạn không hợp lệ: %(name)s.") % {"name": name})
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 0 <= value <= CONFIG_MAX_DAYS
        ):
            raise RuleError(
                gettext("Số ngày làm việc phải là số nguyên từ 0 đến %(max)d.")
                % {"max": CONFIG_MAX_DAYS}
            )
        checked[name] = value
    return checked


def effective_config_days(field: str, override: int | None) -> int:
    """What a `CaseTypeConfig` column means when applied: the override, else the default."""
    if override is not None:
        return override
    stage = CONFIG_FIELDS[field]
    return DEFAULT_APPEAL_WINDOW_DAYS if stage is None else DEFAULT_STAGE_DAYS[stage]


def is_overdue(*, state: str, due_on: date | None, today: date) -> bool:
    return state not in TERMINAL_STATES and due_on is not None and today > due_on


class ReminderStep:
    NONE = 0
    HANDLER = 1  # reminded the handler
    HEAD = 2  # escalated to the unit head


def reminder_step(*, working_days_left: int | None, level: int) -> int:
    """The reminder level a case should be at now (never lower than `level`).

    The handler is reminded when one working day or less is left; the unit head is told once
    the stage is overdue by ESCALATE_AFTER_OVERDUE_DAYS working days (Dispatch's overdue task
    reminders, escalating as in the dissemination work).
    """
    if working_days_left is None:
        return level
    target = ReminderStep.NONE
    if working_days_left <= 1:
        target = ReminderStep.HANDLER
    if working_days_left <= -ESCALATE_AFTER_OVERDUE_DAYS:
        target = ReminderStep.HEAD
    return max(level, target)
