"""The page behind a QR code (works without JavaScript), its thank-you page, and the public
scorecard of an agency (aggregates only)."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from congso.org.models import OrgUnit
from congso.portal import survey_pages
from congso.portal.survey_forms import DEVICE_COOKIE, form_context, submit_form
from congso.portal.survey_pages import cached_form, cached_thanks
from congso.surveys.api import form_document
from congso.surveys.rules import ELEMENT_NAMES, SIPAS_KEYS
from congso.surveys.selectors import public_scorecard, version_public
from congso.surveys.services import SurveyError
from congso.surveys.services.submit import kiosk_key_valid
from congso.surveys.views.common import past_months, period_choices, period_from


def _with_device_cookie(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(
            DEVICE_COOKIE, uuid.uuid4().hex, max_age=365 * 86400, httponly=True, samesite="Lax"
        )
    return response


# Anonymous form protected by its signed single-use form token and its client_id, not by a
# session: it is served in the citizen lane, without sessions or CSRF cookies (docs/surveys.md).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def survey_form(request: HttpRequest, code: str) -> HttpResponse:
    """GET shows the form (from the page cache, survey_pages.py); POST stores the rating and
    redirects to the thank-you page."""
    key = request.GET.get("kiosk") or request.POST.get("kiosk") or ""
    kiosk = kiosk_key_valid(code, key)
    if request.method == "GET":
        response = cached_form(
            code,
            kiosk=kiosk,
            kiosk_key=key,
            render=lambda facts: _placeholder_page(request, kiosk, facts),
        )
        return _with_device_cookie(request, response or _form_page(request, code, kiosk, key))
    error = submit_form(request, code=code, kiosk=kiosk)
    if error is None:
        url = reverse("portal:survey_thanks", args=[code])
        return HttpResponseRedirect(f"{url}?kiosk={key}" if kiosk else url)
    return _with_device_cookie(request, _form_page(request, code, kiosk, key, error))


def _form_page(
    request: HttpRequest, code: str, kiosk: bool, key: str, error: SurveyError | None = None
) -> HttpResponse:
    context = form_context(request, code=code, kiosk=kiosk, kiosk_key=key, error=error)
    if context.get("unavailable"):
        return render(request, "portal/survey_unavailable.html", context, status=404)
    status = error.status if error else 200
    return render(request, "portal/survey_form.html", context, status=status)


def _placeholder_page(request: HttpRequest, kiosk: bool, facts: dict) -> HttpResponse:
    """The form page with placeholders where codes, names, keys and tokens go (the page
    cache keeps it in pieces, survey_pages.py)."""
    mark = survey_pages.MARK
    target = {
        "kind": "counter",  # not shown
        "name": mark["name"],
        "unit": mark["unit"],
        "agency": mark["unit"] if facts["same_unit"] else mark["agency"],
    }
    payload = form_document(
        code=mark["code"],
        target=target,
        version=version_public(facts["version_id"]),
        requires_token=facts["requires_token"],
        form_token=mark["token"],
    )
    context = form_context(
        request,
        code=mark["code"],
        kiosk=kiosk,
        kiosk_key=mark["kioskkey"] if kiosk else "",
        error=None,
        payload=payload,
        client_id=mark["clientid"],
    )
    # The language links come back to this page: its path carries the code (and a kiosk's
    # key), so they are placeholders too, never the path of the request that filled the cache.
    query = f"?kiosk={mark['kioskkey']}" if kiosk else ""
    context["language_next"] = reverse("portal:survey_form", args=[mark["code"]]) + query
    return render(request, "portal/survey_form.html", context)


def survey_thanks(request: HttpRequest, code: str) -> HttpResponse:
    key = request.GET.get("kiosk", "")
    kiosk = kiosk_key_valid(code, key)
    if not kiosk:  # the same page for every code: kept per language
        return cached_thanks(lambda: _thanks_page(request, code, kiosk, key))
    return _thanks_page(request, code, kiosk, key)


def _thanks_page(request: HttpRequest, code: str, kiosk: bool, key: str) -> HttpResponse:
    form_url = reverse("portal:survey_form", args=[code]) + (f"?kiosk={key}" if kiosk else "")
    probe_url = f"/api/v1/public/surveys/{code}"
    context = {"kiosk": kiosk, "form_url": form_url, "probe_url": probe_url}
    if not kiosk:  # kept for every code (cached_thanks): the language links lead home
        context["language_next"] = reverse("portal:index")
    return render(request, "portal/survey_thanks.html", context)


def agency_scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    """Public figures of one agency or commune that serves citizens."""
    agency = get_object_or_404(OrgUnit.unscoped, pk=pk, serves_citizens=True)
    period = period_from(request)
    if period.start > timezone.localdate():
        raise Http404
    index, previous, monthly = public_scorecard(agency=agency, period=period)
    elements = [(ELEMENT_NAMES[k], index.shares.get(k)) for k in SIPAS_KEYS]
    return render(
        request,
        "portal/scorecard.html",
        {
            "agency": agency,
            "period": period,
            "periods": period_choices(period),
            "index": index,
            "previous": previous,
            "elements": elements,
            "monthly": past_months(monthly),
        },
    )
