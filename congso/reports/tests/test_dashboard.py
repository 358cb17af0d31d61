"""Leadership dashboard: drill-down province → agency → unit → officer, scope, xlsx export."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from congso.common.testing import login_client
from congso.reports.tests.cross_agency import _officer
from congso.reports.tests.helpers import violation

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def test_province_level_lists_agencies_linking_down_and_counts_violations(world):
    violation(world.agency_a)
    violation(world.agency_b, full_name="Đỗ Văn Hùng")
    page = login_client(world.boss).get(reverse("reports:dashboard"), {"nam": YEAR})
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("reports:dashboard_unit", args=[world.agency_a.pk]) in html
    assert reverse("reports:dashboard_unit", args=[world.agency_b.pk]) in html
    summary = page.context["board"].summary.rows
    assert summary[2][:2] == ["Vi phạm được phát hiện", "2"]


def test_drill_down_to_an_agency_counts_its_subtree_only(world):
    violation(world.division_a)
    violation(world.agency_b, full_name="Đỗ Văn Hùng")
    url = reverse("reports:dashboard_unit", args=[world.agency_a.pk])
    page = login_client(world.boss).get(url, {"nam": YEAR})
    assert page.context["board"].summary.rows[2][1] == "1"
    assert reverse("reports:dashboard_unit", args=[world.division_a.pk]) in page.content.decode()


def test_officer_page_shows_the_officer(world):
    target = _officer(world, world.agency_a)
    page = login_client(world.boss).get(reverse("reports:officer", args=[target.pk]))
    assert page.status_code == 200
    assert "Hoàng Văn Tú" in page.content.decode()


def test_unit_outside_the_leaders_scope_is_404(world):
    # admin_a holds Leadership on agency A only
    client = login_client(world.admin_a)
    assert (
        client.get(reverse("reports:dashboard_unit", args=[world.agency_b.pk])).status_code == 404
    )
    assert (
        client.get(reverse("reports:dashboard_unit", args=[world.province.pk])).status_code == 404
    )
    target = _officer(world, world.agency_b)
    assert client.get(reverse("reports:officer", args=[target.pk])).status_code == 404
    assert (
        client.get(reverse("reports:dashboard_unit", args=[world.agency_a.pk])).status_code == 200
    )


def test_dashboard_is_404_without_the_capability(world):
    assert login_client(world.head_a).get(reverse("reports:dashboard")).status_code == 404


def test_a_bad_year_is_404_not_a_crash(world):
    response = login_client(world.boss).get(reverse("reports:dashboard"), {"nam": "abc"})
    assert response.status_code == 404


def test_xlsx_export_holds_every_table(world):
    violation(world.agency_a)
    response = login_client(world.boss).get(
        reverse("reports:dashboard"), {"nam": YEAR, "xuat": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    titles = [r[0] for r in rows if r and r[0] and len([v for v in r if v]) == 1]
    assert titles == [
        "Chỉ tiêu chính",
        "Vi phạm theo loại",
        "Đơn vị trực thuộc",
        "Cán bộ được đánh giá",
        "Kết quả xếp loại chất lượng",
        "Đăng ký thi đua và khen thưởng",
        "Danh hiệu, hình thức khen thưởng",
        "Quán triệt và bồi dưỡng",
        "Trách nhiệm người đứng đầu: xếp hạng theo Hài lòng",
    ]
    assert ["Vi phạm được phát hiện", "1"] == list(
        next(r for r in rows if r[0] == "Vi phạm được phát hiện")[:2]
    )
