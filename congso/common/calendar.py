"""The database-backed working-day calendar used by services for every deadline."""

from __future__ import annotations

from datetime import date, timedelta

from congso.common.models import Holiday
from congso.common.workdays import WorkCalendar, add_working_days, working_days_between


def load_calendar(start: date, end: date) -> WorkCalendar:
    """Holidays and make-up days between `start` and `end` (inclusive)."""
    rows = Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "kind")
    holidays = frozenset(d for d, kind in rows if kind == Holiday.Kind.HOLIDAY)
    workdays = frozenset(d for d, kind in rows if kind == Holiday.Kind.WORKDAY)
    return WorkCalendar(holidays=holidays, makeup_workdays=workdays)


def deadline_after(start: date, working_days: int) -> date:
    """`start` plus `working_days` working days, using the province's calendar."""
    span = timedelta(days=abs(working_days) * 2 + 40)
    low, high = (start, start + span) if working_days >= 0 else (start - span, start)
    return add_working_days(start, working_days, load_calendar(low, high))


def working_days_from(start: date, end: date) -> int:
    """Working days from `start` (exclusive) to `end` (inclusive); negative if end < start.
    Used by dissemination (a campaign given a deadline date records its working days)."""
    low, high = min(start, end), max(start, end)
    return working_days_between(start, end, load_calendar(low, high))
