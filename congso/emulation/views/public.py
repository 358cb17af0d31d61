"""Public pages (no login): the honour roll by year and unit, and the certificate
verification page.
They show only what is final: awards under an issued decision, confirmed exemplars. A code
that does not exist answers the same 404 as any other missing page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from congso.emulation import selectors
from congso.emulation.services import catalogue


@require_GET
def honour_roll(request: HttpRequest) -> HttpResponse:
    years = selectors.honour_years()
    try:
        year = int(request.GET.get("nam") or (years[0] if years else timezone.localdate().year))
    except ValueError as exc:
        raise Http404 from exc
    raw_unit = request.GET.get("don_vi", "")
    unit = selectors.public_unit(pk=raw_unit) if raw_unit else None
    scope = unit or selectors.public_unit(pk=catalogue.province_id())
    context = {
        "year": year,
        "years": years,
        "unit": unit,
        "units": selectors.honour_units(year=year),
        "roll": selectors.honour_roll_for(scope, year),
    }
    return render(request, "emulation/public/honour_roll.html", context)


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    award = selectors.public_award(code=code)
    return render(request, "emulation/public/verify.html", {"award": award})
