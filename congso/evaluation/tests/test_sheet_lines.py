"""Product lines on the sheet page, posted as the browser sends the form (no script needed):
the person's and the head's lines become task points (standard products, −25 % per major
error or delay unless the cause is objective); a bad row is named and nothing is written."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from congso.common.audit import AuditEntry
from congso.common.testing import build_world, login_client
from congso.evaluation import rules, services
from congso.evaluation.models import Product, Sheet, SheetLine
from congso.org.models import Assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    return w


@pytest.fixture
def sheet(world):
    return services.sheet_open(
        actor=None,
        person=world.alice.person,
        unit_id=world.agency_a.pk,
        year=2026,
        period_kind="month",
        number=11,
    )


def _product(unit, code="TT01", units="2", **fields):
    return Product.unscoped.create(
        unit=unit,
        position="Chuyên viên",
        code=code,
        name=fields.pop("name", "Tờ trình"),
        measure="văn bản",
        standard_units=Decimal(units),
        **fields,
    )


COMMON = {f"c_{key}": "5" for key, _label in rules.CRITERIA}


def _form(*rows, **extra):
    """The sheet form as Chromium posts it: every row's inputs, blank rows included."""
    data = {**COMMON, "line_rows": str(len(rows) + 2), "task_points": "", **extra}
    for i, row in enumerate([*rows, {}, {}]):
        for name in (
            "product",
            "label",
            "assigned",
            "completed",
            "quality_pct",
            "timeliness_pct",
            "major_errors",
            "delays",
        ):
            data[f"l{i}_{name}"] = row.get(name, "")
        for box in ("objective_cause", "delete"):
            if row.get(box):
                data[f"l{i}_{box}"] = "on"
    return data


def _post(user, sheet, data):
    return login_client(user).post(reverse("evaluation:sheet_save", args=[sheet.pk]), data)


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_person_enters_product_lines_and_the_task_points_are_computed(world, sheet):
    product = _product(world.agency_a)
    data = _form(
        {
            "product": str(product.pk),
            "assigned": "10",
            "completed": "8",
            "quality_pct": "90",
            "timeliness_pct": "100",
            "major_errors": "1",
        },
        {
            "label": "Báo cáo chuyên đề",
            "assigned": "5",
            "completed": "5",
            "quality_pct": "100",
            "timeliness_pct": "80",
            "delays": "1",
            "objective_cause": True,
        },
        action="self",
    )
    response = _post(world.alice, sheet, data)
    assert _messages(response) == ["Đã lưu phiếu đánh giá."]
    sheet.refresh_from_db()
    # Line 1: (80 + 90 × 0.75 + 100) / 3 = 82.5, weight 10 × 2 standard units;
    # line 2: objective cause, no penalty: (100 + 100 + 80) / 3, weight 5.
    # 70 × (20 × 82.5 + 5 × 93.33…) / 25 / 100 = 59.27.
    assert sheet.self_task_points == Decimal("59.27")
    lines = list(sheet.lines.order_by("id"))
    assert [x.label for x in lines] == ["Tờ trình", "Báo cáo chuyên đề"]
    entry = AuditEntry.objects.get(action="evaluation.sheet_self")
    assert len(json.loads(entry.new)["lines"]) == 2
    page = login_client(world.alice).get(reverse("evaluation:sheet", args=[sheet.pk]))
    body = page.content.decode()
    assert "82,50" in body  # the line's score, shown after the post
    assert "59,27" in body or "59.27" in body
    assert 'name="line_rows" value="5"' in body  # two lines and three blank rows


