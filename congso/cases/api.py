"""Cases API: the public report operations (design.md §6) and the staff case operations.

Public: `POST /api/v1/public/reports` takes JSON (smallest body: kind, agency_id, description)
or a multipart form with evidence files (field `evidence`, repeatable); it answers 201
{"receipt": 16 digits}, or 200 with the same receipt when `client_id` was already used.
`GET /api/v1/public/reports/{receipt}` shows the status, public notes and the thread, with
nothing that identifies anyone; unknown and malformed receipts get the same 404; look-ups are
rate-limited per address (429).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict, ValidationError

from congso.cases import selectors
from congso.cases.evidence import clean_evidence, read_limited
from congso.cases.rules import (
    MAX_EVIDENCE_BYTES,
    MAX_EVIDENCE_FILES,
    RuleError,
    TransitionForbidden,
    is_overdue,
)
from congso.cases.selectors import QueueFilters
from congso.cases.selectors.public import receipt_view
from congso.cases.services import (
    ReportInput,
    case_assign,
    case_transition,
    lookup_allowed,
    report_by_receipt,
    report_submit,
    reporter_message_post,
)
from congso.cases.services.base import today
from congso.common.api import ErrorOut
from congso.common.http import BodyRefused, body_guard, client_address, read_json
from congso.common.permissions import Cap

router = Router()
public_router = Router()

MAX_BODY_BYTES = MAX_EVIDENCE_FILES * MAX_EVIDENCE_BYTES + 256 * 1024
NOT_FOUND = gettext_lazy("Không tìm thấy phản ánh với mã tiếp nhận này.")
TOO_MANY = gettext_lazy("Bạn đã tra cứu quá nhiều lần. Vui lòng thử lại sau 15 phút.")


class ReportIn(Schema):
    """A report from the public. Only kind, agency_id and description are required."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["misconduct", "praise"]
    agency_id: int = Field(description="id từ /api/v1/public/agencies")
    description: str = Field(max_length=5000)
    officer_name: str = Field("", max_length=120)
    counter_id: int | None = None
    unit_text: str = Field("", max_length=255, description="bộ phận, phòng ban được nêu")
    place: str = Field("", max_length=255)
    occurred_on: date | None = None
    contact_name: str = Field("", max_length=120)
    contact_phone: str = Field("", max_length=30)
    contact_email: str = Field("", max_length=120)
    contact_address: str = Field("", max_length=255)
    client_id: str = Field("", max_length=36, description="UUID do máy khách tạo, chống gửi trùng")


class ReceiptOut(Schema):
    receipt: str


class NoteOut(Schema):
    at: datetime
    text: str


class MessageOut(Schema):
    at: datetime
    author: Literal["reporter", "agency"]
    body: str


class FindingOut(Schema):
    officer: str
    category: str
    praise: bool


class ReceiptStatusOut(Schema):
    kind: str
    finding: FindingOut | None = Field(
        None, description="chỉ có khi kết luận đã được xác minh và còn hiệu lực"
    )
    agency: str
    status: str
    submitted_at: datetime
    public_notes: list[NoteOut]
    messages: list[MessageOut]


class MessageIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: str = Field(max_length=2000)


_REPORT_BODY_DOC = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ReportIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "allOf": [
                        ReportIn.model_json_schema(),
                        {
                            "type": "object",
                            "properties": {
                                "evidence": {
                                    "type": "array",
                                    "items": {"type": "string", "format": "binary"},
                                }
                            },
                        },
                    ]
                }
            },
        },
    }
}


def _validation_message(exc: ValidationError) -> str:
    error = exc.errors()[0]
    field = ".".join(str(p) for p in error.get("loc", ())) or "dữ liệu"
    if error.get("type") == "missing":
        return _("Thiếu trường bắt buộc: %(f)s.") % {"f": field}
    if error.get("type") == "extra_forbidden":
        return _("Trường không được hỗ trợ: %(f)s.") % {"f": field}
    if error.get("type") == "string_too_long":
        return _("Trường %(f)s quá dài.") % {"f": field}
    if field == "kind":
        return _("Trường kind phải là “misconduct” (vi phạm) hoặc “praise” (khen ngợi).")
    return _("Giá trị không hợp lệ ở trường %(f)s.") % {"f": field}


