"""The evaluation home and a unit's page: its sheets, its classification, its settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.evaluation import charts, rules, selectors, services
from congso.evaluation.models import PeriodKind
from congso.evaluation.rules import CRITERIA, EvaluationError
from congso.evaluation.views._common import act, fail, year_of


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    actor = request.actor
    if not actor.has(Cap.EVALUATION_VIEW):
        raise Http404
    context = {
        "my_sheets": selectors.my_sheets(actor=actor).order_by("-start")[:24],
        "my_results": selectors.my_results(actor=actor),
        "to_assess": selectors.sheets_to_assess(actor=actor)[:50],
        "agencies": selectors.agencies(actor=actor)[:200],
        "year": year_of(request),
    }
    return render(request, "evaluation/index.html", context)


@login_required
@require_GET
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    unit = selectors.unit_get(actor=actor, pk=pk)
    year = year_of(request)
    progress = selectors.sheet_progress(actor=actor, unit=unit, year=year)
    runs = list(selectors.run_list(actor=actor).filter(unit=unit, year=year))
    levels = selectors.level_counts(actor=actor, runs=runs)
    context = {
        "unit": unit,
        "year": year,
        "periods": [
            (rules.period_label(kind, n, year), counts) for (kind, n), counts in progress.items()
        ],
        "progress_chart": charts.progress_chart(progress),
        "levels_chart": charts.levels_chart(levels) if levels else None,
        "sheets": selectors.open_sheets(actor=actor, unit=unit, year=year)[:300],
        "runs": runs,
        "can_manage": actor.can(Cap.EVALUATION_MANAGE, unit.pk),
        "config": services.sheets.settings_for(unit.pk),
        "weights": services.sheets.weights_for(unit.pk),
        "criteria": CRITERIA,
        "period_kinds": PeriodKind.choices,
        "months": range(1, 13),
    }
    return render(request, "evaluation/unit.html", context)


def _managed(request: HttpRequest, pk: int):
    return selectors.unit_get(actor=request.actor, pk=pk, capability=Cap.EVALUATION_MANAGE)


@login_required
@require_POST
def unit_open_period(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _managed(request, pk)
    post = request.POST
    return act(
        request,
        lambda: services.sheets_open_period(
            actor=request.actor,
            unit=unit,
            year=int(post.get("year", 0)),
            period_kind=post.get("period_kind", "month"),
            number=int(post.get("number", 0)),
        ),
        success=lambda count: _("Đã mở %(n)s phiếu đánh giá.") % {"n": count},
        to=reverse("evaluation:unit", args=[unit.pk]),
        invalid=_("Năm hoặc kỳ đánh giá không hợp lệ."),
    )


@login_required
@require_POST
def unit_classify(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _managed(request, pk)
    try:
        year = int(request.POST.get("year", 0))
        summaries = services.classify(actor=request.actor, year=year, unit=unit)
    except (EvaluationError, PermissionDenied) as exc:
        fail(request, exc)
        return redirect("evaluation:unit", pk=unit.pk)
    except ValueError:
        raise Http404 from None
    run_ids = [s.run_id for s in summaries if s.run_id]
    messages.success(request, _("Đã lập danh sách dự kiến xếp loại năm %(y)s.") % {"y": year})
    if len(run_ids) == 1:
        return redirect("evaluation:run", pk=run_ids[0])
    return redirect(f"{reverse('evaluation:unit', args=[unit.pk])}?nam={year}")


@login_required
@require_POST
def unit_settings(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _managed(request, pk)
    post = request.POST
    return act(
        request,
        lambda: services.sheets.settings_update(
            actor=request.actor,
            unit=unit,
            period_kind=post.get("period_kind", ""),
            weights={key: post.get(f"w_{key}", "") for key, _label in CRITERIA},
            appeal_working_days=int(post.get("appeal_working_days") or 0),
        ),
        success=_("Đã lưu thiết lập đánh giá."),
        to=reverse("evaluation:unit", args=[unit.pk]),
    )
