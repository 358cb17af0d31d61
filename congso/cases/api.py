"""Cases API: the public report operations (design.md §6) and the staff case operations.

Public: `POST /api/v1/public/reports` takes JSON (smallest body: kind, agency_id, description)
or a multipart form with evidence files (field `evidence`, repeatable); it answers 201
{"receipt": 16 digits}, or 200 with the same receipt when the same `client_id` comes again
with the same content (409 when its content differs); every refused field is listed in
`errors` (422); reports are limited per address (429).
`GET /api/v1/public/reports/{receipt}` shows the status, public notes and the thread, with
nothing that identifies anyone; unknown and malformed receipts get the same 404; failed
look-ups are limited per address and each receipt's uses per receipt (429).
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
from pydantic import ConfigDict

from congso.cases import selectors
from congso.cases.report_parsing import ParseFailure, ReportIn, parse_report_request
from congso.cases.rules import (
    FieldErrors,
    ReceiptConflict,
    RuleError,
    TransitionForbidden,
    is_overdue,
    normalise_receipt,
)
from congso.cases.selectors import QueueFilters
from congso.cases.selectors.public import receipt_view
from congso.cases.services import (
    case_assign,
    case_transition,
    lookup_allowed,
    lookup_failed,
    receipt_use_allowed,
    report_allowed,
    report_by_receipt,
    report_submit,
    reporter_message_post,
)
from congso.cases.services.base import today
from congso.common.api import ErrorOut
from congso.common.http import client_address
from congso.common.permissions import Cap

router = Router()
public_router = Router()

NOT_FOUND = gettext_lazy("Không tìm thấy phản ánh với mã tiếp nhận này.")
TOO_MANY = gettext_lazy(
    "Có quá nhiều lần tra cứu sai mã từ địa chỉ mạng này. Vui lòng thử lại sau 15 phút."
)
TOO_MANY_USES = gettext_lazy(
    "Mã tiếp nhận này được dùng quá nhiều lần trong ít phút. Vui lòng thử lại sau 15 phút."
)
TOO_MANY_REPORTS = gettext_lazy(
    "Địa chỉ mạng này đã gửi quá nhiều phản ánh trong một giờ. Vui lòng thử lại sau."
)


class ReportErrorOut(ErrorOut):
    errors: dict[str, str] = Field(
        default_factory=dict, description="lỗi của từng trường (tên trường → thông báo)"
    )


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


@public_router.post(
    "",
    response={
        200: ReceiptOut,
        201: ReceiptOut,
        403: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: ReportErrorOut,
        429: ErrorOut,
    },
    summary="Gửi phản ánh hoặc biểu dương cán bộ",
    openapi_extra=_REPORT_BODY_DOC,
    auth=None,
)
def report_create(request: HttpRequest):
    if _session_without_csrf(request):
        return Status(403, {"detail": _("Thiếu mã bảo vệ CSRF cho phiên đăng nhập.")})
    if not report_allowed(address=client_address(request)):
        return Status(429, {"detail": str(TOO_MANY_REPORTS)})
    data = parse_report_request(request)
    if isinstance(data, ParseFailure):
        return Status(data.status, {"detail": data.message, "errors": data.errors})
    try:
        _report, receipt, created = report_submit(actor=request.actor, data=data)
    except ReceiptConflict as exc:
        return Status(409, {"detail": exc.message})
    except FieldErrors as exc:
        return Status(422, {"detail": exc.message, "errors": exc.errors})
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


def receipt_lookup(request: HttpRequest, receipt: str):
    """The report behind a receipt, or why not: (status, message). Only failed look-ups count
    against the address; each valid receipt has its own limit (docs/cases.md, "Limits")."""
    address = client_address(request)
    if not lookup_allowed(address=address):
        return 429, TOO_MANY
    report = report_by_receipt(receipt)
    if report is None:
        lookup_failed(address=address)
        return 404, NOT_FOUND
    if not receipt_use_allowed(receipt=normalise_receipt(receipt)):
        return 429, TOO_MANY_USES
    return report


def _lookup(request: HttpRequest, receipt: str):
    found = receipt_lookup(request, receipt)
    if isinstance(found, tuple):
        return Status(found[0], {"detail": str(found[1])})
    return found


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


__all__ = ["Http404", "parse_report_request", "public_router", "router"]
