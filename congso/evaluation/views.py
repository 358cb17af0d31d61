"""Pages of evaluation and classification: thin views over selectors and services."""

from __future__ import annotations

from datetime import date

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
from congso.evaluation import rules, selectors, services
from congso.evaluation.labels import level_label, reason_rows
from congso.evaluation.models import PeriodKind, RunState, SheetState
from congso.evaluation.rules import CRITERIA, EvaluationError


def _year(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError as exc:
        raise Http404 from exc


def _fail(request: HttpRequest, exc: EvaluationError | PermissionDenied) -> None:
    message = getattr(exc, "message", None) or _("Bạn không có quyền thực hiện việc này.")
    messages.error(request, str(message))


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
        "year": _year(request),
    }
    return render(request, "evaluation/index.html", context)


@login_required
@require_GET
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    unit = selectors.unit_get(actor=actor, pk=pk)
    year = _year(request)
    sheets = list(selectors.sheet_list(actor=actor, unit=unit, year=year))
    periods: dict[tuple[str, int], dict[str, int]] = {}
    for sheet in sheets:
        row = periods.setdefault(
            (sheet.period_kind, sheet.number), {s: 0 for s in SheetState.values}
        )
        row[sheet.state] += 1
    runs = selectors.run_list(actor=actor).filter(unit=unit, year=year)
    context = {
        "unit": unit,
        "year": year,
        "periods": [
            (rules.period_label(kind, n, year), counts)
            for (kind, n), counts in sorted(periods.items())
        ],
        "sheets": [s for s in sheets if s.state != SheetState.FINAL][:300],
        "runs": runs,
        "can_manage": actor.can(Cap.EVALUATION_MANAGE, unit.pk),
        "config": services.sheets.settings_for(unit.pk),
        "weights": services.sheets.weights_for(unit.pk),
        "criteria": CRITERIA,
        "period_kinds": PeriodKind.choices,
        "months": range(1, 13),
    }
    return render(request, "evaluation/unit.html", context)


@login_required
@require_POST
def unit_open_period(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=Cap.EVALUATION_MANAGE)
    try:
        count = services.sheets_open_period(
            actor=request.actor,
            unit=unit,
            year=int(request.POST.get("year", 0)),
            period_kind=request.POST.get("period_kind", "month"),
            number=int(request.POST.get("number", 0)),
        )
        messages.success(request, _("Đã mở %(n)s phiếu đánh giá.") % {"n": count})
    except (EvaluationError, PermissionDenied) as exc:
        _fail(request, exc)
    except ValueError:
        messages.error(request, _("Năm hoặc kỳ đánh giá không hợp lệ."))
    return redirect("evaluation:unit", pk=unit.pk)


@login_required
@require_POST
def unit_classify(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=Cap.EVALUATION_MANAGE)
    try:
        year = int(request.POST.get("year", 0))
        summaries = services.classify(actor=request.actor, year=year, unit=unit)
    except (EvaluationError, PermissionDenied) as exc:
        _fail(request, exc)
        return redirect("evaluation:unit", pk=unit.pk)
    except ValueError:
        raise Http404 from None
    run_ids = [s.run_id for s in summaries if s.run_id]
    messages.success(request, _("Đã lập danh sách dự kiến xếp loại năm %(y)s.") % {"y": year})
    if len(run_ids) == 1:
        return redirect("evaluation:run", pk=run_ids[0])
    return redirect(f"{reverse('evaluation:unit', args=[unit.pk])}?nam={year}")


