"""Reporting periods (month, quarter, year) and their URL slugs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# ---------------------------------------------------------------------------------------------
# Periods


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year: [start, end) as first-of-month dates."""

    kind: str  # "month" | "quarter" | "year"
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
            cursor = _add_months(cursor, 1)
        return result


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_of(kind: str, day: date) -> Period:
    """The month, quarter or year containing `day`."""
    if kind == "month":
        start = date(day.year, day.month, 1)
        return Period(kind, start, _add_months(start, 1))
    if kind == "quarter":
        start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return Period(kind, start, _add_months(start, 3))
    if kind == "year":
        return Period(kind, date(day.year, 1, 1), date(day.year + 1, 1, 1))
    raise ValueError(kind)


def previous_period(period: Period) -> Period:
    return period_of(period.kind, period.start - timedelta(days=1))


# Periods that can be asked for: from the first year any survey could hold (the province's
# SIPAS surveys began in 2017; 2000 leaves room for imported history) to next year.
FIRST_PERIOD_YEAR = 2000


def parse_period(slug: str | None, *, today: date) -> Period:
    """'2026', '2026-q2', '2026-05' → the period; anything else, or a period outside
    FIRST_PERIOD_YEAR … next year (whose previous period could leave the calendar), → the
    current year."""
    text = (slug or "").strip().lower()
    found = None
    try:
        if len(text) == 4 and text.isdigit():
            found = period_of("year", date(int(text), 1, 1))
        elif len(text) == 7 and text[4:6] == "-q" and text[6] in "1234":
            found = period_of("quarter", date(int(text[:4]), (int(text[6]) - 1) * 3 + 1, 1))
        elif len(text) == 7 and text[4] == "-":
            found = period_of("month", date(int(text[:4]), int(text[5:]), 1))
    except ValueError:
        found = None
    if found is None or not FIRST_PERIOD_YEAR <= found.start.year <= today.year + 1:
        return period_of("year", today)
    return found
