"""Dashboards: a unit (drill-down province → agency/commune → counter/officer), one target,
the comments of a unit, and the xlsx export of every table."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from congso.common.permissions import Cap
from congso.common.xlsx import build_workbook, xlsx_response
from congso.surveys import selectors
from congso.surveys.exports import TABLES, comment_rows, export_rows
from congso.surveys.models import SurveyTarget
from congso.surveys.views.common import (
    element_sheet,
    figures,
    past_months,
    period_choices,
    period_from,
)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Start at the top of the actor's reach; an officer without reach sees his own figures."""
    unit = selectors.home_unit(actor=request.actor)
    if unit is not None:
        return redirect("surveys:unit", pk=unit.pk)
    own = SurveyTarget.objects.for_actor(request.actor).filter(person_id=request.actor.person_id)
    target = own.first() if request.actor.person_id else None
    if target is None:
        raise Http404
    return redirect("surveys:target", pk=target.pk)


@login_required
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk)
    period = period_from(request)
    board = selectors.unit_dashboard(actor=request.actor, unit=unit, period=period)
    selectors.ranking_changes(actor=request.actor, unit=unit, board=board)
    board.trend = past_months(board.trend)
    context = {
        "board": board,
        "unit": unit,
        "period": period,
        "periods": period_choices(period),
        **figures(board.overall, board.trend),
        "can_parent": request.actor.can(Cap.SURVEYS_VIEW, unit.parent_id),
        "can_manage": request.actor.can(Cap.SURVEYS_MANAGE, unit.pk),
        "can_comments": request.actor.can(Cap.SURVEYS_RESPONSES, unit.pk),
        "flags": selectors.anomaly_list(actor=request.actor, status="open")[:5],
    }
    return render(request, "surveys/unit.html", context)


@login_required
def target_page(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.target_get(actor=request.actor, pk=pk)
    period = period_from(request)
    report = selectors.target_report(actor=request.actor, target=target, period=period)
    report.trend = past_months(report.trend)
    shown = figures(report.index, report.trend)
    if request.GET.get("xuat") == "xlsx":
        title, headers, rows = element_sheet(shown["elements"] if report.index.published else [])
        content = build_workbook(title=title, headers=headers, rows=rows)
        return xlsx_response(content, f"khao-sat-{target.pk}-{period.slug}.xlsx")
    context = {
        "report": report,
        "target": target,
        "name": selectors.target_name(target),
        "period": period,
        "periods": period_choices(period),
        **shown,
        "can_agency": request.actor.can(Cap.SURVEYS_VIEW, target.agency_id),
        "can_unit": request.actor.can(Cap.SURVEYS_VIEW, target.unit_id),
        "can_manage": request.actor.can(Cap.SURVEYS_MANAGE, target.unit_id),
    }
    return render(request, "surveys/target.html", context)


@login_required
def unit_export(request: HttpRequest, pk: int, table: str) -> HttpResponse:
    if table not in TABLES:
        raise Http404
    unit = selectors.unit_get(actor=request.actor, pk=pk)
    period = period_from(request)
    board = selectors.unit_dashboard(actor=request.actor, unit=unit, period=period, detail=True)
    if table in ("xep-hang", "doi-tuong"):
        selectors.ranking_changes(actor=request.actor, unit=unit, board=board)
    board.trend = past_months(board.trend)
    title, headers, rows = export_rows(board, table)
    content = build_workbook(title=title, headers=headers, rows=rows)
    return xlsx_response(content, f"khao-sat-{table}-{unit.pk}-{period.slug}.xlsx")


@login_required
def comments_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=Cap.SURVEYS_RESPONSES)
    period = period_from(request)
    rows = selectors.comments_list(actor=request.actor, unit=unit, period=period)[:200]
    if request.GET.get("xuat") == "xlsx":
        title, headers, table = comment_rows(rows)
        content = build_workbook(title=title, headers=headers, rows=table)
        return xlsx_response(content, f"gop-y-{unit.pk}-{period.slug}.xlsx")
    context = {"unit": unit, "period": period, "periods": period_choices(period), "rows": rows}
    return render(request, "surveys/comments.html", context)
