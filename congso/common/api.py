"""What every JSON operation shares: the error body and the one 404 answer.

A missing row and a row out of the caller's reach answer the same 404 (`get_for_actor` raises
`Http404`; the API's handler in `config/api.py` turns it into `NOT_FOUND`), so operations let
`Http404` propagate instead of catching it.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from ninja import Schema

NOT_FOUND = gettext_lazy("Không tìm thấy hoặc bạn không có quyền xem.")


class ErrorOut(Schema):
    """The body of every 4xx answer: a Vietnamese message, and the input field it is about."""

    detail: str
    field: str = ""
