"""The one parser of the query parameters that pages read: a year, a period, a page number.

Every staff page and API operation that takes `?nam=`, `?ky=`, `?page=`/`?trang=` (or the
API's `year`/`period`) reads it through these functions. They never raise: a value that is
missing, malformed or outside the calendar the system can show falls back to the current
year (period) or is clamped (page), so a typed-in URL such as `?nam=-5` or `?nam=10000` shows
the current year instead of answering 500. The page then shows the value actually used.

Pure: no ORM, no request (the caller passes `request.GET.get(...)` and today's date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Years that can be asked for: from the first year any record could hold (the province's SIPAS
# surveys began in 2017; 2000 leaves room for imported history) to next year. Outside it a
# date lookup such as `visit_on__year=-5` or the previous period of year 1 leaves the calendar.
FIRST_YEAR = 2000
FIRST_PERIOD_YEAR = FIRST_YEAR  # the name surveys.rules has always used

# A page number beyond any real list (Django's Paginator clamps it to the last page anyway);
# the bound keeps `int()` of a 4,000-digit string out of the request path.
MAX_PAGE = 1_000_000
MAX_DIGITS = 12


def _to_int(value: object) -> int | None:
    """An integer from a query value ('2026', ' 7 ', 7), else None; never raises."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value if value is not None else "").strip()
    sign = text[:1] if text[:1] in "+-" else ""
    digits = text[len(sign) :]
    if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > MAX_DIGITS:
        return None
    return int(sign + digits)


def last_year(today: date) -> int:
    """The last year that can be asked for: next year (plans are made ahead)."""
    return today.year + 1


def year_in_range(year: int, *, today: date) -> bool:
    return FIRST_YEAR <= year <= last_year(today)


def parse_year(value: object, *, today: date, default: int | None = None) -> int:
    """`?nam=` → a year within FIRST_YEAR … next year; anything else → `default` (the
    current year when not given)."""
    fallback = today.year if default is None else default
    year = _to_int(value)
    if year is None or not year_in_range(year, today=today):
        return fallback
    return year


def parse_optional_year(value: object, *, today: date) -> int | None:
    """Like parse_year, for filters where "no year" means "all years": None when the value
    is missing or unusable."""
    year = _to_int(value)
    if year is None or not year_in_range(year, today=today):
        return None
    return year


def parse_page(value: object) -> int:
    """`?page=`/`?trang=` → a page number ≥ 1 (clamped to MAX_PAGE); anything else → 1."""
    number = _to_int(value)
    if number is None or number < 1:
        return 1
    return min(number, MAX_PAGE)


# ---------------------------------------------------------------------------------------------
# Periods


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year: [start, end) as first-of-month dates."""

    kind: str  # "month" | "quarter" | "half" | "year"
    start: date
    end: date

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{self.start.month:02d}/{self.start.year}"
        if self.kind == "quarter":
            return f"Quý {(self.start.month - 1) // 3 + 1}/{self.start.year}"
        return f"Năm {self.start.year}"

    @property
    def slug(self) -> str:
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def months(self) -> list[date]:
        result, cursor = [], self.start
        while cursor < self.end:
            result.append(cursor)
            cursor = add_months(cursor, 1)
        return result


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_of(kind: str, day: date) -> Period:
    """The month, quarter or year containing `day`."""
    if kind == "month":
        start = date(day.year, day.month, 1)
        return Period(kind, start, add_months(start, 1))
    if kind == "quarter":
        start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period(kind, start, add_months(start, 3))
    if kind == "half":  # unit reports upward (reports.unit_reports): 6 tháng
        start = date(day.year, 1 if day.month <= 6 else 7, 1)
        return Period(kind, start, add_months(start, 6))
    if kind == "year":
        return Period(kind, date(day.year, 1, 1), date(day.year + 1, 1, 1))
    raise ValueError(kind)


def previous_period(period: Period) -> Period:
    return period_of(period.kind, period.start - timedelta(days=1))


def parse_period(slug: object, *, today: date) -> Period:
    """'2026', '2026-q2', '2026-05' → the period; anything else, or a period outside
    FIRST_YEAR … next year (whose previous period could leave the calendar), → the current
    year."""
    text = str(slug if slug is not None else "").strip().lower()
    found = None
    try:
        if len(text) == 4 and text.isascii() and text.isdigit():
            found = period_of("year", date(int(text), 1, 1))
        elif len(text) == 7 and text[4:6] == "-q" and text[6] in "1234" and text[:4].isdigit():
            found = period_of("quarter", date(int(text[:4]), (int(text[6]) - 1) * 3 + 1, 1))
        elif len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
            found = period_of("month", date(int(text[:4]), int(text[5:]), 1))
    except ValueError:
        found = None
    if found is None or not year_in_range(found.start.year, today=today):
        return period_of("year", today)
    return found
