"""Helpers shared by the inspection pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from congso.common.permissions import Cap


def require_view(request: HttpRequest) -> None:
    if not request.actor.has(Cap.INSPECTIONS_VIEW):
        raise Http404


def error_text(exc: ValidationError) -> str:
    return " ".join(str(m) for m in exc.messages)


def int_param(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
