"""Rendered citizen survey pages kept per process (docs/surveys.md, "The citizen lane").

The form page behind a QR code is the same for every citizen of a counter except for two
values: the signed single-use form token and the client_id. It is rendered once per code,
language, kiosk or not, and *database facts* (`selectors.target_form_facts`: active, receipt
token required, kind, names, current form version), then kept as the bytes around those two
values. Each request still reads the facts (one query) and looks the page up under them, so a
new form version, a reissued or deactivated code, a renamed unit or counter shows at once: a
changed row is another key. The non-kiosk thank-you page depends only on the language.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from congso.surveys.selectors import target_form_facts
from congso.surveys.services import form_token_issue

_MAX_PAGES = 2048  # per process; about 11 KB each
_FORMS: dict[tuple, tuple[bytes, bytes, bytes, bool]] = {}
_THANKS: dict[str, bytes] = {}

CONTENT_TYPE = "text/html; charset=utf-8"


def cached_form(
    request: HttpRequest, code: str, *, kiosk: bool, render: Callable[[], HttpResponse]
) -> HttpResponse | None:
    """The form page for a GET from the page cache, rendering it with `render` the first time;
    None when the page cannot be served from the cache (unknown, revoked or inactive code, no
    template yet: the caller renders it, with its 404)."""
    facts = target_form_facts(code)
    if facts is None or not facts[0] or facts[-1] is None:
        return None
    key = (code, get_language(), kiosk, facts)
    parts = _FORMS.get(key)
    if parts is None:
        response = render()
        parts = _split(response)
        if parts is None:
            return response
        if len(_FORMS) >= _MAX_PAGES:
            _FORMS.clear()
        _FORMS[key] = parts
    before, between, after, token_first = parts
    token = form_token_issue(code=code, version_id=facts[-1]).token.encode()
    client_id = str(uuid.uuid4()).encode()
    first, second = (token, client_id) if token_first else (client_id, token)
    body = b"".join((before, first, between, second, after))
    return HttpResponse(body, content_type=CONTENT_TYPE)


def _split(response: HttpResponse) -> tuple[bytes, bytes, bytes, bool] | None:
    """The page around its form token and client_id (each must appear exactly once), and
    whether the token comes first."""
    if response.status_code != 200:
        return None
    html = response.content
    token = getattr(response, "form_token", "").encode()
    client_id = getattr(response, "client_id", "").encode()
    if not token or not client_id or html.count(token) != 1 or html.count(client_id) != 1:
        return None
    token_first = html.index(token) < html.index(client_id)
    first, second = (token, client_id) if token_first else (client_id, token)
    before, rest = html.split(first)
    between, after = rest.split(second)
    return before, between, after, token_first


def cached_thanks(render: Callable[[], HttpResponse]) -> HttpResponse:
    """The non-kiosk thank-you page (the same for every code), rendered once per language."""
    language = get_language()
    body = _THANKS.get(language)
    if body is None:
        response = render()
        if response.status_code != 200:
            return response
        body = _THANKS[language] = response.content
    return HttpResponse(body, content_type=CONTENT_TYPE)


def clear() -> None:
    """Forget every kept page (tests; a deployment restarts the workers anyway)."""
    _FORMS.clear()
    _THANKS.clear()
