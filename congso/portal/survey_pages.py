"""Rendered citizen survey pages kept per process (docs/surveys.md, "The citizen lane").

The form page behind a QR code differs between counters and citizens only by a few values:
the code (in its URLs), the names of the counter or officer, the unit and the agency, the kiosk
key, the signed single-use form token and the client_id. It is rendered once per language,
kiosk or not, form version, receipt token required or not, and unit equal to agency or not,
with a placeholder in each of those places, and kept as the pieces between the placeholders.

Each request still reads the database facts of its code (`selectors.target_form_facts`: one
query giving active, receipt token required, the names and the current form version) and
fills the placeholders with them (names HTML-escaped as the template would). So a new form
version, a reissued or deactivated code, a renamed unit or counter shows at once; only a
deployment (new templates or translations) needs the workers restarted, which it does anyway.
The non-kiosk thank-you page depends only on the language.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpResponse
from django.utils.html import escape
from django.utils.translation import get_language

from congso.surveys.selectors import target_form_facts
from congso.surveys.services import form_token_issue

CONTENT_TYPE = "text/html; charset=utf-8"
# Placeholders: letters only, so that neither HTML escaping nor `urlencode` changes them.
SLOTS = ("code", "name", "unit", "agency", "kioskkey", "token", "clientid")
MARK = {slot: f"QzCsSlot{slot}QzCs" for slot in SLOTS}
_MARKS = re.compile("QzCsSlot(" + "|".join(SLOTS) + ")QzCs")
_CODE = re.compile(r"[0-9A-Za-z]{1,32}")

Pieces = tuple[tuple[str, ...], tuple[str, ...]]  # literal texts, the slots between them
_FORMS: dict[tuple, Pieces] = {}
_THANKS: dict[str, bytes] = {}


def cached_form(
    code: str, *, kiosk: bool, kiosk_key: str, render: Callable[[dict], HttpResponse]
) -> HttpResponse | None:
    """The form page for a GET, from the kept pieces (rendered with `render(placeholders)` the
    first time); None when it cannot come from them (unknown, revoked or inactive code, no
    template yet, an unusual code): the caller renders the page itself."""
    if not _CODE.fullmatch(code):
        return None
    facts = target_form_facts(code)
    if facts is None or not facts[0] or facts[-1] is None:
        return None
    _active, requires_token, _kind, counter, person, unit, agency, version_id = facts
    key = (get_language(), kiosk, version_id, bool(requires_token), unit == agency)
    pieces = _FORMS.get(key)
    if pieces is None:
        pieces = _pieces(
            render(
                {
                    "requires_token": bool(requires_token),
                    "version_id": version_id,
                    "same_unit": unit == agency,
                }
            )
        )
        if pieces is None:
            return None
        _FORMS[key] = pieces
    values = {
        "code": code,
        "name": escape(counter or person or ""),
        "unit": escape(unit),
        "agency": escape(agency),
        "kioskkey": kiosk_key if kiosk else "",
        "token": form_token_issue(code=code, version_id=version_id).token,
        "clientid": str(uuid.uuid4()),
    }
    texts, slots = pieces
    parts = [texts[0]]
    for slot, text in zip(slots, texts[1:], strict=True):
        parts.append(values[slot])
        parts.append(text)
    return HttpResponse("".join(parts).encode(), content_type=CONTENT_TYPE)


def _pieces(response: HttpResponse) -> Pieces | None:
    if response.status_code != 200:
        return None
    split = _MARKS.split(response.content.decode())
    return tuple(split[0::2]), tuple(split[1::2])


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
