"""Survey API: the public form and rating operations (design.md §6) and staff read-outs.

The rating operation (`survey_respond`, the django-ninja operation that serves
`POST /api/v1/public/surveys/{code}/responses`) reads its body itself: it refuses a wrong
content type (415) and a body over 16 KB (413) before reading or parsing it, then validates
every field with a Vietnamese message (422). The request body is documented from `ResponseIn`
all the same.
"""

from __future__ import annotations

import uuid
from typing import Literal

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from congso.common.api import ErrorOut
from congso.common.http import BodyRefused, body_guard, client_address, read_json
from congso.common.permissions import Cap
from congso.surveys import conf, selectors
from congso.surveys.models import RevokedCode
from congso.surveys.rules import COMMENT_MAX_CHARS, SCALE, parse_period
from congso.surveys.services import (
    SurveyError,
    form_token_issue,
    response_submit,
    template_default,
)
from congso.surveys.services.submit import (
    MSG_INACTIVE,
    MSG_REVOKED,
    MSG_UNKNOWN,
    kiosk_key_valid,
)

router = Router()
public_router = Router()

DEVICE_COOKIE = "cs_device"


class ScaleOut(Schema):
    value: int
    label: str


class QuestionOut(Schema):
    key: str
    label: str
    scale: list[ScaleOut]


class TargetOut(Schema):
    kind: Literal["counter", "officer"]
    name: str
    unit: str
    agency: str


class FormOut(Schema):
    code: str
    target: TargetOut
    intro: str
    questions: list[QuestionOut]
    comment_max_chars: int
    requires_token: bool
    form_token: str
    form_token_expires_in: int = Field(description="giây")


class ResponseIn(Schema):
    """One rating. `client_id` is made by the client and is the idempotency key."""

    model_config = ConfigDict(extra="forbid")

    client_id: uuid.UUID
    form_token: str = Field(max_length=200)
    answers: dict[str, int] = Field(description="mã câu hỏi → mức 1–5")
    comment: str | None = Field(default=None, max_length=COMMENT_MAX_CHARS)
    dossier_code: str | None = Field(default=None, max_length=40)
    token: str | None = Field(default=None, max_length=40)


class ResponseOut(Schema):
    client_id: str
    received_at: str
    detail: str


SCALE_OUT = [{"value": value, "label": label} for value, label in SCALE]


def form_payload(code: str) -> tuple[int, dict]:
    """The form behind a code (shared with the citizen page)."""
    target = selectors.target_public(code)
    if target is None:
        revoked = RevokedCode.objects.filter(code=code).exists()
        return 404, {"detail": MSG_REVOKED if revoked else MSG_UNKNOWN, "field": ""}
    if not target.is_active:
        return 404, {"detail": MSG_INACTIVE, "field": ""}
    version = template_default().current
    token = form_token_issue(code=code, version_id=version.pk)
    target_out = {
        "kind": target.kind,
        "name": selectors.target_name(target),
        "unit": target.unit.name,
        "agency": target.agency.name,
    }
    return 200, form_document(
        code=code,
        target=target_out,
        version=version,
        requires_token=target.requires_token,
        form_token=token.token,
    )


def form_document(
    *, code: str, target: dict, version, requires_token: bool, form_token: str
) -> dict:
    """The `FormOut` document of a form (the citizen page's cache fills it with placeholders)."""
    return {
        "code": code,
        "target": target,
        "intro": version.intro,
        "questions": [
            {"key": q["key"], "label": q["label"], "scale": SCALE_OUT} for q in version.questions
        ],
        "comment_max_chars": COMMENT_MAX_CHARS,
        "requires_token": requires_token,
        "form_token": form_token,
        "form_token_expires_in": conf.get("CONGSO_SURVEY_FORM_TOKEN_MAX_AGE"),
    }


@public_router.get(
    "/{code}",
    response={200: FormOut, 404: ErrorOut},
    summary="Phiếu khảo sát sau mã QR",
    auth=None,
)
def survey_form(request: HttpRequest, code: str):
    return Status(*form_payload(code[:32]))


def _read_json(request: HttpRequest) -> tuple[int, dict] | dict:
    """Check content type and size before reading; return the parsed object or an error."""
    limit = conf.get("CONGSO_SURVEY_MAX_BODY_BYTES")
    try:
        body_guard(request, limit=limit, content_types=("application/json",))
        data = read_json(request, limit=limit)
    except BodyRefused as exc:
        return exc.status, {"detail": exc.message, "field": ""}
    if not isinstance(data, dict):
        return 422, {"detail": "Dữ liệu gửi lên phải là một đối tượng JSON.", "field": ""}
    unknown = sorted(set(data) - set(ResponseIn.model_fields))
    if unknown:
        return 422, {"detail": f"Trường không được hỗ trợ: {', '.join(unknown)}.", "field": ""}
    return data


