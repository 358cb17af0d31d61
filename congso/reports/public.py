"""Public transparency pages (no login): a province overview and one page per agency or
commune, joining what is already public: the satisfaction scorecard (aggregates above the
minimum sample), confirmed violations by category once they stand, and the honour roll (awards
under a decision of the year, not revoked: the emulation app's public roll)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from congso.cases.selectors.public import public_violation_counts
from congso.emulation.selectors import honour_roll
from congso.reports.dashboard import year_period
from congso.surveys.selectors import public_agencies, public_scorecard


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("nam", "")
    this_year = timezone.localdate().year
    if not raw:
        return this_year
    if not raw.isdigit() or not 2000 <= int(raw) <= this_year:
        raise Http404
    return int(raw)


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    agencies = public_agencies()
    rows = []
    for agency in agencies:
        index, previous, _monthly = public_scorecard(agency=agency, period=year_period(year))
        rows.append((agency, index, previous))
    counts = public_violation_counts(unit_path="/", year=year)  # every unit of the province
    by_title: dict[str, int] = {}
    for award in honour_roll(year=year):
        by_title[award.title.name] = by_title.get(award.title.name, 0) + 1
    return render(
        request,
        "reports/public_overview.html",
        {
            "rows": rows,
            "year": year,
            "counts": counts,
            "years": _years(),
            "honours": list(by_title.items()),
        },
    )


@require_GET
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    year = _year(request)
    unit = next((a for a in public_agencies() if a.pk == pk), None)
    if unit is None:
        raise Http404
    index, previous, monthly = public_scorecard(agency=unit, period=year_period(year))
    counts = public_violation_counts(unit_path=unit.path, year=year)
    return render(
        request,
        "reports/public_agency.html",
        {
            "agency": unit,
            "year": year,
            "index": index,
            "previous": previous,
            "monthly": monthly,
            "counts": counts,
            "years": _years(),
            "awards": _honours(unit, year),
        },
    )


def _honours(unit, year: int) -> list:
    """The honour roll of the year for the agency's or commune's subtree."""
    return [a for a in honour_roll(year=year) if a.unit.path.startswith(unit.path)]


def _years() -> list[int]:
    today = timezone.localdate()
    return list(range(today.year, max(today.year - 5, 2000) - 1, -1))
