"""The product catalogue edited on its page: add, change, retire, bring back, export, import
from the same page; every change audited; bad input refused in Vietnamese, nothing written."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from congso.common.audit import AuditEntry
from congso.common.testing import actor_of, build_world, login_client
from congso.evaluation.models import Product
from congso.evaluation.services.imports import CATALOGUE_COLUMNS
from congso.org.models import Assignment

pytestmark = pytest.mark.django_db

GOOD = {
    "position": "Chuyên viên tổ chức",
    "code": "TC01",
    "name": "Tờ trình bổ nhiệm",
    "measure": "hồ sơ",
    "standard_units": "1,5",
}


@pytest.fixture
def world():
    return build_world()


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _add(world, **changes):
    client = login_client(world.head_a)
    url = reverse("evaluation:product_create", args=[world.agency_a.pk])
    return client.post(url, {**GOOD, **changes})


def test_head_adds_a_product_on_the_page_and_sees_it_listed_by_position(world):
    response = _add(world)
    assert response.status_code == 302
    product = Product.unscoped.get(unit=world.agency_a, code="TC01")
    assert product.standard_units == Decimal("1.5")
    assert AuditEntry.objects.filter(action="evaluation.product_create").count() == 1
    page = login_client(world.head_a).get(
        reverse("evaluation:catalogue", args=[world.agency_a.pk]),
        {"vi_tri": "Chuyên viên tổ chức"},
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "Tờ trình bổ nhiệm" in body and "đang sử dụng" in body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "“Tên sản phẩm”: không được để trống."),
        ({"standard_units": "0"}, "“Số sản phẩm chuẩn”: phải là số lớn hơn 0"),
        ({"standard_units": "nhiều"}, "“Số sản phẩm chuẩn”: phải là số lớn hơn 0"),
        ({"standard_units": "1.555"}, "hai chữ số thập phân"),
        ({"code": "X" * 33}, "“Mã sản phẩm”: dài quá 32 ký tự."),
    ],
)
def test_bad_product_is_refused_in_vietnamese_and_nothing_is_written(world, changes, message):
    response = _add(world, **changes)
    assert any(message in text for text in _messages(response))
    assert not Product.unscoped.exists()
    # The form comes back as typed, so nothing has to be typed again.
    assert response.status_code == 400
    assert 'value="Chuyên viên tổ chức"' in response.content.decode()
    assert not AuditEntry.objects.filter(action="evaluation.product_create").exists()


def test_the_same_code_twice_in_a_unit_is_refused(world):
    _add(world)
    response = _add(world, name="Tờ trình khác")
    assert "Mã sản phẩm “TC01” đã có trong danh mục của đơn vị." in _messages(response)
    assert Product.unscoped.count() == 1


def test_head_edits_a_product_with_old_and_new_values_audited(world):
    _add(world)
    product = Product.unscoped.get()
    client = login_client(world.head_a)
    url = reverse("evaluation:product_edit", args=[product.pk])
    assert client.get(url).status_code == 200
    client.post(url, {**GOOD, "standard_units": "2"})
    product.refresh_from_db()
    assert product.standard_units == Decimal("2")
    entry = AuditEntry.objects.get(action="evaluation.product_update")
    old, new = json.loads(entry.old), json.loads(entry.new)
    assert Decimal(old["standard_units"]) == Decimal("1.5")
    assert Decimal(new["standard_units"]) == Decimal("2")


def test_retire_and_bring_back_are_audited_and_retire_twice_is_refused(world):
    _add(world)
    product = Product.unscoped.get()
    client = login_client(world.head_a)
    url = reverse("evaluation:product_retire", args=[product.pk])
    client.post(url, {"retire": "1"})
    product.refresh_from_db()
    assert product.retired_on is not None
    again = client.post(url, {"retire": "1"})
    assert "Sản phẩm đã ngừng sử dụng." in _messages(again)
    client.post(url, {"retire": "0"})
    product.refresh_from_db()
    assert product.retired_on is None
    actions = list(
        AuditEntry.objects.filter(action__startswith="evaluation.product_r")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["evaluation.product_retire", "evaluation.product_restore"]


def test_staff_member_reads_the_catalogue_but_cannot_change_it(world):
    _add(world)
    product = Product.unscoped.get()
    alice = login_client(world.alice)
    assert alice.post(reverse("evaluation:product_retire", args=[product.pk])).status_code == 404
    url = reverse("evaluation:product_create", args=[world.agency_a.pk])
    assert alice.post(url, {**GOOD, "code": "TC02"}).status_code == 404
    assert Product.unscoped.count() == 1


def test_export_has_the_import_columns_and_imports_back(world):
    _add(world)
    Product.unscoped.update(retired_on=date(2026, 3, 1))
    client = login_client(world.head_a)
    response = client.get(reverse("evaluation:catalogue_xlsx", args=[world.agency_a.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0][:5]) == list(CATALOGUE_COLUMNS)
    assert rows[1][1] == "TC01" and rows[1][5] == "01/03/2026"
    # The same file back through the page's import: the product is in use again.
    book = Workbook()
    book.active.append(list(CATALOGUE_COLUMNS))
    book.active.append(list(rows[1][:5]))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "danh-muc.xlsx"
    imported = client.post(
        reverse("evaluation:catalogue_import", args=[world.agency_a.pk]), {"file": out}
    )
    assert imported["Location"] == reverse("evaluation:catalogue", args=[world.agency_a.pk])
    assert Product.unscoped.get().retired_on is None


def test_another_agencys_head_can_neither_change_the_catalogue_nor_read_it_through_a_sheet(
    world,
):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from congso.evaluation import selectors
    from congso.evaluation.services import catalogue, sheet_open

    _add(world)
    product = Product.unscoped.get()
    charlie = actor_of(world.charlie)
    for call in (
        lambda: catalogue.product_create(actor=charlie, unit=world.agency_a, data=GOOD),
        lambda: catalogue.product_update(actor=charlie, product=product, data=GOOD),
        lambda: catalogue.product_retire(actor=charlie, product=product),
    ):
        with pytest.raises(PermissionDenied):
            call()
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    sheet = sheet_open(
        actor=None,
        person=world.alice.person,
        unit_id=world.agency_a.pk,
        year=2026,
        period_kind="month",
        number=1,
    )
    with pytest.raises(Http404):
        selectors.sheet_products(actor=charlie, sheet=sheet)
    assert [p.code for p in selectors.sheet_products(actor=actor_of(world.alice), sheet=sheet)] == [
        "TC01"
    ]
    assert Product.unscoped.get().retired_on is None
