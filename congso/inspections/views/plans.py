"""Inspection home, annual plans and unit scores."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.inspections import selectors, services
from congso.inspections.forms import PlanForm
from congso.inspections.models import VisitStatus
from congso.inspections.views.common import error_text, int_param, require_view


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Visits of a year (filter by status), plans of the year, overdue remediation."""
    require_view(request)
    actor = request.actor
    year = int_param(request.GET.get("nam"), selectors.current_year())
    status = request.GET.get("trang_thai", "")
    status = status if status in VisitStatus.values else ""
    context = {
        "year": year,
        "years": selectors.year_options(),
        "status": status,
        "statuses": VisitStatus.choices,
        "visits": list(selectors.visit_list(actor=actor, year=year, status=status)[:200]),
        "plans": list(selectors.plan_list(actor=actor, year=year)),
        "overdue": selectors.task_list(actor=actor, overdue_only=True).count(),
        "can_manage": actor.has(Cap.INSPECTIONS_MANAGE),
    }
    return render(request, "inspections/index.html", context)


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if not actor.has(Cap.INSPECTIONS_MANAGE):
        raise Http404
    units = list(selectors.inspecting_unit_options(actor=actor))
    targets = list(selectors.target_options(actor=actor))
    form = PlanForm(
        request.POST or None,
        units=units,
        targets=targets,
        initial={"year": selectors.current_year()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {u.pk: u for u in [*units, *targets]}
        owner = by_id[data["unit"]]
        try:
            plan = services.plan_create(
                actor=actor,
                unit=owner,
                year=data["year"],
                title=data["title"],
                description=data["description"],
                targets=[by_id[t] for t in data["targets"]],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Đã lưu kế hoạch kiểm tra."))
            return redirect("inspections:plan", pk=plan.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form}
    return render(request, "inspections/plan_form.html", context, status=status)


@login_required
@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.actor, pk=pk)
    return render(request, "inspections/plan_detail.html", _plan_context(request, plan))


def _plan_context(request: HttpRequest, plan, **extra) -> dict:
    actor = request.actor
    return {
        "plan": plan,
        "targets": list(selectors.plan_targets(plan=plan)),
        "visits": list(selectors.visit_list(actor=actor, plan=plan)),
        "can_manage": actor.can(Cap.INSPECTIONS_MANAGE, plan.unit_id),
        **extra,
    }


@login_required
@require_POST
def plan_advance(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_get(actor=request.actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    try:
        services.plan_advance(actor=request.actor, plan=plan)
    except ValidationError as exc:
        context = _plan_context(request, plan, error=error_text(exc))
        return render(request, "inspections/plan_detail.html", context, status=400)
    return redirect("inspections:plan", pk=plan.pk)


@login_required
@require_GET
def scores(request: HttpRequest) -> HttpResponse:
    """Inspection score per unit for a year (formula in docs/inspections.md)."""
    require_view(request)
    year = int_param(request.GET.get("nam"), selectors.current_year())
    rows = selectors.unit_scores(actor=request.actor, year=year)
    context = {"year": year, "years": selectors.year_options(), "rows": rows}
    return render(request, "inspections/scores.html", context)
