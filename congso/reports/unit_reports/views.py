"""Pages of the unit reports, under /bao-cao/dinh-ky/: the unit's list of periods, the report
(editor for the unit, review for the unit above), the children's status, the files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.common.permissions import Cap
from congso.reports.periods import make_period, period_name, period_title
from congso.reports.unit_reports import figures, render_files, rules, selectors, services
from congso.reports.unit_reports.models import ReportState

FIRST_YEAR = 2020


def _require(request: HttpRequest) -> None:
    if not request.actor.has(Cap.REPORTS_UNIT):
        raise Http404


def _period(slug: str) -> tuple[str, int, int]:
    """A period that has begun (a unit may send its report from the period's last weeks),
    else 404."""
    parsed = rules.parse_slug(slug)
    if parsed is None:
        raise Http404
    kind, year, seq = parsed
    start, _end = rules.period_bounds(kind, year, seq)
    if year < FIRST_YEAR or start > timezone.localdate():
        raise Http404
    return parsed


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """The actor's unit: its recent periods, its own report's state, its children's count."""
    _require(request)
    if request.GET.get("don_vi"):
        unit = selectors.unit_get(actor=request.actor, pk=request.GET["don_vi"])
    else:
        unit = selectors.home_unit(actor=request.actor)
    today = timezone.localdate()
    writes = selectors.may_write(request.actor, unit) and unit.parent_id is not None
    own = {
        (r.kind, r.year, r.seq): r
        for r in selectors.unit_reports(actor=request.actor, unit=unit).filter(
            year__gte=today.year - 2
        )
    }
    periods = [
        p
        for p in rules.ended_periods(today, count=4)
        if rules.period_bounds(*p)[1] <= today or p[0] == "year"
    ]
    periods.sort(key=lambda p: (rules.period_bounds(*p)[1], p[0] != "year"), reverse=True)
    rows = []
    for kind, year, seq in periods:
        slug = rules.period_slug(kind, year, seq)
        status = selectors.children_status(
            actor=request.actor, parent=unit, kind=kind, year=year, seq=seq, today=today
        )
        report = own.get((kind, year, seq))
        rows.append(
            {
                "slug": slug,
                "name": period_title(make_period(kind, year, seq)),
                "report": report,
                "due": report.due_on if report else selectors.due_on(unit, kind, year, seq),
                "children": len(status),
                "sent": sum(1 for s in status if s.state in rules.SENT),
                "late": sum(1 for s in status if s.late),
            }
        )
    return render(
        request,
        "reports/unit_reports/list.html",
        {"unit": unit, "rows": rows, "writes": writes, "today": today},
    )


def _narrative_from_post(post) -> dict:
    result: dict[str, dict[str, str]] = {}
    for key in figures.SECTION_KEYS:
        result[key] = {f: post.get(f"{key}__{f}", "") for f in rules.SECTION_FIELDS}
    return result


def _prefill(section) -> dict[str, str]:
    return {
        "results": section.narrative if section.available else "",
        "limits": "\n".join(section.limits),
        "proposals": "\n".join(section.proposals),
    }


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """A unit's report for a period: the editor for the unit (figures read-only with their
    trace, the narrative per section), read-only with the review form for the unit above."""
    _require(request)
    unit = selectors.unit_get(actor=request.actor, pk=pk)
    kind, year, seq = _period(slug)
    actor = request.actor
    writes = selectors.may_write(actor, unit) and unit.parent_id is not None
    reviews = selectors.may_review(actor, unit)
    report = selectors.report_for(actor=actor, unit=unit, kind=kind, year=year, seq=seq)
    error = ""
    if request.method == "POST":
        if not writes:
            raise Http404
        if report is None:
            report = services.report_open(actor=actor, unit=unit, kind=kind, year=year, seq=seq)
        narrative = _narrative_from_post(request.POST)
        try:
            if request.POST.get("action") == "submit":
                sent = services.report_submit(actor=actor, report=report, narrative=narrative)
                if sent:
                    messages.success(request, _("Đã gửi báo cáo lên cấp trên."))
                else:
                    messages.info(
                        request, _("Báo cáo đã được gửi trước đó; không gửi lại lần nữa.")
                    )
            else:
                services.report_save(actor=actor, report=report, narrative=narrative)
                messages.success(request, _("Đã lưu nội dung báo cáo."))
        except services.UnitReportError as exc:
            error = str(exc)
        else:
            return redirect(reverse("reports:unit_report", args=[unit.pk, slug]))
    sections = (
        figures.sections_of(report, unit)
        if report is not None
        else figures.live_sections(unit, kind, year, seq)
    )
    editable = writes and (report is None or rules.can_edit(report.state))
    written = report.narrative if report is not None else {}
    blocks = []
    for section in sections:
        text = written.get(section.key) or (_prefill(section) if editable else {})
        blocks.append({"section": section, "text": text})
    due = report.due_on if report else selectors.due_on(unit, kind, year, seq)
    has_children = bool(selectors.reporting_children(unit, timezone.localdate()))
    return render(
        request,
        "reports/unit_reports/report.html",
        {
            "unit": unit,
            "slug": slug,
            "period": period_name(make_period(kind, year, seq)),
            "report": report,
            "blocks": blocks,
            "editable": editable,
            "writes": writes,
            "reviews": reviews and report is not None and rules.can_review(report.state),
            "due": due,
            "late": report is None and timezone.localdate() > due,
            "has_children": has_children,
            "parent_link": bool(unit.parent_id) and actor.can(Cap.REPORTS_UNIT, unit.parent_id),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def report_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit above accepts a child's report or returns it with a reason."""
    _require(request)
    report = selectors.report_get(actor=request.actor, pk=pk)
    accept = request.POST.get("action") == "accept"
    try:
        services.report_review(
            actor=request.actor, report=report, accept=accept, reason=request.POST.get("ly_do", "")
        )
    except services.UnitReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Đã tiếp nhận báo cáo.") if accept else _("Đã trả lại báo cáo.")
        )
    return redirect(reverse("reports:unit_report", args=[report.unit_id, report.slug]))


@login_required
@require_GET
def review_page(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The unit above: its children's reports for the period (state, due date, late), their
    key figures as sent, and the aggregated figures of its subtree."""
    _require(request)
    unit = selectors.unit_get(actor=request.actor, pk=pk)
    kind, year, seq = _period(slug)
    today = timezone.localdate()
    status = selectors.children_status(
        actor=request.actor, parent=unit, kind=kind, year=year, seq=seq, today=today
    )
    columns = {  # the key figures of each child's report, as sent
        "conduct.share": _("Tỷ lệ đã cam kết"),
        "surveys.sipas": _("Tỷ lệ hài lòng chung"),
        "violations.detected": _("Vụ việc vi phạm được phát hiện"),
        "violations.confirmed": _("Có kết luận vi phạm"),
    }
    keys = list(columns)
    rows = []
    for item in status:
        values = {}
        if item.report is not None and item.report.snapshot:
            for section in item.report.snapshot:
                for f in section.get("figures", []):
                    if f["key"] in keys:
                        values[f["key"]] = f
        rows.append({"item": item, "values": [values.get(k) for k in keys]})
    aggregate = figures.live_sections(unit, kind, year, seq)
    if request.GET.get("xuat") == "xlsx":
        content = render_files.status_xlsx(
            status, aggregate, period_name(make_period(kind, year, seq))
        )
        response = HttpResponse(content, content_type=render_files.XLSX)
        response["Content-Disposition"] = f'attachment; filename="don-vi-{unit.pk}-{slug}.xlsx"'
        return response
    return render(
        request,
        "reports/unit_reports/review.html",
        {
            "unit": unit,
            "slug": slug,
            "period": period_name(make_period(kind, year, seq)),
            "rows": rows,
            "keys": list(columns.values()),
            "aggregate": aggregate,
            "sent": sum(1 for s in status if s.state in rules.SENT),
            "missing": [s for s in status if s.state not in rules.SENT],
            "late": sum(1 for s in status if s.late),
            "states": ReportState,
            "writes": selectors.may_write(request.actor, unit) and unit.parent_id is not None,
        },
    )


@login_required
@require_GET
def report_file(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    """The unit's report as DOCX (its document format) or its figures as xlsx."""
    _require(request)
    unit = selectors.unit_get(actor=request.actor, pk=pk)
    kind, year, seq = _period(slug)
    fmt = request.GET.get("dinh_dang", "docx")
    if fmt not in ("docx", "xlsx"):
        raise Http404
    report = selectors.report_for(actor=request.actor, unit=unit, kind=kind, year=year, seq=seq)
    made = render_files.unit_report_file(
        actor=request.actor, unit=unit, report=report, kind=kind, year=year, seq=seq, fmt=fmt
    )
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
    return response


__all__ = ["report_decide", "report_file", "report_list", "report_page", "review_page"]
