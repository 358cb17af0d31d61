"""Staff API of codes of conduct (read operations), under /api/v1/conduct/, scoped like pages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import Http404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from congso.common.permissions import Cap
from congso.conduct import selectors
from congso.conduct.models import Clause, CodeVersion

router = Router()

MAX_CODES = 1000


class CategoryOut(Schema):
    code: str
    name: str
    culture: str
    culture_label: str
    description: str
    legal_basis: str


class CodeOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    title: str


class VersionSummaryOut(Schema):
    id: int
    number: int
    status: str
    effective_from: date | None
    effective_to: date | None
    published_at: datetime | None
    note: str


class CodeDetailOut(CodeOut):
    versions: list[VersionSummaryOut]
    version_in_force_id: int | None


class ClauseOut(Schema):
    id: int
    version_id: int
    number: str
    ordering: int
    title: str
    text: str
    category: str | None


class VersionOut(VersionSummaryOut):
    code_id: int
    unit_id: int
    clauses: list[ClauseOut]


class CompletionOut(Schema):
    unit_id: int
    name: str
    own_staff_only: bool
    active_staff: int
    attested: int
    percent: int


class CompletionQuery(Schema):
    unit_id: int | None = None


class ClauseInForceQuery(Schema):
    unit_id: int
    category: str
    on: date


def _category(c) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "culture": c.culture,
        "culture_label": str(c.get_culture_display()),
        "description": c.description,
        "legal_basis": c.legal_basis,
    }


def _code(code) -> dict[str, Any]:
    return {
        "id": code.pk,
        "unit_id": code.unit_id,
        "unit_name": code.unit.name,
        "title": code.title,
    }


def _summary(v: CodeVersion) -> dict[str, Any]:
    return {
        "id": v.pk,
        "number": v.number,
        "status": v.status,
        "effective_from": v.effective_from,
        "effective_to": v.effective_to,
        "published_at": v.published_at,
        "note": v.note,
    }


def _clause(c: Clause) -> dict[str, Any]:
    return {
        "id": c.pk,
        "version_id": c.version_id,
        "number": c.number,
        "ordering": c.ordering,
        "title": c.title,
        "text": c.text,
        "category": c.category.code if c.category_id else None,
    }


@router.get(
    "/categories",
    url_name="conduct_categories",
    response=list[CategoryOut],
    summary="Danh mục loại vi phạm",
)
def categories(request):
    return [_category(c) for c in selectors.category_list()]


@router.get(
    "/codes",
    url_name="conduct_codes",
    response=list[CodeOut],
    summary="Quy chế văn hóa công sở của các đơn vị",
)
def codes(request):
    return [_code(c) for c in selectors.code_list(actor=request.auth)[:MAX_CODES]]


@router.get(
    "/codes/{code_id}",
    url_name="conduct_code",
    response=CodeDetailOut,
    summary="Một quy chế và các phiên bản",
)
def code_detail(request, code_id: int):
    actor = request.auth
    code = selectors.code_get(actor=actor, pk=code_id)
    current = selectors.current_version(actor=actor, code=code, on=timezone.localdate())
    return {
        **_code(code),
        "versions": [_summary(v) for v in selectors.version_list(actor=actor, code=code)],
        "version_in_force_id": current.pk if current else None,
    }


@router.get(
    "/versions/{version_id}",
    url_name="conduct_version",
    response=VersionOut,
    summary="Một phiên bản và điều khoản",
)
def version_detail(request, version_id: int):
    version = selectors.version_get(actor=request.auth, pk=version_id)
    return {
        **_summary(version),
        "code_id": version.code_id,
        "unit_id": version.unit_id,
        "clauses": [_clause(c) for c in selectors.clause_list(version=version)],
    }


@router.get(
    "/clauses/{clause_id}", url_name="conduct_clause", response=ClauseOut, summary="Một điều khoản"
)
def clause_detail(request, clause_id: int):
    return _clause(selectors.clause_get(actor=request.auth, pk=clause_id))


@router.get(
    "/clause-in-force",
    url_name="conduct_clause_in_force",
    response=ClauseOut,
    summary="Điều khoản áp dụng cho một loại vi phạm tại đơn vị vào một ngày",
)
def clause_in_force(request, query: Query[ClauseInForceQuery]):
    actor = request.auth
    if not actor.can(Cap.CONDUCT_VIEW, query.unit_id):
        raise Http404
    clause = selectors.clause_in_force(
        unit_id=query.unit_id, category_code=query.category, on=query.on
    )
    if clause is None:
        raise HttpError(404, "Không có điều khoản nào áp dụng cho loại vi phạm này vào ngày đó.")
    return _clause(clause)


@router.get(
    "/attestation-completion",
    url_name="conduct_attestation_completion",
    response=list[CompletionOut],
    summary="Tỷ lệ cán bộ đã xác nhận đọc quy chế, theo đơn vị",
)
def attestation_completion(request, query: Query[CompletionQuery]):
    actor = request.auth
    if query.unit_id is not None:
        unit = selectors.report_unit_get(actor=actor, pk=query.unit_id)
    else:
        unit = selectors.completion_root(actor=actor)
        if unit is None:
            raise Http404
    return [
        {
            "unit_id": r.unit_id,
            "name": r.name,
            "own_staff_only": r.own_only,
            "active_staff": r.staff,
            "attested": r.attested,
            "percent": r.percent,
        }
        for r in selectors.attestation_completion(actor=actor, unit=unit)
    ]
