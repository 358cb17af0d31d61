"""The portal's home page: what a citizen can do, and the agencies with a public scorecard.

The agency list has a plain GET search (`?tim=`) that ignores diacritics and case:
`nguyen` finds `Nguyễn`, `khanh yen` finds `Khánh Yên`."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from congso.common.text import search_key
from congso.surveys.selectors import public_agencies


def portal_index(request: HttpRequest) -> HttpResponse:
    agencies = public_agencies()
    query = request.GET.get("tim", "").strip()[:100]
    words = search_key(query).split()
    if words:
        agencies = [a for a in agencies if all(w in a.search_key for w in words)]
    provincial = [a for a in agencies if a.kind != "commune"]
    communes = [a for a in agencies if a.kind == "commune"]
    context = {
        "provincial": provincial,
        "communes": communes,
        "query": query,
        "match_count": len(agencies),
    }
    return render(request, "portal/index.html", context)


@require_GET
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """The citizen pages' language switch: a plain link, no form, no JavaScript.

    It sets the cookie the staff switcher (Django's `set_language`) sets and that
    `common.middleware.LanguageMiddleware` reads. A link rather than a POST form because the
    citizen survey page sets no CSRF cookie on purpose (docs/surveys.md); changing the display
    language is not worth protecting against a forged request. `next` must be a path of this
    site (else the portal's home).
    """
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/cong-dan/"
    response = HttpResponseRedirect(next_url)
    if code in {language for language, _name in settings.LANGUAGES}:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response
