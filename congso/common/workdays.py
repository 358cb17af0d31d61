"""Working days under the Vietnamese calendar.

Civil servants work Monday to Friday (NĐ 45/2013/NĐ-CP art. 3; Quyết định 188/1999/QĐ-TTg),
minus the public holidays of Bộ luật Lao động 2019 art. 112 and the days off the Prime Minister
or Bộ Nội vụ announce each year, plus the make-up Saturdays (ngày làm bù) those notices set.
Every deadline in the system (case stages, appeals, data-subject requests) is computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class WorkCalendar:
    """Holidays and make-up working days; pure data, no database."""

    holidays: frozenset[date] = frozenset()
    makeup_workdays: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


def add_working_days(start: date, n: int, calendar: WorkCalendar | None = None) -> date:
    """The date `n` working days after `start` (before it when n < 0).

    `start` itself is not counted: a case received on Friday with a 1-working-day limit is due
    on Monday (or the next working day after a holiday). n = 0 returns the first working day
    on or after `start`.
    """
    calendar = calendar or WorkCalendar()
    step = 1 if n >= 0 else -1
    day = start
    if n == 0:
        while not calendar.is_working_day(day):
            day += timedelta(days=1)
        return day
    remaining = abs(n)
    while remaining:
        day += timedelta(days=step)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, calendar: WorkCalendar | None = None) -> int:
    """Number of working days d with start < d <= end (negative when end < start)."""
    calendar = calendar or WorkCalendar()
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign == 1 else (end, start)
    count, day = 0, low
    while day < high:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            count += 1
    return sign * count
