"""Staff API of inspections (read operations), under /api/v1/inspections/, scoped like pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone
from ninja import Query, Router, Schema

from congso.inspections import selectors
from congso.inspections.rules import task_overdue

router = Router()

MAX_ROWS = 500


class PlanOut(Schema):
    id: int
    unit_id: int
    year: int
    title: str
    status: str
    description: str
    target_ids: list[int]


class VisitSummaryOut(Schema):
    id: int
    unit_id: int
    unit_name: str
    inspecting_unit_id: int
    plan_id: int | None
    kind: str
    visit_on: date
    status: str


class ItemOut(Schema):
    id: int
    clause_id: int
    clause_number: str
    clause_title: str
    result: str
    note: str
    photo_ids: list[int]


class FindingOut(Schema):
    id: int
    kind: str
    person_id: int | None
    category: str | None
    description: str
    case_id: int | None
    item_id: int | None


class VisitOut(VisitSummaryOut):
    version_id: int | None
    purpose: str
    conclusion: str
    inspector_ids: list[int]
    subject_ids: list[int]
    items: list[ItemOut]
    findings: list[FindingOut]


class TaskOut(Schema):
    id: int
    unit_id: int
    finding_id: int
    visit_id: int
    title: str
    owner_id: int
    working_days: int
    due_on: date
    status: str
    overdue: bool
    done_on: date | None


class ScoreOut(Schema):
    unit_id: int
    unit_name: str
    visits: int
    compliant: int
    non_compliant: int
    not_applicable: int
    score: float | None


class YearQuery(Schema):
    year: int | None = None


class VisitQuery(Schema):
    year: int | None = None
    status: str = ""


class TaskQuery(Schema):
    overdue: bool = False


def _visit_summary(v) -> dict[str, Any]:
    return {
        "id": v.pk,
        "unit_id": v.unit_id,
        "unit_name": v.unit.name,
        "inspecting_unit_id": v.inspecting_unit_id,
        "plan_id": v.plan_id,
        "kind": v.kind,
        "visit_on": v.visit_on,
        "status": v.status,
    }


@router.get("/plans", response=list[PlanOut], url_name="inspections_plans", summary="Kế hoạch")
def plans(request, query: Query[YearQuery]):
    rows = selectors.plan_list(actor=request.auth, year=query.year).prefetch_related("targets")
    return [
        {
            "id": p.pk,
            "unit_id": p.unit_id,
            "year": p.year,
            "title": p.title,
            "status": p.status,
            "description": p.description,
            "target_ids": sorted(t.pk for t in p.targets.all()),
        }
        for p in rows[:MAX_ROWS]
    ]


@router.get(
    "/plans/{plan_id}", response=PlanOut, url_name="inspections_plan", summary="Một kế hoạch"
)
def plan_detail(request, plan_id: int):
    plan = selectors.plan_get(actor=request.auth, pk=plan_id)
    return {
        "id": plan.pk,
        "unit_id": plan.unit_id,
        "year": plan.year,
        "title": plan.title,
        "status": plan.status,
        "description": plan.description,
        "target_ids": sorted(selectors.plan_targets(plan=plan).values_list("pk", flat=True)),
    }


@router.get(
    "/visits",
    response=list[VisitSummaryOut],
    url_name="inspections_visits",
    summary="Cuộc kiểm tra",
)
def visits(request, query: Query[VisitQuery]):
    rows = selectors.visit_list(actor=request.auth, year=query.year, status=query.status)
    return [_visit_summary(v) for v in rows[:MAX_ROWS]]


@router.get(
    "/visits/{visit_id}",
    response=VisitOut,
    url_name="inspections_visit",
    summary="Một cuộc kiểm tra: danh mục, kết quả, kết luận",
)
def visit_detail(request, visit_id: int):
    visit = selectors.visit_get(actor=request.auth, pk=visit_id)
    items = selectors.visit_items(visit=visit)
    return {
        **_visit_summary(visit),
        "version_id": visit.version_id,
        "purpose": visit.purpose,
        "conclusion": visit.conclusion,
        "inspector_ids": [p.pk for p in selectors.visit_people(visit=visit, field="inspectors")],
        "subject_ids": [p.pk for p in selectors.visit_people(visit=visit, field="subjects")],
        "items": [
            {
                "id": i.pk,
                "clause_id": i.clause_id,
                "clause_number": i.clause.number,
                "clause_title": i.clause.title,
                "result": i.result,
                "note": i.note,
                "photo_ids": [p.pk for p in i.photos.all()],
            }
            for i in items
        ],
        "findings": [
            {
                "id": f.pk,
                "kind": f.kind,
                "person_id": f.person_id,
                "category": f.category.code if f.category_id else None,
                "description": f.description,
                "case_id": f.case_id,
                "item_id": f.item_id,
            }
            for f in selectors.visit_findings(visit=visit)
        ],
    }


@router.get(
    "/tasks",
    response=list[TaskOut],
    url_name="inspections_tasks",
    summary="Việc khắc phục sau kiểm tra",
)
def tasks(request, query: Query[TaskQuery]):
    today = timezone.localdate()
    rows = selectors.task_list(actor=request.auth, overdue_only=query.overdue)
    return [
        {
            "id": t.pk,
            "unit_id": t.unit_id,
            "finding_id": t.finding_id,
            "visit_id": t.finding.visit_id,
            "title": t.title,
            "owner_id": t.owner_id,
            "working_days": t.working_days,
            "due_on": t.due_on,
            "status": t.status,
            "overdue": task_overdue(status=t.status, due_on=t.due_on, today=today),
            "done_on": t.done_on,
        }
        for t in rows[:MAX_ROWS]
    ]


@router.get(
    "/scores",
    response=list[ScoreOut],
    url_name="inspections_scores",
    summary="Điểm kiểm tra theo đơn vị trong năm",
)
def scores(request, query: Query[YearQuery]):
    year = query.year or selectors.current_year()
    return [
        {
            "unit_id": r.unit_id,
            "unit_name": r.name,
            "visits": r.visits,
            "compliant": r.score.compliant,
            "non_compliant": r.score.non_compliant,
            "not_applicable": r.score.not_applicable,
            "score": r.score.value,
        }
        for r in selectors.unit_scores(actor=request.auth, year=year)
    ]