@login_required
@require_GET
def sheet_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    sheet = selectors.sheet_get(actor=actor, pk=pk)
    own = actor.person_id == sheet.person_id
    weights = services.sheets.weights_for(sheet.unit_id) if sheet.uses_points else {}
    criteria = [
        (
            key,
            label,
            weights.get(key),
            sheet.self_common.get(key, ""),
            sheet.head_common.get(key, ""),
        )
        for key, label in CRITERIA
    ]
    try:
        services.sheets.check_assessor(actor, sheet)
        can_assess = not own
    except (EvaluationError, PermissionDenied):
        can_assess = False
    context = {
        "sheet": sheet,
        "period": rules.period_label(sheet.period_kind, sheet.number, sheet.year),
        "criteria": criteria,
        "lines": list(sheet.lines.all()),
        "evidence": selectors.sheet_evidence(actor=actor, sheet=sheet),
        "can_self": own and sheet.state == SheetState.SELF,
        "can_assess": can_assess and sheet.state != SheetState.FINAL,
        "can_amend": can_assess and sheet.state == SheetState.FINAL,
    }
    return render(request, "evaluation/sheet.html", context)


def _sheet_data(post) -> dict:
    data = {
        "common": {key: post.get(f"c_{key}", "") for key, _label in CRITERIA},
        "task_points": post.get("task_points", ""),
        "on_time_share": post.get("on_time_share", ""),
        "exceeded_share": post.get("exceeded_share", ""),
        "failed_share": post.get("failed_share", ""),
        "comment": post.get("comment", ""),
    }
    return data


