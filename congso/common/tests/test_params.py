"""common.params: the one parser of a year, a period and a page number read from a query.
It never raises: a bad value falls back (year, period) or is clamped (page)."""

from __future__ import annotations

from datetime import date

import pytest

from congso.common.params import (
    parse_optional_year,
    parse_page,
    parse_period,
    parse_year,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025", 2025),
        (" 2024 ", 2024),
        ("2027", 2027),  # next year: plans are made ahead
        ("2000", 2000),
        ("1999", 2026),
        ("2028", 2026),
        ("-5", 2026),
        ("0", 2026),
        ("10000", 2026),
        ("9" * 5000, 2026),
        ("20x5", 2026),
        ("２０２５", 2026),  # full-width digits are not a year typed in the picker
        ("", 2026),
        (None, 2026),
        (True, 2026),
        (2025, 2025),
    ],
)
def test_parse_year_keeps_the_year_inside_the_calendar(value, expected):
    assert parse_year(value, today=TODAY) == expected


def test_parse_year_falls_back_to_the_given_default():
    assert parse_year("-5", today=TODAY, default=2020) == 2020


@pytest.mark.parametrize(("value", "expected"), [("2025", 2025), ("-5", None), ("", None)])
def test_parse_optional_year_means_all_years_when_unusable(value, expected):
    assert parse_optional_year(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3", 3),
        ("1", 1),
        ("0", 1),
        ("-2", 1),
        ("abc", 1),
        ("", 1),
        (None, 1),
        ("1" * 400, 1),
        ("99999999", 1_000_000),
    ],
)
def test_parse_page_is_at_least_one_and_bounded(value, expected):
    assert parse_page(value) == expected


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        ("2025", "2025"),
        ("2026-q2", "2026-q2"),
        ("2026-05", "2026-05"),
        ("2026-13", "2026"),
        ("2026-q5", "2026"),
        ("0000-01", "2026"),
        ("-500", "2026"),
        ("10000", "2026"),
        ("abcd-q1", "2026"),
        ("ab-cdef", "2026"),
        (None, "2026"),
    ],
)
def test_parse_period_falls_back_to_the_current_year(value, slug):
    assert parse_period(value, today=TODAY).slug == slug
