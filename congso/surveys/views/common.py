"""Helpers shared by the staff survey views."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from congso.common.params import Period, parse_period
from congso.surveys.charts import dashboard_charts
from congso.surveys.rules import ELEMENT_NAMES, QUESTION_KEYS, Index

# The element names of rules.ELEMENT_NAMES, marked here so that makemessages puts them in the
# English catalogue (rules.py is pure and imports no translation machinery).
ELEMENT_MSGIDS = (
    gettext_noop("Tiếp cận dịch vụ"),
    gettext_noop("Thủ tục hành chính"),
    gettext_noop("Công chức trực tiếp giải quyết"),
    gettext_noop("Kết quả dịch vụ"),
    gettext_noop("Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị"),
    gettext_noop("Thái độ phục vụ của cán bộ"),
    gettext_noop("Mức độ hài lòng chung"),
)


def period_from(request: HttpRequest) -> Period:
    """The period of `?ky=`; the current year when it is missing, malformed or out of range
    (common.params.parse_period, the one parser of query periods)."""
    return parse_period(request.GET.get("ky"), today=timezone.localdate())


def period_choices(period: Period) -> list[tuple[str, str]]:
    """Year, its quarters and months, for the period picker; periods that have not begun
    yet are left out (nothing to show, and the public scorecard answers 404 for them)."""
    today = timezone.localdate()
    year = period.start.year
    candidates = [str(year - 1), str(year)]
    candidates += [f"{year}-q{q}" for q in range(1, 5)]
    candidates += [f"{year}-{m:02d}" for m in range(1, 13)]
    choices = []
    for slug in candidates:
        choice = parse_period(slug, today=today)
        if choice.start <= today or choice == period:
            choices.append((slug, period_label(choice)))
    return choices


def period_label(period: Period) -> str:
    """'Năm 2026', 'Quý 2/2026', '05/2026' in the reader's language."""
    year = period.start.year
    if period.kind == "year":
        return gettext("Năm %(year)d") % {"year": year}
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        return gettext("Quý %(quarter)d/%(year)d") % {"quarter": quarter, "year": year}
    return f"{period.start.month:02d}/{year}"


def past_months(monthly: list[tuple[date, Index]]) -> list[tuple[date, Index]]:
    """The months of a trend that have begun (the current year's later months are empty)."""
    today = timezone.localdate()
    return [(month, index) for month, index in monthly if month <= today]


def figures(index: Index, monthly: list[tuple[date, Index]]) -> dict[str, Any]:
    """What the charts and the element table of a dashboard show: chart data, the share and
    mean score of every question (the numbers behind the bar chart), and whether any month
    of the trend is published (else the page says so instead of drawing an empty chart)."""
    charts = dashboard_charts(index, monthly)
    names = [gettext(ELEMENT_NAMES[key]) for key in QUESTION_KEYS]
    charts["elements"]["labels"] = names
    return {
        "charts": charts,
        "elements": [
            (name, index.shares.get(key), index.means.get(key))
            for name, key in zip(names, QUESTION_KEYS, strict=True)
        ],
        "trend_published": any(month.published for _day, month in monthly),
    }


def element_sheet(elements: list[tuple[str, float | None, float | None]]) -> tuple[str, list, list]:
    """(title, headers, rows) of the element table of a target page, for its xlsx export."""
    rows = [
        [
            name,
            None if share is None else round(share * 100, 1),
            None if mean is None else round(mean, 2),
        ]
        for name, share, mean in elements
    ]
    headers = [gettext("Yếu tố"), gettext("Hài lòng (SIPAS) (%)"), gettext("Điểm TB (1–5)")]
    return gettext("Theo từng yếu tố"), headers, rows
