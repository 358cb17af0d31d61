"""What every evaluation page shares: the year asked for, and the one shape of a form post
(call one service, say what happened in Vietnamese, go back to the page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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


def form_post(
    load: Callable[..., Any],
    service: Callable[..., Any],
    *,
    name: str,
    fields: tuple[str, ...] = (),
    success,
    page: str,
    back: Callable[[Any], int] = lambda obj: obj.pk,
    capability: str | None = None,
):
    """A page's form post in one line of configuration: read the object with the actor
    (`load`, a selector: 404 outside the actor's reach), call `service(actor=…, <name>=obj,
    <field>=<posted text>…)` through `act`, go back to `page` of `back(obj)`."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        extra = {"capability": capability} if capability else {}
        obj = load(actor=request.actor, pk=pk, **extra)
        posted = {field: request.POST.get(field, "") for field in fields}
        return act(
            request,
            lambda: service(actor=request.actor, **{name: obj}, **posted),
            success=success if callable(success) else str(success),
            to=reverse(page, args=[back(obj)]),
        )

    return view
