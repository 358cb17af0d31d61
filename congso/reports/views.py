"""Pages of the reports app, under /bao-cao/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from congso.common.permissions import Cap
from congso.reports import accountability, exports, selectors, services
from congso.reports import dashboard as dashboard_data
from congso.reports.annual import build_annual_report
from congso.reports.render import RenderError
from congso.reports.svg import bar_svg


def _require(request: HttpRequest) -> None:
    if not request.actor.has(Cap.REPORTS_VIEW):
        raise Http404


@login_required
@require_GET
def annual(request: HttpRequest) -> HttpResponse:
    """The annual report: a preview of every section and the files (DOCX, PDF, XLSX)."""
    _require(request)
    root = selectors.report_root(actor=request.actor)
    this_year = timezone.localdate().year
    error = ""
    try:
        year = services.check_request(request.GET.get("nam", this_year), "docx")
    except RenderError as exc:
        error, year = str(exc), this_year
    fmt = request.GET.get("dinh_dang")
    if fmt and not error:
        try:
            made = services.annual_report_file(
                actor=request.actor, unit=root, year=year, fmt=fmt, number=request.GET.get("so", "")
            )
        except RenderError as exc:
            error = str(exc)
        else:
            response = HttpResponse(made.content, content_type=made.content_type)
            response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
            return response
    report = build_annual_report(actor=request.actor, unit=root, year=year)
    return render(
        request,
        "reports/annual.html",
        {
            "report": report,
            "year": year,
            "years": list(range(this_year, this_year - 6, -1)),
            "error": error,
        },
        status=400 if error else 200,
    )


def _year(request: HttpRequest) -> int:
    try:
        return services.check_request(request.GET.get("nam", timezone.localdate().year), "docx")
    except RenderError:
        raise Http404 from None


def _xlsx(tables, filename: str) -> HttpResponse:
    response = HttpResponse(
        exports.tables_xlsx(tables), content_type=services.CONTENT_TYPES["xlsx"]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def dashboard(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Province → agency or commune → unit: this year against the year before."""
    _require(request)
    year = _year(request)
    if pk is None:
        unit = selectors.report_root(actor=request.actor)
    else:
        unit = selectors.report_unit(actor=request.actor, pk=pk)
    sort = accountability.sort_key(request.GET.get("xep"))
    board = dashboard_data.unit_board(actor=request.actor, unit=unit, year=year, sort=sort)
    if request.GET.get("xuat") == "xlsx":
        return _xlsx(board.tables, f"tong-quan-{unit.pk}-{year}.xlsx")
    charts = {
        "chart": board.chart,
        "classification_chart": board.panels.classification_chart,
        "completion_chart": board.panels.completion_chart,
    }
    context = {name: bar_svg(c) if c.labels else "" for name, c in charts.items()}
    sorts = [(key, label) for key, (_attr, _up, label) in accountability.SORTS.items()]
    return render(
        request,
        "reports/dashboard.html",
        {
            "board": board,
            "year": year,
            "sorts": sorts,
            "head_rows": zip(board.heads, board.head_table.rows, strict=True)
            if board.head_table
            else [],
            **context,
        },
    )


@login_required
@require_GET
def officer(request: HttpRequest, pk: int) -> HttpResponse:
    """One rated officer: satisfaction this year and the year before, confirmed violations."""
    _require(request)
    year = _year(request)
    target = selectors.report_officer(actor=request.actor, pk=pk)
    board = dashboard_data.officer_board(actor=request.actor, target=target, year=year)
    if request.GET.get("xuat") == "xlsx":
        return _xlsx(board.tables, f"can-bo-{pk}-{year}.xlsx")
    return render(request, "reports/officer.html", {"board": board, "year": year})
