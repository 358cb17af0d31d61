"""Staff pages of eligibility, proposals, the history import and initiatives."""

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
from congso.emulation import selectors, services
from congso.emulation.models import (
    AwardTitle,
    ProposalState,
)
from congso.emulation.rules import EmulationError
from congso.emulation.views._common import fail, to_int, year_of
from congso.org.models import Person


@login_required
@require_GET
def unit_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    unit = selectors.unit_get(actor=actor, pk=pk, capability=Cap.EMULATION_PROPOSE)
    year = year_of(request, default=timezone.localdate().year - 1)
    title_id = to_int(request.GET.get("danh_hieu"))
    titles = list(selectors.catalogue())
    chosen = [t for t in titles if t.pk == title_id] or titles[:1]
    rows = selectors.eligibility(actor=actor, unit=unit, year=year, titles=chosen)
    proposed = {
        (p.person_id, p.unit_id if p.person_id is None else None)
        for p in selectors.proposal_list(actor=actor, year=year, unit=unit)
        .filter(title__in=chosen)
        .exclude(state=ProposalState.WITHDRAWN)
    }
    context = {
        "unit": unit,
        "year": year,
        "titles": titles,
        "title": chosen[0] if chosen else None,
        "rows": rows,
        "proposed": proposed,
        "proposals": selectors.proposal_list(actor=actor, year=year, unit=unit),
        "can_manage": actor.can(Cap.EMULATION_MANAGE, unit.pk),
        "history": selectors.history(actor=actor).in_subtree(unit)[:50],
    }
    return render(request, "emulation/eligibility.html", context)


@login_required
@require_POST
def unit_propose(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    unit = selectors.unit_get(actor=actor, pk=pk, capability=Cap.EMULATION_PROPOSE)
    year = year_of(request)
    title = AwardTitle.objects.filter(pk=to_int(request.POST.get("title"))).first()
    back = reverse("emulation:eligibility", args=[unit.pk]) + f"?nam={year}"
    if title:
        back += f"&danh_hieu={title.pk}"
    person = None
    person_id = to_int(request.POST.get("person"))
    try:
        if title is None:
            raise EmulationError(_("Chọn danh hiệu."))
        if person_id:
            person = (
                Person.objects.for_actor(actor, Cap.PEOPLE_VIEW)
                .in_subtree(unit)
                .filter(pk=person_id)
                .first()
            )
            if person is None:
                raise Http404
            services.proposal_create(
                actor=actor,
                title=title,
                year=year,
                person=person,
                achievement=request.POST.get("achievement", ""),
            )
        else:
            target = selectors.unit_get(
                actor=actor,
                pk=to_int(request.POST.get("collective")),
                capability=Cap.EMULATION_PROPOSE,
            )
            services.proposal_create(
                actor=actor,
                title=title,
                year=year,
                unit=target,
                achievement=request.POST.get("achievement", ""),
            )
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã lập đề nghị khen thưởng."))
    return redirect(back)


@login_required
@require_POST
def unit_history_import(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    unit = selectors.unit_get(actor=actor, pk=pk, capability=Cap.EMULATION_MANAGE)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise EmulationError(_("Chọn tệp Excel (.xlsx)."))
        count = services.history_import(
            actor=actor, unit=unit, content=upload.read(), this_year=timezone.localdate().year
        )
    except services.ImportErrors as exc:
        for line in exc.lines()[:50]:
            messages.error(request, line)
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã nhập %(n)s dòng lịch sử thi đua.") % {"n": count})
    return redirect("emulation:eligibility", unit.pk)


@login_required
@require_GET
def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(actor=request.actor, pk=pk)
    ballot = selectors.ballot_of(proposal=proposal)
    return render(request, "emulation/proposal.html", {"proposal": proposal, "ballot": ballot})


@login_required
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = selectors.proposal_get(actor=request.actor, pk=pk)
    try:
        services.proposal_withdraw(actor=request.actor, proposal=proposal)
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
    return redirect("emulation:proposal", proposal.pk)


@login_required
@require_POST
def initiative_submit(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if not actor.person_id:
        raise Http404
    try:
        services.initiative_submit(
            actor=actor,
            person=selectors.own_person(actor=actor),
            year=year_of(request),
            name=request.POST.get("name", ""),
            summary=request.POST.get("summary", ""),
            scope=request.POST.get("scope")
            if request.POST.get("scope") in ("co_so", "tinh")
            else "co_so",
        )
    except EmulationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã gửi sáng kiến để Hội đồng xét công nhận."))
    return redirect("emulation:index")


@login_required
@require_POST
def initiative_decide(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    initiative = selectors.initiative_get(actor=actor, pk=pk)
    try:
        services.initiative_decide(
            actor=actor,
            initiative=initiative,
            recognise=request.POST.get("action") == "recognise",
            on=timezone.localdate(),
            note=request.POST.get("note", ""),
        )
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
    return redirect("emulation:eligibility", initiative.unit_id)