def parse_report_request(request: HttpRequest) -> tuple[int, str] | ReportInput:
    """Read a JSON or multipart report, refusing oversized bodies before reading them."""
    files = []
    try:
        content_type = body_guard(
            request,
            limit=MAX_BODY_BYTES,
            content_types=("application/json", "multipart/form-data"),
        )
        if content_type == "application/json":
            raw = read_json(request, limit=MAX_BODY_BYTES)
            if not isinstance(raw, dict):
                return 422, _("Dữ liệu gửi lên phải là một đối tượng JSON.")
            payload = ReportIn.model_validate(raw)
        elif content_type == "multipart/form-data":
            raw = {k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"}
            for key in ("counter_id", "occurred_on"):
                if raw.get(key) == "":
                    raw.pop(key)
            payload = ReportIn.model_validate(raw)
            uploads = request.FILES.getlist("evidence")
            if len(uploads) > MAX_EVIDENCE_FILES:
                return 422, _("Tối đa %(n)d tệp chứng cứ.") % {"n": MAX_EVIDENCE_FILES}
            files = [clean_evidence(read_limited(upload)) for upload in uploads]
    except BodyRefused as exc:
        return exc.status, exc.message
    except ValidationError as exc:
        return 422, _validation_message(exc)
    except RuleError as exc:  # before ValueError: RuleError is one
        return 422, exc.message
    except (UnicodeDecodeError, ValueError, RecursionError):
        return 422, _("Dữ liệu gửi lên không phải JSON hợp lệ.")
    return ReportInput(
        kind=payload.kind,
        agency_id=payload.agency_id,
        description=payload.description,
        subject_name=payload.officer_name,
        counter_id=payload.counter_id,
        subject_unit_text=payload.unit_text,
        place=payload.place,
        occurred_on=payload.occurred_on,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
        contact_email=payload.contact_email,
        contact_address=payload.contact_address,
        client_id=payload.client_id,
        files=files,
    )


@public_router.post(
    "",
    response={
        200: ReceiptOut,
        201: ReceiptOut,
        403: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
    },
    summary="Gửi phản ánh hoặc biểu dương cán bộ",
    openapi_extra=_REPORT_BODY_DOC,
    auth=None,
)
def report_create(request: HttpRequest):
    if _session_without_csrf(request):
        return Status(403, {"detail": _("Thiếu mã bảo vệ CSRF cho phiên đăng nhập.")})
    data = parse_report_request(request)
    if isinstance(data, tuple):
        return Status(data[0], {"detail": data[1]})
    try:
        _report, receipt, created = report_submit(actor=request.actor, data=data)
    except RuleError as exc:
        return Status(422, {"detail": exc.message})
    return Status(201 if created else 200, {"receipt": receipt})


def _session_without_csrf(request: HttpRequest) -> bool:
    """A logged-in browser (a social monitor filing under the organisation's name) must show
    the CSRF token, or another site could file reports in the organisation's name. Citizens
    without a session need none: there is no identity to borrow."""
    if not request.actor.is_authenticated:
        return False
    failure = CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})
    return failure is not None


def _lookup(request: HttpRequest, receipt: str):
    if not lookup_allowed(address=client_address(request)):
        return Status(429, {"detail": str(TOO_MANY)})
    report = report_by_receipt(receipt[:32])
    if report is None:
        return Status(404, {"detail": str(NOT_FOUND)})
    return report


