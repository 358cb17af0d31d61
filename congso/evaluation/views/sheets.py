"""A periodic sheet: the person's self-assessment, the head's assessment, with product lines."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.evaluation import rules, selectors, services
from congso.evaluation.lineform import (
    BLANK_ROWS,
    MAX_ROWS,
    line_rows,
    lines_from_post,
    typed_rows,
)
from congso.evaluation.models import SheetState
from congso.evaluation.rules import CRITERIA, EvaluationError
from congso.evaluation.views._common import act, fail


def _page(request: HttpRequest, sheet, typed: dict | None = None, status: int = 200):
    """The sheet page; `typed` (after a refused post) puts back what was typed, so nothing
    has to be typed again."""
    actor = request.actor
    own = actor.person_id == sheet.person_id
    try:
        services.sheets.check_assessor(actor, sheet)
        can_assess = not own
    except (EvaluationError, PermissionDenied):
        can_assess = False
    can_self = own and sheet.state == SheetState.SELF
    editable = can_self or can_assess
    weights = services.sheets.weights_for(sheet.unit_id) if sheet.uses_points else {}
    mine, head = dict(sheet.self_common), dict(sheet.head_common)
    if typed is not None:
        (mine if can_self else head).update(typed["common"])
    criteria = [
        (key, label, weights.get(key), mine.get(key, ""), head.get(key)) for key, label in CRITERIA
    ]
    lines = list(sheet.lines.select_related("product"))
    products = selectors.sheet_products(actor=actor, sheet=sheet) if sheet.uses_points else []
    offered = {p.pk for p in products}  # a line keeps its product, retired since or not
    products += [x.product for x in lines if x.product_id and x.product_id not in offered]
    blank = BLANK_ROWS if editable else 0
    context = {
        "sheet": sheet,
        "period": rules.period_label(sheet.period_kind, sheet.number, sheet.year),
        "criteria": criteria,
        "rows": typed_rows(typed.get("lines", []), blank=blank)
        if typed is not None
        else line_rows(lines, blank=blank),
        "has_lines": bool(lines) if typed is None else bool(typed.get("lines")),
        "typed": typed,
        "self_total": _self_total(sheet),
        "max_rows": MAX_ROWS,
        "products": products,
        "evidence": selectors.sheet_evidence(actor=actor, sheet=sheet),
        "can_self": can_self,
        "can_assess": can_assess and sheet.state != SheetState.FINAL,
        "can_amend": can_assess and sheet.state == SheetState.FINAL,
    }
    return render(request, "evaluation/sheet.html", context, status=status)


@login_required
@require_GET
def sheet_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.sheet_get(actor=request.actor, pk=pk))


def _self_total(sheet):
    """The person's own total (their common criteria + their task points), once both exist."""
    if not sheet.uses_points or sheet.self_task_points is None or not sheet.self_common:
        return None
    return rules.common_total(sheet.self_common) + sheet.self_task_points


def _sheet_data(post) -> dict:
    data = {
        "common": {key: post.get(f"c_{key}", "") for key, _label in CRITERIA},
        "task_points": post.get("task_points", ""),
        "on_time_share": post.get("on_time_share", ""),
        "exceeded_share": post.get("exceeded_share", ""),
        "failed_share": post.get("failed_share", ""),
        "comment": post.get("comment", ""),
    }
    if "line_rows" in post:  # the page's product lines (possibly all removed)
        data["lines"] = lines_from_post(post)
    return data


def _save(request: HttpRequest, sheet) -> None:
    actor, action = request.actor, request.POST.get("action", "")
    data = _sheet_data(request.POST)
    if action in ("self", "submit"):
        services.sheet_self_assess(actor=actor, sheet=sheet, data=data, submit=action == "submit")
    elif action in ("assess", "finalise"):
        services.sheet_assess(actor=actor, sheet=sheet, data=data, finalise=action == "finalise")
    elif action == "amend":
        reason = request.POST.get("reason", "")
        services.sheet_amend(actor=actor, sheet=sheet, data=data, reason=reason)
    else:
        raise Http404


@login_required
@require_POST
def sheet_save(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = selectors.sheet_get(actor=request.actor, pk=pk)
    try:
        _save(request, sheet)
    except EvaluationError as exc:  # nothing written: show the page again as it was typed
        fail(request, exc)
        typed = _sheet_data(request.POST)
        return _page(request, sheet, typed | {"reason": request.POST.get("reason", "")}, 400)
    return act(
        request,
        lambda: None,
        success=_("Đã lưu phiếu đánh giá."),
        to=reverse("evaluation:sheet", args=[sheet.pk]),
    )
