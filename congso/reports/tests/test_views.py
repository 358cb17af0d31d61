"""The annual report page: leadership only; the same files as the command."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congso.common.testing import login_client
from congso.reports.tests.helpers import docx_text, violation

pytestmark = pytest.mark.django_db
URL = reverse("reports:annual")


def test_page_is_404_without_the_reports_capability(world):
    for user in (world.alice, world.head_a, world.charlie):
        assert login_client(user).get(URL).status_code == 404


def test_leadership_of_one_agency_reports_on_its_subtree_only(world):
    violation(world.agency_a)
    violation(world.agency_b, full_name="Đỗ Văn Hùng")
    violation(world.agency_b, full_name="Lý Thị Mai")
    page = login_client(world.admin_a).get(URL).content.decode()
    assert "Báo cáo năm về thực hiện Chỉ thị</title>" in page or "Sở Nội vụ" in page
    assert "Sở Y tế" not in page
    response = login_client(world.admin_a).get(URL, {"dinh_dang": "xlsx"})
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    detected = next(r for r in rows if r[2] == "violations.detected")
    assert detected[4] == 1


def test_leadership_sees_the_sections_and_downloads_the_docx(world):
    violation(world.agency_a)
    client = login_client(world.boss)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Phát hiện, xử lý vi phạm văn hóa công sở" in page.content.decode()
    response = client.get(URL, {"dinh_dang": "docx", "so": "45"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    _paragraphs, tables = docx_text(response.content)
    assert "Số 45-BC/BCSĐ" in tables[0][0][0]


def test_unknown_format_on_the_page_is_a_clear_error(world):
    response = login_client(world.boss).get(URL, {"dinh_dang": "odt"})
    assert response.status_code == 400
    assert "Định dạng “odt” không được hỗ trợ" in response.content.decode()


def test_menu_shows_the_report_only_to_those_who_can_open_it(world):
    assert URL in login_client(world.boss).get(reverse("org:tree")).content.decode()
    assert URL not in login_client(world.head_a).get(reverse("org:tree")).content.decode()
