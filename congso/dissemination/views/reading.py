"""The recipient's pages: read a document, open its file, acknowledge it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.dissemination import reminders, selectors, services
from congso.dissemination.views.documents import _pdf_response


def _read_context(mine, error: str | None = None) -> dict:
    campaign = mine.campaign
    return {
        "mine": mine,
        "campaign": campaign,
        "document": campaign.document,
        "questions": list(enumerate(campaign.questions)),
        "error": error,
    }


@login_required
@require_GET
def read(request: HttpRequest, pk: int) -> HttpResponse:
    """A campaign the actor receives: summary, key points, the file, the acknowledgement."""
    mine = selectors.my_campaign_get(actor=request.actor, pk=pk)
    return render(request, "dissemination/read.html", _read_context(mine))


@login_required
@require_GET
def open_file(request: HttpRequest, pk: int) -> FileResponse:
    """The file of the version to acknowledge; fetching it records that it was opened."""
    mine = selectors.my_campaign_get(actor=request.actor, pk=pk)
    services.receipt_open(actor=request.actor, campaign=mine.campaign)
    return _pdf_response(mine.campaign.version)


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    """Acknowledge for oneself only (no person is taken from the request)."""
    mine = selectors.my_campaign_get(actor=request.actor, pk=pk)
    answers = []
    for index, _q in enumerate(mine.campaign.questions):
        value = request.POST.get(f"cau_{index}", "")
        answers.append(int(value) if value.isdigit() else None)
    try:
        services.acknowledge(actor=request.actor, campaign=mine.campaign, answers=answers)
    except ValidationError as exc:
        context = _read_context(mine, error=" ".join(exc.messages))
        return render(request, "dissemination/read.html", context, status=400)
    messages.success(request, _("Cảm ơn bạn đã xác nhận đã đọc văn bản."))
    return redirect("dissemination:read", pk=pk)


@login_required
@require_POST
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of one's own notices read (404 for anyone else's)."""
    reminders.notice_mark_read(actor=request.actor, pk=pk)
    return redirect("common:my_tasks")


@login_required
@require_POST
def notices_read(request: HttpRequest) -> HttpResponse:
    """Mark all of one's notices read."""
    count = reminders.notices_mark_all_read(actor=request.actor)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return redirect("common:my_tasks")