@public_router.get(
    "/{receipt}",
    response={200: ReceiptStatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="Tình trạng phản ánh theo mã tiếp nhận",
    auth=None,
)
def report_status(request: HttpRequest, receipt: str):
    report = _lookup(request, receipt)
    if isinstance(report, Status):
        return report
    return Status(200, receipt_view(report))


@public_router.post(
    "/{receipt}/messages",
    response={201: ReceiptStatusOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    summary="Người phản ánh gửi tin nhắn cho cơ quan",
    auth=None,
)
def report_message(request: HttpRequest, receipt: str, payload: MessageIn):
    report = _lookup(request, receipt)
    if isinstance(report, Status):
        return report
    try:
        reporter_message_post(report=report, body=payload.body)
    except RuleError as exc:
        return Status(422, {"detail": exc.message})
    return Status(201, receipt_view(report))


# ------------------------------------------------------------------------------- staff API


class CaseRowOut(Schema):
    id: int
    code: str
    kind: str
    source: str
    state: str
    unit: str
    person: str | None
    category: str | None
    handler: str | None
    due_on: date | None
    overdue: bool
    created_at: datetime


class CasePageOut(Schema):
    count: int
    page: int
    pages: int
    results: list[CaseRowOut]


class EventOut(Schema):
    at: datetime
    actor: str
    action: str
    from_state: str
    to_state: str
    note: str


class CaseOut(CaseRowOut):
    summary: str
    reporter: str | None
    severity: str
    culture: str
    clause: str | None
    reversed: bool
    appeal_deadline: date | None
    events: list[EventOut]


class TransitionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    to: str
    note: str = Field("", max_length=5000)
    public_note: str = Field("", max_length=2000)


class AssignIn(Schema):
    model_config = ConfigDict(extra="forbid")

    handler_id: int


def _row(case) -> dict:
    return {
        "id": case.pk,
        "code": case.code,
        "kind": case.kind,
        "source": case.source,
        "state": case.state,
        "unit": case.unit.name,
        "person": case.person.full_name if case.person_id else None,
        "category": case.category.name if case.category_id else None,
        "handler": case.handler.username if case.handler_id else None,
        "due_on": case.due_on,
        "overdue": is_overdue(state=case.state, due_on=case.due_on, today=today()),
        "created_at": case.created_at,
    }


def _detail(case) -> dict:
    report = selectors.case_report(case=case)
    return {
        **_row(case),
        "summary": case.summary,
        "reporter": report.reporter_label if report else None,
        "severity": case.severity,
        "culture": case.culture,
        "clause": str(case.clause) if case.clause_id else None,
        "reversed": case.reversed,
        "appeal_deadline": case.appeal_deadline,
        "events": [
            {
                "at": e.at,
                "actor": e.actor_label,
                "action": e.action,
                "from_state": e.from_state,
                "to_state": e.to_state,
                "note": e.note,
            }
            for e in selectors.case_timeline(case=case)
        ],
    }


@router.get("", response=CasePageOut, summary="Danh sách vụ việc")
def case_list(
    request: HttpRequest,
    state: str = "",
    overdue: bool = False,
    unit_id: int | None = None,
    source: str = "",
    category_id: int | None = None,
    page: int = 1,
    size: int = 20,
):
    filters = QueueFilters(
        state=state, overdue=overdue, unit_id=unit_id, source=source, category_id=category_id
    )
    result = selectors.case_page(actor=request.auth, filters=filters, page=page, size=size)
    return {
        "count": result.paginator.count,
        "page": result.number,
        "pages": result.paginator.num_pages,
        "results": [_row(c) for c in result.object_list],
    }


@router.get("/{case_id}", response={200: CaseOut, 404: ErrorOut}, summary="Chi tiết vụ việc")
def case_detail(request: HttpRequest, case_id: int):
    return Status(200, _detail(selectors.case_get(actor=request.auth, pk=case_id)))


@router.post(
    "/{case_id}/transitions",
    response={200: CaseOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Chuyển trạng thái vụ việc",
)
def case_move(request: HttpRequest, case_id: int, payload: TransitionIn):
    case = selectors.case_get(actor=request.auth, pk=case_id)
    try:
        case_transition(
            actor=request.auth,
            case=case,
            to=payload.to,
            note=payload.note,
            public_note=payload.public_note,
        )
    except TransitionForbidden as exc:
        return Status(403, {"detail": exc.message})
    except RuleError as exc:
        return Status(422, {"detail": exc.message})
    return Status(200, _detail(selectors.case_get(actor=request.auth, pk=case_id)))


@router.post(
    "/{case_id}/assign",
    response={200: CaseOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Phân công người xử lý",
)
def case_assign_api(request: HttpRequest, case_id: int, payload: AssignIn):
    case = selectors.case_get(actor=request.auth, pk=case_id)
    if not request.auth.can(Cap.CASES_DECIDE, case.unit_id):
        return Status(403, {"detail": _("Bạn không có quyền phân công vụ việc này.")})
    handler = (
        selectors.assignable_handlers(actor=request.auth, case=case)
        .filter(pk=payload.handler_id)
        .first()
    )
    if handler is None:
        return Status(422, {"detail": _("Không tìm thấy người được phân công.")})
    try:
        case_assign(actor=request.auth, case=case, handler=handler)
    except PermissionDenied:
        return Status(403, {"detail": _("Bạn không có quyền phân công vụ việc này.")})
    except RuleError as exc:
        return Status(422, {"detail": exc.message})
    return Status(200, _detail(selectors.case_get(actor=request.auth, pk=case_id)))


__all__ = ["Http404", "public_router", "router"]
