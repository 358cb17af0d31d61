"""Public pages (no login): the honour roll by year and the certificate verification page.
They show only what is final: awards under an issued decision, confirmed exemplars. A code
that does not exist answers the same 404 as any other missing page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from congso.emulation import selectors


@require_GET
def honour_roll(request: HttpRequest) -> HttpResponse:
    years = selectors.honour_years()
    try:
        year = int(request.GET.get("nam") or (years[0] if years else timezone.localdate().year))
    except ValueError as exc:
        raise Http404 from exc
    context = {
        "year": year,
        "years": years,
        "awards": selectors.honour_roll(year=year),
        "exemplars": selectors.public_exemplars(year=year),
    }
    return render(request, "emulation/public/honour_roll.html", context)


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    award = selectors.public_award(code=code)
    return render(request, "emulation/public/verify.html", {"award": award})
