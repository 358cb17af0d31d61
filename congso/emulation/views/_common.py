"""Helpers shared by the staff views: parsing of plain form fields and the refusal message."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib import messages
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _


def year_of(request: HttpRequest, default: int | None = None) -> int:
    try:
        return int(
            request.GET.get("nam")
            or request.POST.get("nam")
            or default
            or timezone.localdate().year
        )
    except ValueError as exc:
        raise Http404 from exc


def parse_day(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def to_int(value, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def fail(request: HttpRequest, exc: Exception) -> None:
    message = getattr(exc, "message", None) or _("Bạn không có quyền thực hiện việc này.")
    messages.error(request, str(message))