def test_a_bad_row_is_named_and_nothing_is_written(world, sheet):
    data = _form(
        {
            "label": "A",
            "assigned": "1",
            "completed": "1",
            "quality_pct": "90",
            "timeliness_pct": "90",
        },
        {
            "label": "B",
            "assigned": "1",
            "completed": "1",
            "quality_pct": "120",
            "timeliness_pct": "9",
        },
        action="self",
    )
    response = _post(world.alice, sheet, data)
    assert _messages(response) == ["Sản phẩm dòng 2: Tỷ lệ phần trăm phải từ 0 đến 100."]
    # The page comes back with every row and criterion as typed.
    body = response.content.decode()
    assert response.status_code == 400
    assert 'name="l1_quality_pct" inputmode="decimal" size="5" value="120"' in body
    assert 'name="c_politics" value="5"' in body
    sheet.refresh_from_db()
    assert sheet.self_task_points is None and sheet.self_common == {}
    assert not SheetLine.objects.exists()


def test_a_product_of_another_agency_or_retired_is_refused(world, sheet):
    foreign = _product(world.agency_b, code="YT01")
    retired = _product(world.agency_a, code="OLD", retired_on=date(2026, 1, 1))
    row = {"assigned": "1", "completed": "1", "quality_pct": "90", "timeliness_pct": "90"}
    for product in (foreign, retired):
        response = _post(
            world.alice, sheet, _form({**row, "product": str(product.pk)}, action="self")
        )
        assert any(
            "Sản phẩm dòng 1: sản phẩm không có trong danh mục" in m for m in _messages(response)
        )
    assert not SheetLine.objects.exists()


def test_a_line_keeps_its_product_after_the_product_is_retired(world, sheet):
    product = _product(world.agency_a)
    row = {"product": str(product.pk), "assigned": "4", "completed": "4"}
    row |= {"quality_pct": "100", "timeliness_pct": "100"}
    _post(world.alice, sheet, _form(row, action="self"))
    Product.unscoped.filter(pk=product.pk).update(retired_on=date(2026, 11, 20))
    page = login_client(world.alice).get(reverse("evaluation:sheet", args=[sheet.pk]))
    assert f'<option value="{product.pk}"' in page.content.decode()
    response = _post(world.alice, sheet, _form(row, action="submit"))
    assert _messages(response) == ["Đã lưu phiếu đánh giá."]
    assert SheetLine.objects.get().product_id == product.pk


def test_head_changes_the_lines_removes_one_and_finalises(world, sheet):
    a = {"label": "A", "assigned": "2", "completed": "2", "quality_pct": "100"}
    a |= {"timeliness_pct": "100"}
    b = {"label": "B", "assigned": "2", "completed": "1", "quality_pct": "50"}
    b |= {"timeliness_pct": "50"}
    _post(world.alice, sheet, _form(a, b, action="submit"))
    sheet.refresh_from_db()
    assert sheet.self_task_points == Decimal("52.50")
    response = _post(
        world.head_a, sheet, _form({**a, "delays": "2"}, {**b, "delete": True}, action="finalise")
    )
    assert _messages(response) == ["Đã lưu phiếu đánh giá."]
    sheet = Sheet.unscoped.get(pk=sheet.pk)
    # Only A is left: (100 + 100 + 100 × 0.5) / 3 = 83.33…, × 0.7 = 58.33.
    assert sheet.task_points == Decimal("58.33") and sheet.state == "final"
    assert list(sheet.lines.values_list("label", flat=True)) == ["A"]
    assert sheet.self_task_points == Decimal("52.50")  # the person's own figure stays


def test_without_lines_the_typed_task_points_count(world, sheet):
    _post(world.alice, sheet, _form(action="self", task_points="61,5"))
    sheet.refresh_from_db()
    assert sheet.self_task_points == Decimal("61.5")


def test_standard_units_weigh_the_lines():
    heavy = rules.Line(Decimal(1), Decimal(1), Decimal(100), Decimal(100), units=Decimal(9))
    light = rules.Line(Decimal(1), Decimal(0), Decimal(0), Decimal(0))
    # (9 × 100 + 1 × 0) / 10 = 90 % → 63 points; without units it would be 35.
    assert rules.task_points([heavy, light]) == Decimal("63.00")
    plain = rules.Line(Decimal(1), Decimal(1), Decimal(100), Decimal(100))
    assert rules.task_points([plain, light]) == Decimal("35.00")
