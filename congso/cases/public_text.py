"""Text from the public at the boundary (report API, report page, messages to a receipt).

Pure functions, no ORM. Every text is NFC-normalised. Bidirectional controls (embeddings,
overrides, isolates, directional marks) are stripped: Vietnamese never needs them and an RLO
can make a staff screen show text in a misleading order. NUL and other control characters
(besides tab and line breaks) are refused: no browser sends them, and PostgreSQL cannot store
NUL. Text that is not empty but has no visible character (only zero-width characters or
spaces of other kinds) is refused.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext, gettext_lazy

from congso.cases.rules import RuleError

# U+061C ALM, U+200E LRM, U+200F RLM, U+202A–U+202E embeddings/overrides, U+2066–U+2069 isolates.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_STRIP_BIDI = {ord(char): None for char in BIDI_CONTROLS}
# Characters that take no room on screen: trimmed at both ends like spaces.
_INVISIBLE_EDGES = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_SPACES = re.compile(r"[^\S\n]+")
_LINE_SPACES = re.compile(r"\s+")
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def has_visible_character(text: str) -> bool:
    """True when the text has a letter, digit, punctuation mark or symbol."""
    return any(unicodedata.category(char)[0] in "LNPS" for char in text)


def clean_public_text(value: object, *, multiline: bool = False) -> str:
    """The text as stored: NFC, bidi controls stripped, spaces tidied; RuleError (Vietnamese,
    without a field name: the caller adds its label) on control characters or on text with
    nothing visible in it."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).translate(_STRIP_BIDI)
    if any(unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS for char in text):
        raise RuleError(gettext("có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL)."))
    if text.strip() and not has_visible_character(text):
        raise RuleError(gettext("chỉ có ký tự không nhìn thấy được."))
    if multiline:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        text = "\n".join(_SPACES.sub(" ", line).strip(" " + _INVISIBLE_EDGES) for line in lines)
        text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    else:
        text = _LINE_SPACES.sub(" ", text).strip(" " + _INVISIBLE_EDGES)
    return text


def is_strict_id(value: object) -> bool:
    """An id is an integer or a string of digits; booleans are not ids (True is not 1)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 0
    return isinstance(value, str) and value.strip().isdigit()


# The report's fields as a person reads them (errors are shown next to each field).
REPORT_FIELD_LABELS = {
    "kind": gettext_lazy("Loại (phản ánh hay biểu dương)"),
    "agency_id": gettext_lazy("Cơ quan, đơn vị"),
    "description": gettext_lazy("Sự việc"),
    "officer_name": gettext_lazy("Cán bộ được nêu"),
    "counter_id": gettext_lazy("Quầy phục vụ"),
    "unit_text": gettext_lazy("Quầy, bộ phận"),
    "place": gettext_lazy("Địa điểm"),
    "occurred_on": gettext_lazy("Ngày xảy ra"),
    "contact_name": gettext_lazy("Họ tên"),
    "contact_phone": gettext_lazy("Điện thoại"),
    "contact_email": gettext_lazy("Thư điện tử"),
    "contact_address": gettext_lazy("Địa chỉ"),
    "client_id": gettext_lazy("Mã chống gửi trùng (client_id)"),
    "evidence": gettext_lazy("Tệp chứng cứ"),
    "body": gettext_lazy("Tin nhắn"),
}


def field_message(field: str, problem: str) -> str:
    """“Label: problem.” for a field of the report."""
    label = REPORT_FIELD_LABELS.get(field, field)
    return gettext("%(label)s: %(problem)s") % {"label": label, "problem": problem}
