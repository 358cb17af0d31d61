"""Cross-agency routes of the evaluation app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from congso.common.testing import CrossAgencyRoute, make_person
from congso.evaluation.models import (
    EvaluationSettings,
    LeaveRecord,
    Product,
    Result,
    ResultAppeal,
    Run,
    Sheet,
    YearFacts,
)
from congso.evaluation.tests.factories import final_sheets


def _sheet(world, unit):
    person = make_person(unit, full_name="Phạm Văn Đức")
    return final_sheets(person, unit, 2026, months=[1])[0]


def _run(world, unit):
    return Run.unscoped.create(
        unit=unit, year=2026, state="published", appeal_deadline=date(2099, 1, 1)
    )


def _result(world, unit):
    person = make_person(unit, full_name="Hoàng Thị Mai", sex="F")
    return Result.unscoped.create(
        unit=unit,
        run=_run(world, unit),
        person=person,
        category="cong_chuc",
        proposed="HTTNV",
        classification="HTTNV",
        rule_set="nd335_2025",
    )


def _appeal(world, unit):
    result = _result(world, unit)
    return ResultAppeal.unscoped.create(
        unit=unit,
        result=result,
        person=result.person,
        text="Đề nghị xem xét lại",
        filed_on=date(2026, 12, 1),
    )


def _page(name: str):
    return lambda row: reverse(name, args=[row.pk])


def _unit_page(name: str):
    return lambda row: reverse(name, args=[row.unit_id])


def _unit(world, unit):
    return unit


def _settings(world, unit):
    return EvaluationSettings.unscoped.create(unit=unit)


def _product(world, unit):
    return Product.unscoped.create(
        unit=unit,
        position="Chuyên viên",
        code="SP1",
        name="Văn bản",
        measure="văn bản",
        standard_units=1,
    )


def _leave(world, unit):
    person = make_person(unit, full_name="Vũ Thị Lan", sex="F")
    return LeaveRecord.unscoped.create(
        unit=unit, person=person, kind="sick", start=date(2026, 2, 1), end=date(2026, 2, 5)
    )


def _year_facts(world, unit):
    person = make_person(unit, full_name="Đỗ Văn Nam")
    return YearFacts.unscoped.create(unit=unit, person=person, year=2026)


def _routes(model, make, gets, posts, api=()) -> list[CrossAgencyRoute]:
    """One route for the pages read with GET (and the API), one for those that take POST."""
    page = {
        name: (
            _unit_page(name)
            if name.startswith(("evaluation:unit", "evaluation:catalogue"))
            or "_import" in name
            or name == "evaluation:product_create"
            else _page(name)
        )
        for name in [*gets, *posts]
    }
    routes = []
    if gets or api:
        routes.append(
            CrossAgencyRoute(
                model=model,
                make=make,
                pages=[page[n] for n in gets],
                api=[path for _name, path in api],
                url_names=[*gets, *(name for name, _path in api)],
                methods=("get",),
            )
        )
    if posts:
        routes.append(
            CrossAgencyRoute(
                model=model,
                make=make,
                pages=[page[n] for n in posts],
                url_names=list(posts),
                methods=("post",),
            )
        )
    return routes


ROUTES = [
    *_routes(Sheet, _sheet, ["evaluation:sheet"], ["evaluation:sheet_save"]),
    *_routes(
        Run,
        _run,
        [
            "evaluation:run",
            "evaluation:run_published",
            "evaluation:run_xlsx",
            "evaluation:run_docx",
            "evaluation:unit",
            "evaluation:catalogue",
            "evaluation:catalogue_xlsx",
        ],
        [
            "evaluation:run_step",
            "evaluation:unit_open_period",
            "evaluation:unit_classify",
            "evaluation:unit_settings",
            "evaluation:catalogue_import",
            "evaluation:leave_import",
            "evaluation:product_create",
        ],
        [("api:evaluation_run", lambda row: f"/api/v1/evaluation/runs/{row.pk}")],
    ),
    *_routes(
        Result,
        _result,
        ["evaluation:result", "evaluation:result_docx"],
        ["evaluation:result_appeal", "evaluation:result_decide"],
        [("api:evaluation_result", lambda row: f"/api/v1/evaluation/results/{row.pk}")],
    ),
    *_routes(ResultAppeal, _appeal, [], ["evaluation:appeal_answer"]),
    CrossAgencyRoute(model=EvaluationSettings, make=_settings),
    *_routes(
        Product,
        _product,
        ["evaluation:product_edit"],
        ["evaluation:product_edit", "evaluation:product_retire"],
    ),
    CrossAgencyRoute(model=LeaveRecord, make=_leave),
    CrossAgencyRoute(model=YearFacts, make=_year_facts),
]
