"""Excel imports (bad rows name their row and column; nothing half-written) and the pure rules
of periods, product lines and time worked."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from congso.common.testing import build_world
from congso.evaluation import rules
from congso.evaluation.models import LeaveRecord, Product
from congso.evaluation.services.imports import (
    CATALOGUE_COLUMNS,
    LEAVE_COLUMNS,
    ImportErrors,
    catalogue_import,
    leave_import,
)


def _xlsx(header, rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_catalogue_with_a_bad_row_names_row_and_column_and_writes_nothing():
    world = build_world()
    content = _xlsx(
        CATALOGUE_COLUMNS,
        [
            ("Chuyên viên", "SP01", "Tờ trình", "văn bản", 1),
            ("Chuyên viên", "SP02", "Báo cáo", "văn bản", "nhiều"),
            ("Chuyên viên", "", "Công văn", "văn bản", 0.5),
        ],
    )
    with pytest.raises(ImportErrors) as caught:
        catalogue_import(actor=None, unit=world.agency_a, content=content)
    lines = caught.value.lines()
    assert (
        "Dòng 3, cột “Số sản phẩm chuẩn”: phải là số lớn hơn 0, tối đa 100000, "
        "hai chữ số thập phân." in lines
    )
    assert "Dòng 4, cột “Mã sản phẩm”: không được để trống." in lines
    assert not Product.unscoped.exists()


@pytest.mark.django_db
def test_catalogue_and_leave_import_good_files():
    world = build_world()
    content = _xlsx(CATALOGUE_COLUMNS, [("Chuyên viên", "SP01", "Tờ trình", "văn bản", "1,5")])
    assert catalogue_import(actor=None, unit=world.agency_a, content=content) == 1
    assert Product.unscoped.get().standard_units == Decimal("1.5")
    code = world.alice.person.staff_code
    leave = _xlsx(LEAVE_COLUMNS, [(code, "Thai sản", "01/03/2026", "30/08/2026")])
    assert leave_import(actor=None, unit=world.agency_a, content=leave) == 1
    assert LeaveRecord.unscoped.get().kind == "maternity"


@pytest.mark.django_db
def test_leave_import_refuses_people_of_another_agency():
    world = build_world()
    code = world.charlie.person.staff_code
    leave = _xlsx(LEAVE_COLUMNS, [(code, "Ốm đau", "01/03/2026", "02/03/2026")])
    with pytest.raises(ImportErrors) as caught:
        leave_import(actor=None, unit=world.agency_a, content=leave)
    assert caught.value.errors[0][:2] == (2, "Mã cán bộ")
    assert not LeaveRecord.unscoped.exists()


def test_period_bounds_months_and_quarters():
    assert rules.period_bounds(2026, "month", 12) == (date(2026, 12, 1), date(2027, 1, 1))
    assert rules.period_bounds(2026, "quarter", 2) == (date(2026, 4, 1), date(2026, 7, 1))
    with pytest.raises(rules.EvaluationError):
        rules.period_bounds(2026, "quarter", 5)


@pytest.mark.parametrize(
    ("line", "score"),
    [
        (rules.Line(Decimal(10), Decimal(10), Decimal(100), Decimal(100)), Decimal(100)),
        (rules.Line(Decimal(10), Decimal(5), Decimal(100), Decimal(100)), Decimal(250) / 3),
        (rules.Line(Decimal(10), Decimal(10), Decimal(100), Decimal(100), 4, 0), Decimal(200) / 3),
        (rules.Line(Decimal(10), Decimal(10), Decimal(100), Decimal(100), 5, 5), Decimal(100) / 3),
        (
            rules.Line(Decimal(10), Decimal(10), Decimal(100), Decimal(100), 2, 2, True),
            Decimal(100),
        ),
        (rules.Line(Decimal(10), Decimal(20), Decimal(100), Decimal(100)), Decimal(100)),
    ],
)
def test_line_score_penalties_and_objective_causes(line, score):
    assert rules.line_score(line) == score


def test_task_points_weighted_by_standard_units():
    lines = [
        rules.Line(Decimal(30), Decimal(30), Decimal(100), Decimal(100)),
        rules.Line(Decimal(10), Decimal(0), Decimal(0), Decimal(0)),
    ]
    assert rules.task_points(lines) == Decimal("52.50")


def test_time_worked_leave_and_maternity():
    facts = rules.time_facts(
        year=2026,
        assignments=[(date(2020, 1, 1), None)],
        leave=[("maternity", date(2026, 1, 1), date(2026, 6, 30))],
    )
    assert (facts.months_worked, facts.months_absent, facts.maternity) == (
        Decimal("6.0"),
        Decimal("6.0"),
        True,
    )
    recruit = rules.time_facts(year=2026, assignments=[(date(2026, 8, 1), None)], leave=[])
    assert recruit.months_worked == Decimal("5.0")


def test_weights_must_add_up_to_thirty():
    assert sum(rules.weights_of(None).values()) == 30
    with pytest.raises(rules.EvaluationError, match="30"):
        rules.weights_of({"politics": 10})


def test_quota_proposal_lists_ties_at_the_boundary():
    proposal = rules.propose_kept("g", 1, [(1, Decimal(93)), (2, Decimal(93)), (3, Decimal(91))])
    assert proposal.kept == (1,) and proposal.ties == (1, 2)
    clear = rules.propose_kept("g", 1, [(1, Decimal(95)), (2, Decimal(93))])
    assert clear.kept == (1,) and clear.ties == ()


def test_a_line_with_a_non_numeric_error_count_is_refused_with_its_field():
    from congso.evaluation.rules import EvaluationError, check_line

    with pytest.raises(EvaluationError) as caught:
        check_line(
            {
                "assigned": "1",
                "completed": "1",
                "quality_pct": "100",
                "timeliness_pct": "100",
                "major_errors": "hai",
            }
        )
    assert caught.value.field == "major_errors"
