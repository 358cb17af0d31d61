from datetime import date

import pytest

from congso.common.calendar import deadline_after
from congso.common.workdays import WorkCalendar, add_working_days, working_days_between

TET_2026 = WorkCalendar(
    holidays=frozenset(date(2026, 2, d) for d in (16, 17, 18, 19, 20)),
    makeup_workdays=frozenset({date(2026, 1, 10)}),
)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2026, 2, 13), 1, date(2026, 2, 23)),  # Friday before Tết → Monday after
        (date(2026, 2, 12), 2, date(2026, 2, 23)),
        (date(2026, 1, 9), 1, date(2026, 1, 10)),  # make-up Saturday counts
        (date(2026, 3, 2), 5, date(2026, 3, 9)),
        (date(2026, 2, 23), -1, date(2026, 2, 13)),
        (date(2026, 2, 14), 0, date(2026, 2, 23)),
    ],
)
def test_add_working_days_skips_weekends_and_holidays(start, n, expected):
    assert add_working_days(start, n, TET_2026) == expected


def test_working_days_between_counts_end_not_start():
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23), TET_2026) == 1
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 13), TET_2026) == -1


@pytest.mark.django_db
def test_shipped_calendar_knows_tet_2026_and_the_2025_makeup_saturday():
    assert deadline_after(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert deadline_after(date(2025, 4, 25), 1) == date(2025, 4, 26)
    assert deadline_after(date(2025, 4, 29), 1) == date(2025, 5, 5)
