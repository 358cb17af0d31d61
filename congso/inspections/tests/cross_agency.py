"""Cross-agency routes of the inspections app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from django.urls import reverse

from congso.common.testing import CrossAgencyRoute, make_person
from congso.inspections import services
from congso.inspections.models import (
    ChecklistItem,
    Finding,
    InspectionPlan,
    ItemPhoto,
    RemediationTask,
    Visit,
)
from congso.inspections.tests.factories import started_visit


def _plan(world, unit):
    return services.plan_create(actor=None, unit=unit, year=2025, title="KH", targets=[unit])


def _visit(world, unit):
    return started_visit(world, unit)


def _item(world, unit):
    return _visit(world, unit).items.first()


def _photo(world, unit):
    item = _item(world, unit)
    return ItemPhoto.unscoped.create(
        item=item, unit=unit, file="inspections/x.jpg", width=1, height=1, size=1, sha256="0" * 64
    )


def _finding(world, unit):
    return services.finding_record(
        actor=None, visit=_visit(world, unit), kind="unit", description="Tồn tại"
    )


def _task(world, unit):
    owner = make_person(unit, full_name="Hoàng Văn Sơn")
    return services.task_create(
        actor=None, finding=_finding(world, unit), title="Khắc phục", owner=owner, working_days=5
    )


def _page(name: str):
    return lambda row: reverse(name, args=[row.pk])


def _posts(model, make, names: list[str]) -> CrossAgencyRoute:
    return CrossAgencyRoute(
        model=model,
        make=make,
        pages=[_page(f"inspections:{n}") for n in names],
        url_names=[f"inspections:{n}" for n in names],
        methods=("post",),
    )


ROUTES = [
    CrossAgencyRoute(
        model=InspectionPlan,
        make=_plan,
        pages=[_page("inspections:plan")],
        api=[lambda row: f"/api/v1/inspections/plans/{row.pk}"],
        url_names=["inspections:plan", "api:inspections_plan"],
        methods=("get",),
    ),
    _posts(InspectionPlan, _plan, ["plan_advance"]),
    CrossAgencyRoute(
        model=Visit,
        make=_visit,
        pages=[_page("inspections:visit")],
        api=[lambda row: f"/api/v1/inspections/visits/{row.pk}"],
        url_names=["inspections:visit", "api:inspections_visit"],
        methods=("get",),
    ),
    _posts(Visit, _visit, ["visit_start", "visit_finish", "subject_add", "finding_create"]),
    _posts(ChecklistItem, _item, ["item_assess", "photo_add"]),
    CrossAgencyRoute(
        model=ItemPhoto,
        make=_photo,
        pages=[_page("inspections:photo")],
        url_names=["inspections:photo"],
        methods=("get",),
    ),
    _posts(Finding, _finding, ["finding_case", "task_create"]),
    _posts(RemediationTask, _task, ["task_complete"]),
]
