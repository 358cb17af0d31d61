"""Report periods: the annual report's year and the unit reports' quarter, half-year and year.

A section builder takes `(actor, unit, period)` where `period` is a `common.params.Period`
([start, end), first-of-month dates). A plain year (int) is still accepted and means that
calendar year, so the annual report reads exactly as before.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from congso.common.params import Period, period_of

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def year_period(year: int) -> Period:
    return period_of("year", date(year, 1, 1))


def as_period(value: int | Period) -> Period:
    return value if isinstance(value, Period) else year_period(int(value))


def make_period(kind: str, year: int, seq: int = 1) -> Period:
    """kind 'quarter' (seq 1–4), 'half' (seq 1–2) or 'year'."""
    months = {"quarter": 3, "half": 6, "year": 12}[kind]
    return period_of(kind, date(year, (seq - 1) * months + 1, 1))


def seq_of(period: Period) -> int:
    months = {"quarter": 3, "half": 6, "year": 12}[period.kind]
    return (period.start.month - 1) // months + 1


def last_day(period: Period) -> date:
    return period.end - timedelta(days=1)


def is_year(period: Period) -> bool:
    return period.kind == "year"


def period_name(period: Period) -> str:
    """Lower-case name used inside sentences: "năm 2025", "quý III năm 2026",
    "6 tháng đầu năm 2026"."""
    year = period.start.year
    if period.kind == "quarter":
        return _("quý %(q)s năm %(year)s") % {"q": ROMAN[seq_of(period)], "year": year}
    if period.kind == "half":
        if seq_of(period) == 1:
            return _("6 tháng đầu năm %(year)s") % {"year": year}
        return _("6 tháng cuối năm %(year)s") % {"year": year}
    return _("năm %(year)s") % {"year": year}


def period_title(period: Period) -> str:
    """The same name starting with a capital: "Năm 2025", "Quý III năm 2026"."""
    name = period_name(period)
    return name[:1].upper() + name[1:]


def within(period: Period) -> str:
    """ "Trong năm" / "Trong quý" / "Trong 6 tháng" at the start of a sentence."""
    if period.kind == "quarter":
        return _("Trong quý")
    if period.kind == "half":
        return _("Trong 6 tháng")
    return _("Trong năm")


def in_period(period: Period) -> str:
    """ "trong năm" / "trong kỳ" inside a sentence."""
    return _("trong năm") if is_year(period) else _("trong kỳ")


def before(period: Period) -> str:
    """What the period is compared with: "năm trước" or "kỳ trước"."""
    return _("năm trước") if is_year(period) else _("kỳ trước")


def dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")
