"""The annual classification: a run's list and steps, a person's result, appeals."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.evaluation import charts, selectors, services
from congso.evaluation.labels import input_rows, level_label, reason_rows, rule_set_label
from congso.evaluation.models import RunState
from congso.evaluation.views._common import LEVEL_KEYS, act, form_post


def _levels() -> list[tuple[str, str]]:
    return [(k, level_label(k)) for k in LEVEL_KEYS]


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
    counts = {key: 0 for key in LEVEL_KEYS}
    for result in results:
        counts[result.classification] = counts.get(result.classification, 0) + 1
    context = {
        "run": run,
        "results": [(r, level_label(r.classification)) for r in results],
        "rule_sets": [rule_set_label(code) for code in run.rule_sets],
        "levels_chart": charts.levels_chart(counts) if results else None,
        "quota": quota,
        "titles": run.titles,
        "can_approve": actor.can(Cap.EVALUATION_APPROVE, run.unit_id),
        "appeals": selectors.appeal_list(actor=actor, run=run),
        "states": RunState,
        "levels": _levels(),
        "today": timezone.localdate(),
    }
    return render(request, "evaluation/run.html", context)


def _run_step(request: HttpRequest, run) -> None:
    """The one service a step names (the quota choice, review, approval, publication,
    finalisation); an unknown step is a 404."""
    actor, post, step = request.actor, request.POST, request.POST.get("step", "")
    if step == "quota":
        kept = [int(v) for v in post.getlist("kept")]
        services.quota_choose(actor=actor, run=run, group=post.get("group", ""), kept=kept)
    elif step == "review":
        meeting = post.get("meeting_date") or ""
        services.run_review(
            actor=actor,
            run=run,
            meeting_date=date.fromisoformat(meeting) if meeting else None,
            attendees=post.get("attendees", ""),
            minutes=request.FILES.get("minutes"),
            collective_level=post.get("collective_level", ""),
        )
    elif step in STEPS:
        STEPS[step](actor=actor, run=run)
    else:
        raise Http404


STEPS = {
    "approve": services.run_approve,
    "publish": services.run_publish,
    "finalise": services.run_finalise,
}


@login_required
@require_POST
def run_step(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(actor=request.actor, pk=pk)
    return act(
        request,
        lambda: _run_step(request, run),
        success=_("Đã cập nhật đợt xếp loại."),
        to=reverse("evaluation:run", args=[run.pk]),
    )


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
    review = result.review_proposal or {}
    own = actor.person_id == result.person_id
    context = {
        "result": result,
        "run": run,
        "level": level_label(result.classification),
        "proposed": level_label(result.proposed),
        "reasons": reason_rows(result.reasons),
        "review_reasons": reason_rows(review.get("reasons", [])),
        "review_level": level_label(review.get("classification", "")),
        "own": own,
        "can_appeal": own
        and run.state == RunState.PUBLISHED
        and run.appeal_deadline is not None
        and timezone.localdate() <= run.appeal_deadline,
        "can_decide": actor.can(Cap.EVALUATION_APPROVE, run.unit_id),
        "appeals": result.appeals.all(),
        "levels": _levels(),
        "inputs": input_rows(result.inputs),
        "rule_set": rule_set_label(result.rule_set),
    }
    return render(request, "evaluation/result.html", context)


result_appeal = form_post(
    selectors.result_get,
    services.appeal_file,
    name="result",
    fields=("text",),
    success=gettext_lazy("Đã gửi kiến nghị."),
    page="evaluation:result",
)
result_decide = form_post(
    selectors.result_get,
    services.result_decide,
    name="result",
    fields=("classification", "decision"),
    success=gettext_lazy("Đã ghi quyết định."),
    page="evaluation:result",
)
appeal_answer = form_post(
    selectors.appeal_get,
    services.appeal_answer,
    name="appeal",
    fields=("answer", "classification"),
    success=gettext_lazy("Đã trả lời kiến nghị."),
    page="evaluation:result",
    back=lambda appeal: appeal.result_id,
)
