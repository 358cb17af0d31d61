"""Decisions (DOCX) and awards (certificate PDF, revocation): thin views over selectors and
services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.emulation import documents, selectors, services
from congso.emulation.rules import EmulationError
from congso.emulation.views._common import fail, parse_day, to_int


@login_required
@require_POST
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    meeting = selectors.meeting_get(actor=actor, pk=pk)
    ids = [to_int(v) for v in request.POST.getlist("proposals")]
    proposals = list(selectors.proposal_list(actor=actor, year=meeting.year).filter(pk__in=ids))
    try:
        if (day := parse_day(request.POST.get("signed_on", ""))) is None:
            raise EmulationError(_("Ngày ký không đúng dạng ngày (dd/mm/yyyy)."))
        decision = services.decision_issue(
            actor=actor,
            unit=meeting.unit,
            year=meeting.year,
            number=to_int(request.POST.get("number")),
            signed_on=day,
            signer=request.POST.get("signer", ""),
            signer_title=request.POST.get("signer_title", ""),
            subject=request.POST.get("subject", "")
            or _("khen thưởng năm %(y)s") % {"y": meeting.year},
            proposals=proposals,
            meeting=meeting,
        )
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
        return redirect("emulation:meeting", meeting.pk)
    messages.success(request, _("Đã ban hành quyết định %(ref)s.") % {"ref": decision.ref})
    return redirect("emulation:decision", decision.pk)


@login_required
@require_GET
def decision_page(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(actor=request.actor, pk=pk)
    awards = decision.awards.select_related("title", "unit").order_by("id")
    return render(request, "emulation/decision.html", {"decision": decision, "awards": awards})


@login_required
@require_GET
def decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get(actor=request.actor, pk=pk)
    response = HttpResponse(documents.decision_docx(decision), content_type=documents.DOCX_MIME)
    name = f"quyet-dinh-{decision.number}-{decision.year}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _verify_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("honour:verify", args=[code]))


@login_required
@require_GET
def award_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    award = selectors.award_get(actor=actor, pk=pk)
    context = {
        "award": award,
        "verify_url": _verify_url(request, award.code),
        "can_manage": actor.can(Cap.EMULATION_MANAGE, award.unit_id),
        "amount": documents.money(award.amount),
    }
    return render(request, "emulation/award.html", context)


@login_required
@require_GET
def award_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    award = selectors.award_get(actor=request.actor, pk=pk)
    if award.revoked_on:
        raise Http404
    pdf = documents.certificate_pdf(award, _verify_url(request, award.code))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="chung-nhan-{award.code}.pdf"'
    return response


@login_required
@require_POST
def award_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    award = selectors.award_get(actor=actor, pk=pk)
    raw = request.POST.get("recover_amount", "").replace(".", "").strip()
    try:
        services.award_revoke(
            actor=actor,
            award=award,
            reason=request.POST.get("reason", ""),
            on=timezone.localdate(),
            recover_amount=to_int(raw, -1) if raw else None,
        )
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã hủy bỏ khen thưởng."))
    return redirect("emulation:award", award.pk)
