"""What every evaluation page shares: the year asked for, and the one shape of a form post
(call one service, say what happened in Vietnamese, go back to the page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.evaluation.rules import EvaluationError

LEVEL_KEYS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")


def year_of(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError as exc:
        raise Http404 from exc


def fail(request: HttpRequest, exc: EvaluationError | PermissionDenied) -> None:
    message = getattr(exc, "message", None) or _("Bạn không có quyền thực hiện việc này.")
    messages.error(request, str(message))


def act(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    to: str,
    invalid: str | None = None,
) -> HttpResponse:
    """Run one service call for a form post: on success flash `success` (or `success(result)`),
    on a refused input or action flash its Vietnamese message (nothing was written: every
    service is atomic), on unparsable input `invalid`; then go back to `to`."""
    try:
        outcome = call()
    except (EvaluationError, PermissionDenied) as exc:
        fail(request, exc)
    except ValueError:
        messages.error(request, invalid or _("Dữ liệu không hợp lệ."))
    else:
        messages.success(request, success(outcome) if callable(success) else success)
    return redirect(to)
