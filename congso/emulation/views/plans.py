"""Staff pages of plans, registrations, urging and reviews: thin views over selectors and
services. Forms post plain fields (they work without JavaScript); each refusal shows its
Vietnamese message."""

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
from congso.emulation.models import (
    AwardTitle,
    BallotMode,
    RegistrationState,
    ReviewKind,
    Subject,
)
from congso.emulation.rules import EmulationError
from congso.emulation.services import catalogue
from congso.emulation.views._common import fail, parse_day, to_int, year_of


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if not actor.has(Cap.EMULATION_VIEW):
        raise Http404
    year = year_of(request)
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
        "can_edit_catalogue": catalogue.may_edit(actor),
        "ballot_modes": BallotMode.choices,
    }
    context["plans"] = list({p.pk: p for p in context["plans"]}.values())
    return render(request, "emulation/index.html", context)


@login_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    unit = selectors.unit_get(
        actor=actor, pk=to_int(request.POST.get("unit")), capability=Cap.EMULATION_MANAGE
    )
    titles = list(AwardTitle.objects.filter(pk__in=request.POST.getlist("titles")))
    deadline = parse_day(request.POST.get("deadline", ""))
    try:
        if deadline is None:
            raise EmulationError(_("Hạn đăng ký không đúng dạng ngày (dd/mm/yyyy)."))
        plan = services.plan_create(
            actor=actor,
            unit=unit,
            year=year_of(request),
            name=request.POST.get("name", ""),
            registration_deadline=deadline,
            titles=titles,
            criteria=request.POST.get("criteria", ""),
            milestones=request.POST.get("milestones", ""),
        )
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
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
    title = AwardTitle.objects.filter(pk=to_int(request.POST.get("title"))).first()
    unit_id = to_int(request.POST.get("unit"))
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
        fail(request, exc)
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
        fail(request, exc)
    else:
        messages.success(request, _("Đã cập nhật đăng ký."))
    return redirect("emulation:plan", row.plan_id)


@login_required
@require_POST
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    plan = _plan_for(request, pk)
    try:
        unit = selectors.unit_get(
            actor=actor, pk=to_int(request.POST.get("unit")), capability=Cap.EMULATION_REGISTER
        )
        services.review_save(
            actor=actor,
            plan=plan,
            unit=unit,
            kind=request.POST.get("kind", ""),
            narrative=request.POST.get("narrative", ""),
        )
    except (EmulationError, PermissionDenied) as exc:
        fail(request, exc)
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
        fail(request, exc)
    else:
        messages.success(request, _("Đã gửi %(n)s thông báo nhắc đăng ký.") % {"n": sent})
    return redirect(reverse("emulation:plan", args=[plan.pk]) + "#urging")


@login_required
@require_GET
def review_docx(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.review_get(actor=request.actor, pk=pk)
    response = HttpResponse(documents.review_docx(review), content_type=documents.DOCX_MIME)
    name = f"bao-cao-{review.kind.replace('_', '-')}-{review.plan.year}-{review.unit_id}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
