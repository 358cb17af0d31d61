"""Staff API of evaluation (/api/v1/evaluation/), scoped like the pages: read runs and
results; push periodic scores from a KPI system (idempotent by the caller's reference)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from congso.common.api import ErrorOut
from congso.common.permissions import Cap
from congso.common.scoping import get_for_actor
from congso.evaluation import selectors, services
from congso.evaluation.models import Result, Run
from congso.evaluation.rules import EvaluationError
from congso.org.models import OrgUnit, Person

router = Router()


class ReasonOut(Schema):
    code: str
    text_vi: str
    basis: str


class ResultOut(Schema):
    id: int
    run_id: int
    year: int
    person_id: int
    full_name: str
    classification: str
    proposed: str
    total_points: Decimal | None
    ldtt_eligible: bool
    cstdcs_eligible: bool
    award_frozen: bool
    needs_review: bool
    rule_set: str
    reasons: list[ReasonOut]


class RunOut(Schema):
    id: int
    unit_id: int
    year: int
    state: str
    rule_sets: list[str]
    results: list[ResultOut]


class PushIn(Schema):
    external_ref: str
    staff_code: str
    unit_id: int
    year: int
    period_kind: str = "month"
    number: int
    task_points: Decimal | None = None
    on_time_share: Decimal | None = None
    exceeded_share: Decimal | None = None
    failed_share: Decimal | None = None


class PushOut(Schema):
    sheet_id: int
    created: bool
    state: str


def _result(r: Result, year: int) -> dict[str, Any]:
    return {
        "id": r.pk,
        "run_id": r.run_id,
        "year": year,
        "person_id": r.person_id,
        "full_name": r.person.full_name,
        "classification": r.classification,
        "proposed": r.proposed,
        "total_points": r.total_points,
        "ldtt_eligible": r.ldtt_eligible,
        "cstdcs_eligible": r.cstdcs_eligible,
        "award_frozen": r.award_frozen,
        "needs_review": r.needs_review,
        "rule_set": r.rule_set,
        "reasons": r.reasons,
    }


@router.get(
    "/runs/{run_id}",
    url_name="evaluation_run",
    response={200: RunOut, 404: ErrorOut},
    summary="Danh sách xếp loại của một đơn vị",
)
def run_detail(request: HttpRequest, run_id: int):
    run: Run = selectors.run_get(actor=request.auth, pk=run_id)
    results = selectors.result_list(actor=request.auth, run=run)
    return Status(
        200,
        {
            "id": run.pk,
            "unit_id": run.unit_id,
            "year": run.year,
            "state": run.state,
            "rule_sets": run.rule_sets,
            "results": [_result(r, run.year) for r in results],
        },
    )


@router.get(
    "/results/{result_id}",
    url_name="evaluation_result",
    response={200: ResultOut, 404: ErrorOut},
    summary="Kết quả xếp loại của một người",
)
def result_detail(request: HttpRequest, result_id: int):
    result = selectors.result_get(actor=request.auth, pk=result_id)
    return Status(200, _result(result, result.run.year))


@router.post(
    "/sheets/push",
    url_name="evaluation_push",
    response={200: PushOut, 201: PushOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Hệ thống KPI gửi kết quả nhiệm vụ theo kỳ",
)
def sheet_push(request: HttpRequest, payload: PushIn):
    actor = request.auth
    person = (
        Person.objects.for_actor(actor, Cap.EVALUATION_ASSESS)
        .filter(staff_code=payload.staff_code)
        .first()
    )
    if person is None:
        return Status(404, {"detail": _("Không tìm thấy cán bộ mã này trong phạm vi của bạn.")})
    unit = get_for_actor(OrgUnit, actor, payload.unit_id, capability=Cap.EVALUATION_ASSESS)
    data = payload.dict(include={"task_points", "on_time_share", "exceeded_share", "failed_share"})
    try:
        sheet, created = services.sheet_push(
            actor=actor,
            person=person,
            unit_id=unit.pk,
            year=payload.year,
            period_kind=payload.period_kind,
            number=payload.number,
            external_ref=payload.external_ref,
            data={k: v for k, v in data.items() if v is not None},
        )
    except PermissionDenied:
        return Status(403, {"detail": _("Bạn không có quyền thực hiện việc này.")})
    except EvaluationError as exc:
        return Status(422, {"detail": str(exc.message)})
    return Status(
        201 if created else 200, {"sheet_id": sheet.pk, "created": created, "state": sheet.state}
    )