# The operation reads its body and its `kiosk` query parameter itself (see the module
# docstring), so ninja builds no model for them; the OpenAPI document describes them here.
_RATING_DOC = {
    "parameters": [
        {"in": "path", "name": "code", "required": True, "schema": {"type": "string"}},
        {
            "in": "query",
            "name": "kiosk",
            "required": False,
            "schema": {"type": "string", "default": ""},
            "description": "khóa của đường dẫn kiosk (cán bộ giao cho máy tính bảng tại quầy)",
        },
    ],
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": ResponseIn.model_json_schema()}},
    },
}


@public_router.post(
    "/{code}/responses",
    response={
        200: ResponseOut,
        201: ResponseOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Gửi một đánh giá (client_id là khóa chống gửi trùng)",
    openapi_extra=_RATING_DOC,
    auth=None,
)
def survey_respond(request: HttpRequest, code: str) -> JsonResponse:
    """Store one rating: 201 (stored), 200 (a retry of a stored client_id, answered with the
    first result) or the documented 4xx with a Vietnamese `detail`.

    The rating is the one public operation under load (every counter, every citizen), so the
    operation is lean: ninja parses only the path; the body (`_read_json`, then
    `response_submit`) and the `kiosk` key of a kiosk URL are read here, and the answer, already
    the documented `ResponseOut`, is returned as a JsonResponse without re-validation."""
    data = _read_json(request)
    if isinstance(data, tuple):
        return JsonResponse(data[1], status=data[0])
    kiosk = request.GET.get("kiosk", "")
    try:
        result = response_submit(
            code=code[:32],
            client_id=data.get("client_id"),
            form_token=data.get("form_token"),
            answers=data.get("answers"),
            comment=data.get("comment"),
            dossier_code=data.get("dossier_code"),
            token=data.get("token"),
            ip=client_address(request),
            device=request.COOKIES.get(DEVICE_COOKIE, "")[:64],
            kiosk=kiosk_key_valid(code, kiosk[:64]),
        )
    except SurveyError as exc:
        return JsonResponse({"detail": exc.message, "field": exc.field}, status=exc.status)
    return JsonResponse(result.body, status=201 if result.created else 200)


@public_router.api_operation(
    ["GET", "PUT", "PATCH", "DELETE"], "/{code}/responses", include_in_schema=False, auth=None
)
def survey_respond_other_methods(request: HttpRequest, code: str) -> JsonResponse:
    """Other methods on the rating URL: 405 with a Vietnamese `detail` (not documented)."""
    response = JsonResponse(
        {"detail": "Phương thức không được hỗ trợ (chỉ POST).", "field": ""}, status=405
    )
    response["Allow"] = "POST"
    return response


# ------------------------------------------------------------------------------- staff API


class IndexOut(Schema):
    n: int
    published: bool
    sipas: float | None
    sipas_mean: float | None
    smoothed: float | None
    shares: dict[str, float | None]
    means: dict[str, float | None]


class RankingRowOut(Schema):
    position: int | None
    id: int
    name: str
    kind: str
    index: IndexOut


class RankingOut(Schema):
    period: str
    minimum_sample: int
    prior_weight: int
    rows: list[RankingRowOut]


class TargetReportOut(Schema):
    id: int
    kind: str
    name: str
    period: str
    index: IndexOut
    change_points: float | None


def _index(index) -> dict:
    return {
        "n": index.n,
        "published": index.published,
        "sipas": index.sipas,
        "sipas_mean": index.sipas_mean,
        "smoothed": index.smoothed,
        "shares": index.shares,
        "means": index.means,
    }


@router.get(
    "/units/{unit_id}/ranking",
    response={200: RankingOut, 404: ErrorOut},
    url_name="surveys_unit_ranking",
)
def unit_ranking(request: HttpRequest, unit_id: int, period: str = ""):
    """Agencies and communes under a unit (or its counters and officers) by smoothed index."""
    actor = request.auth
    unit = selectors.unit_get(actor=actor, pk=unit_id)
    chosen = parse_period(period, today=timezone.localdate())
    board = selectors.unit_dashboard(actor=actor, unit=unit, period=chosen)
    rows = board.agencies or board.targets
    return {
        "period": chosen.slug,
        "minimum_sample": board.minimum,
        "prior_weight": board.weight,
        "rows": [
            {
                "position": r.position,
                "id": r.key,
                "name": r.name,
                "kind": r.kind,
                "index": _index(r.index),
            }
            for r in rows
        ],
    }


@router.get(
    "/targets/{target_id}",
    response={200: TargetReportOut, 404: ErrorOut},
    url_name="surveys_target_get",
)
def target_detail(request: HttpRequest, target_id: int, period: str = ""):
    """One counter's or officer's aggregates (never single responses)."""
    actor = request.auth
    target = selectors.target_get(actor=actor, pk=target_id, capability=Cap.SURVEYS_VIEW)
    chosen = parse_period(period, today=timezone.localdate())
    report = selectors.target_report(actor=actor, target=target, period=chosen)
    return {
        "id": target.pk,
        "kind": target.kind,
        "name": selectors.target_name(target),
        "period": chosen.slug,
        "index": _index(report.index),
        "change_points": report.change,
    }
