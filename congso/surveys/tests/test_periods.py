"""Periods asked for by slug (`?ky=` on the pages, `period=` in the staff API): parsed by
`rules.parse_period`, which keeps them inside the calendar the dashboards can show."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from congso.common.testing import login_client
from congso.surveys.rules import parse_period

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("slug", "kind", "start", "end"),
    [
        ("2026", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("2025-q3", "quarter", date(2025, 7, 1), date(2025, 10, 1)),
        ("2026-02", "month", date(2026, 2, 1), date(2026, 3, 1)),
        ("2027", "year", date(2027, 1, 1), date(2028, 1, 1)),  # next year: allowed
        ("2000-01", "month", date(2000, 1, 1), date(2000, 2, 1)),  # the first month allowed
        # Anything else is the current year:
        ("", "year", date(2026, 1, 1), date(2027, 1, 1)),
        (None, "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("0001", "year", date(2026, 1, 1), date(2027, 1, 1)),  # previous period before year 1
        ("0001-q1", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("0001-01", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("1999-12", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("9999", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("2028", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-13", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-q5", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("²⁰²⁶", "year", date(2026, 1, 1), date(2027, 1, 1)),  # digits int() refuses
        ("năm", "year", date(2026, 1, 1), date(2027, 1, 1)),
    ],
)
def test_parse_period_keeps_periods_inside_the_calendar(slug, kind, start, end):
    period = parse_period(slug, today=TODAY)
    assert (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["0001", "0001-q1", "0001-01", "9999-12"])
def test_staff_api_answers_an_out_of_range_period_with_the_current_year(sw, period):
    client = login_client(sw.world.boss)
    this_year = str(timezone.localdate().year)
    ranking = client.get(f"/api/v1/surveys/units/{sw.world.province.pk}/ranking?period={period}")
    assert ranking.status_code == 200, ranking.content
    assert ranking.json()["period"] == this_year
    target = client.get(f"/api/v1/surveys/targets/{sw.counter_a.pk}?period={period}")
    assert target.status_code == 200, target.content
    assert target.json()["period"] == this_year


@pytest.mark.django_db
@pytest.mark.parametrize("period", ["2025", "2025-q3", "2026-02"])
def test_staff_api_answers_for_the_period_asked(sw, period):
    client = login_client(sw.world.boss)
    ranking = client.get(f"/api/v1/surveys/units/{sw.world.province.pk}/ranking?period={period}")
    assert ranking.json()["period"] == period
    target = client.get(f"/api/v1/surveys/targets/{sw.counter_a.pk}?period={period}")
    assert target.json()["period"] == period