@login_required
@require_POST
def sheet_save(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    sheet = selectors.sheet_get(actor=actor, pk=pk)
    action = request.POST.get("action", "")
    data = _sheet_data(request.POST)
    try:
        if action in ("self", "submit"):
            services.sheet_self_assess(
                actor=actor, sheet=sheet, data=data, submit=action == "submit"
            )
        elif action in ("assess", "finalise"):
            services.sheet_assess(
                actor=actor, sheet=sheet, data=data, finalise=action == "finalise"
            )
        elif action == "amend":
            services.sheet_amend(
                actor=actor, sheet=sheet, data=data, reason=request.POST.get("reason", "")
            )
        else:
            raise Http404
        messages.success(request, _("Đã lưu phiếu đánh giá."))
    except (EvaluationError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("evaluation:sheet", pk=sheet.pk)


@login_required
@require_GET
def run_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    run = selectors.run_get(actor=actor, pk=pk)
    results = list(selectors.result_list(actor=actor, run=run))
    names = {r.person_id: r.person.full_name for r in results}
    quota = [
        {
            **group,
            "candidate_rows": [
                (pid, names.get(pid, pid), pid in group["kept"], pid in group["ties"])
                for pid in group["candidates"]
            ],
        }
        for group in run.quota
    ]
    counts: dict[str, int] = {}
    for result in results:
        counts[result.classification] = counts.get(result.classification, 0) + 1
    context = {
        "run": run,
        "results": [(r, level_label(r.classification)) for r in results],
        "counts": [(level_label(k), v) for k, v in sorted(counts.items())],
        "quota": quota,
        "titles": run.titles,
        "can_approve": actor.can(Cap.EVALUATION_APPROVE, run.unit_id),
        "appeals": selectors.appeal_list(actor=actor, run=run),
        "states": RunState,
        "levels": [(k, level_label(k)) for k in ("HTXSNV", "HTTNV", "HTNV", "KHTNV")],
        "today": timezone.localdate(),
    }
    return render(request, "evaluation/run.html", context)


@login_required
@require_POST
def run_step(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    run = selectors.run_get(actor=actor, pk=pk)
    step = request.POST.get("step", "")
    try:
        if step == "quota":
            kept = [int(v) for v in request.POST.getlist("kept")]
            services.quota_choose(
                actor=actor, run=run, group=request.POST.get("group", ""), kept=kept
            )
        elif step == "review":
            meeting = request.POST.get("meeting_date") or ""
            services.run_review(
                actor=actor,
                run=run,
                meeting_date=date.fromisoformat(meeting) if meeting else None,
                attendees=request.POST.get("attendees", ""),
                minutes=request.FILES.get("minutes"),
                collective_level=request.POST.get("collective_level", ""),
            )
        elif step == "approve":
            services.run_approve(actor=actor, run=run)
        elif step == "publish":
            services.run_publish(actor=actor, run=run)
        elif step == "finalise":
            services.run_finalise(actor=actor, run=run)
        else:
            raise Http404
        messages.success(request, _("Đã cập nhật đợt xếp loại."))
    except (EvaluationError, PermissionDenied) as exc:
        _fail(request, exc)
    except ValueError:
        messages.error(request, _("Dữ liệu không hợp lệ."))
    return redirect("evaluation:run", pk=run.pk)


@login_required
@require_GET
def run_published(request: HttpRequest, pk: int) -> HttpResponse:
    run, rows = selectors.published_list(actor=request.actor, pk=pk)
    context = {"run": run, "rows": [(name, level_label(level)) for name, level in rows]}
    return render(request, "evaluation/published.html", context)


@login_required
@require_GET
def result_page(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    result = selectors.result_get(actor=actor, pk=pk)
    run = result.run
    context = {
        "result": result,
        "run": run,
        "level": level_label(result.classification),
        "proposed": level_label(result.proposed),
        "reasons": reason_rows(result.reasons),
        "review_reasons": reason_rows((result.review_proposal or {}).get("reasons", [])),
        "review_level": level_label((result.review_proposal or {}).get("classification", "")),
        "own": actor.person_id == result.person_id,
        "can_appeal": actor.person_id == result.person_id
        and run.state == RunState.PUBLISHED
        and run.appeal_deadline is not None
        and timezone.localdate() <= run.appeal_deadline,
        "can_decide": actor.can(Cap.EVALUATION_APPROVE, run.unit_id),
        "appeals": result.appeals.all(),
        "levels": [(k, level_label(k)) for k in ("HTXSNV", "HTTNV", "HTNV", "KHTNV")],
        "inputs": sorted(result.inputs.items()),
    }
    return render(request, "evaluation/result.html", context)


@login_required
@require_POST
def result_appeal(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.result_get(actor=request.actor, pk=pk)
    try:
        services.appeal_file(actor=request.actor, result=result, text=request.POST.get("text", ""))
        messages.success(request, _("Đã gửi kiến nghị."))
    except EvaluationError as exc:
        _fail(request, exc)
    return redirect("evaluation:result", pk=result.pk)


@login_required
@require_POST
def result_decide(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.result_get(actor=request.actor, pk=pk)
    try:
        services.result_decide(
            actor=request.actor,
            result=result,
            classification=request.POST.get("classification", ""),
            decision=request.POST.get("decision", ""),
        )
        messages.success(request, _("Đã ghi quyết định."))
    except (EvaluationError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("evaluation:result", pk=result.pk)


@login_required
@require_POST
def appeal_answer(request: HttpRequest, pk: int) -> HttpResponse:
    appeal = selectors.appeal_get(actor=request.actor, pk=pk)
    try:
        services.appeal_answer(
            actor=request.actor,
            appeal=appeal,
            answer=request.POST.get("answer", ""),
            classification=request.POST.get("classification", ""),
        )
        messages.success(request, _("Đã trả lời kiến nghị."))
    except (EvaluationError, PermissionDenied) as exc:
        _fail(request, exc)
    return redirect("evaluation:result", pk=appeal.result_id)


@login_required
@require_POST
def unit_settings(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=Cap.EVALUATION_MANAGE)
    try:
        services.sheets.settings_update(
            actor=request.actor,
            unit=unit,
            period_kind=request.POST.get("period_kind", ""),
            weights={key: request.POST.get(f"w_{key}", "") for key, _label in CRITERIA},
            appeal_working_days=int(request.POST.get("appeal_working_days") or 0),
        )
        messages.success(request, _("Đã lưu thiết lập đánh giá."))
    except (EvaluationError, PermissionDenied) as exc:
        _fail(request, exc)
    except ValueError:
        messages.error(request, _("Dữ liệu không hợp lệ."))
    return redirect("evaluation:unit", pk=unit.pk)
