"""Staff pages of the emulation movement: thin views over selectors and services. Forms post
plain fields (they work without JavaScript); each refusal shows its Vietnamese message."""

from __future__ import annotations

from datetime import date, datetime

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
    RegistrationState,
    ReviewKind,
    Subject,
)
from congso.emulation.rules import EmulationError
from congso.org.models import Person


def _year(request: HttpRequest, default: int | None = None) -> int:
    try:
        return int(
            request.GET.get("nam")
            or request.POST.get("nam")
            or default
            or timezone.localdate().year
        )
    except ValueError as exc:
        raise Http404 from exc


def _day(value: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            continue
    return None


def _int(value, default: int = 0) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _fail(request: HttpRequest, exc: Exception) -> None:
    message = getattr(exc, "message", None) or _("Bạn không có quyền thực hiện việc này.")
    messages.error(request, str(message))


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if not actor.has(Cap.EMULATION_VIEW):
        raise Http404
    year = _year(request)
    context = {
        "year": year,
        "plans": list(selectors.plans_open_to(actor=actor, year=year))
        + [p for p in selectors.plan_list(actor=actor, year=year)],
        "my_registrations": selectors.my_registrations(actor=actor),
        "my_awards": selectors.my_awards(actor=actor),
        "my_initiatives": selectors.initiative_list(actor=actor).filter(
            person_id=actor.person_id or 0
        ),
        "agencies": selectors.agencies(actor=actor, capability=Cap.EMULATION_PROPOSE)[:200],
        "manage_units": selectors.agencies(actor=actor, capability=Cap.EMULATION_MANAGE)[:200],
        "meetings": selectors.meeting_list(actor=actor)[:20],
        "decisions": selectors.decision_list(actor=actor)[:20],
        "titles": selectors.catalogue(),
        "can_manage": actor.has(Cap.EMULATION_MANAGE),
    }
    context["plans"] = list({p.pk: p for p in context["plans"]}.values())
    return render(request, "emulation/index.html", context)


@login_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    unit = selectors.unit_get(
        actor=actor, pk=_int(request.POST.get("unit")), capability=Cap.EMULATION_MANAGE
    )
    titles = list(AwardTitle.objects.filter(pk__in=request.POST.getlist("titles")))
    deadline = _day(request.POST.get("deadline", ""))
    try:
        if deadline is None:
            raise EmulationError(_("Hạn đăng ký không đúng dạng ngày (dd/mm/yyyy)."))
        plan = services.plan_create(
            actor=actor,
            unit=unit,
            year=_year(request),
            name=request.POST.get("name", ""),
            registration_deadline=deadline,
            titles=titles,
            criteria=request.POST.get("criteria", ""),
            milestones=request.POST.get("milestones", ""),
        )
    except (EmulationError, PermissionDenied) as exc:
        _fail(request, exc)
        return redirect("emulation:index")
    messages.success(request, _("Đã tạo kế hoạch thi đua."))
    return redirect("emulation:plan", plan.pk)


def _plan_for(request: HttpRequest, pk: int):
    return selectors.plan_readable(actor=request.actor, pk=pk)


@login_required
@require_GET
def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    plan = _plan_for(request, pk)
    titles = list(plan.titles.all())
    registrations = list(selectors.registration_list(actor=actor, plan=plan))
    can_manage = actor.can(Cap.EMULATION_MANAGE, plan.unit_id)
    context = {
        "plan": plan,
        "titles": titles,
        "individual_titles": [t for t in titles if t.subject == Subject.INDIVIDUAL],
        "collective_titles": [t for t in titles if t.subject == Subject.COLLECTIVE],
        "registrations": registrations,
        "open": timezone.localdate() <= plan.registration_deadline,
        "can_manage": can_manage,
        "register_units": selectors.agencies(actor=actor, capability=Cap.EMULATION_REGISTER).filter(
            path__startswith=plan.unit.path
        )[:100],
        "urging": selectors.urging(actor=actor, plan=plan) if can_manage else [],
        "states": RegistrationState,
        "reviews": selectors.review_list(actor=actor, plan=plan),
        "review_kinds": ReviewKind.choices,
    }
    return render(request, "emulation/plan.html", context)


@login_required
@require_POST
def plan_register(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    plan = _plan_for(request, pk)
    title = AwardTitle.objects.filter(pk=_int(request.POST.get("title"))).first()
    unit_id = _int(request.POST.get("unit"))
    try:
        if title is None:
            raise EmulationError(_("Chọn danh hiệu."))
        if unit_id:
            unit = selectors.unit_get(actor=actor, pk=unit_id, capability=Cap.EMULATION_REGISTER)
            row = services.registration_create(actor=actor, plan=plan, title=title, unit=unit)
        else:
            person = selectors.own_person(actor=actor)
            row = services.registration_create(actor=actor, plan=plan, title=title, person=person)
        if request.POST.get("submit"):
            services.registration_submit(actor=actor, registration=row)
    except (EmulationError, PermissionDenied) as exc:
        _fail(request, exc)
        return redirect("emulation:plan", plan.pk)
    messages.success(request, _("Đã ghi đăng ký thi đua."))
    return redirect("emulation:plan", plan.pk)


@login_required
@require_POST
def registration_step(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    row = selectors.registration_get(actor=actor, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "submit":
            services.registration_submit(actor=actor, registration=row)
        elif action in ("approve", "return"):
            services.registration_decide(
                actor=actor,
                registration=row,
                approve=action == "approve",
                reason=request.POST.get("reason", ""),
            )
        else:
            raise EmulationError(_("Thao tác không hợp lệ."))
    except (EmulationError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Đã cập nhật đăng ký."))
    return redirect("emulation:plan", row.plan_id)


@login_required
@require_GET
def unit_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    unit = selectors.unit_get(actor=actor, pk=pk, capability=Cap.EMULATION_PROPOSE)
    year = _year(request, default=timezone.localdate().year - 1)
    title_id = _int(request.GET.get("danh_hieu"))
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
    year = _year(request)
    title = AwardTitle.objects.filter(pk=_int(request.POST.get("title"))).first()
    back = reverse("emulation:eligibility", args=[unit.pk]) + f"?nam={year}"
    if title:
        back += f"&danh_hieu={title.pk}"
    person = None
    person_id = _int(request.POST.get("person"))
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
                pk=_int(request.POST.get("collective")),
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
        _fail(request, exc)
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
        _fail(request, exc)
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
        _fail(request, exc)
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
            year=_year(request),
            name=request.POST.get("name", ""),
            summary=request.POST.get("summary", ""),
            scope=request.POST.get("scope")
            if request.POST.get("scope") in ("co_so", "tinh")
            else "co_so",
        )
    except EmulationError as exc:
        _fail(request, exc)
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
        _fail(request, exc)
    return redirect("emulation:eligibility", initiative.unit_id)


@login_required
@require_POST
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    plan = _plan_for(request, pk)
    try:
        unit = selectors.unit_get(
            actor=actor, pk=_int(request.POST.get("unit")), capability=Cap.EMULATION_REGISTER
        )
        services.review_save(
            actor=actor,
            plan=plan,
            unit=unit,
            kind=request.POST.get("kind", ""),
            narrative=request.POST.get("narrative", ""),
        )
    except (EmulationError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Đã lưu báo cáo sơ kết, tổng kết."))
    return redirect(reverse("emulation:plan", args=[plan.pk]) + "#reviews")


@login_required
@require_POST
def plan_urge(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    plan = _plan_for(request, pk)
    try:
        if not actor.can(Cap.EMULATION_MANAGE, plan.unit_id):
            raise PermissionDenied
        sent = services.urging_send(
            actor=actor, plan=plan, rows=selectors.urging(actor=actor, plan=plan)
        )
    except (EmulationError, PermissionDenied) as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("Đã gửi %(n)s thông báo nhắc đăng ký.") % {"n": sent})
    return redirect(reverse("emulation:plan", args=[plan.pk]) + "#urging")
