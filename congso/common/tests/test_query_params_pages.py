"""Every page that reads a year, a period or a page number from the query goes through
common.params: a typed-in bad value answers 200 and the page shows the value it used."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from congso.common.testing import login_client

pytestmark = pytest.mark.django_db

BAD_YEARS = ["-5", "0", "10000", "abc", "9" * 400]


def _selected(body: str, name: str) -> str | None:
    """The selected option of <select name=name>, as the browser would show it."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', body, re.S)
    assert select, f"no <select name={name}>"
    chosen = re.search(r'<option value="([^"]*)" selected>', select.group(1))
    return chosen.group(1) if chosen else None


@pytest.fixture
def admin(world):
    return login_client(world.admin_a)


@pytest.mark.parametrize("value", BAD_YEARS)
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/thanh-tra/", "Kế hoạch kiểm tra năm {year}"),
        ("/thanh-tra/diem/", "Điểm kiểm tra theo đơn vị, năm {year}"),
        ("/vu-viec/thong-ke/", "Thống kê vụ việc năm {year}"),
    ],
)
def test_a_bad_year_shows_the_current_year(admin, path, heading, value):
    response = admin.get(path, {"nam": value})
    assert response.status_code == 200
    body = response.content.decode()
    year = timezone.localdate().year
    assert heading.format(year=year) in body
    assert _selected(body, "nam") == str(year)


@pytest.mark.parametrize("path", ["/thanh-tra/", "/thanh-tra/diem/", "/vu-viec/thong-ke/"])
def test_an_older_year_is_shown_and_selected_in_the_picker(admin, path):
    body = admin.get(path, {"nam": "2003"}).content.decode()
    assert "2003" in body
    assert _selected(body, "nam") == "2003"


@pytest.mark.parametrize("value", BAD_YEARS)
def test_the_holiday_calendar_shows_the_current_year_for_a_bad_year(world, value):
    from congso.common.permissions import Role
    from congso.common.testing import make_user

    editor = make_user("lich", roles=[(Role.ADMIN, world.province)])
    response = login_client(editor).get("/lich-nghi/", {"nam": value})
    assert response.status_code == 200
    year = timezone.localdate().year
    assert f"Lịch ngày nghỉ, ngày làm bù năm {year}" in response.content.decode()


@pytest.mark.parametrize("value", ["-1", "0", "abc", "1" * 400, "99999999"])
@pytest.mark.parametrize(
    "path,param",
    [
        ("/nhat-ky/", "trang"),
        ("/vu-viec/", "page"),
        ("/to-chuc/can-bo/", "page"),
        ("/thanh-tra/viec-khac-phuc/", "page"),
    ],
)
def test_a_bad_page_number_shows_a_real_page(admin, path, param, value):
    response = admin.get(path, {param: value})
    assert response.status_code == 200


def test_the_audit_page_beyond_the_end_shows_the_last_page(admin):
    body = admin.get("/nhat-ky/", {"trang": "99999999"}).content.decode()
    match = re.search(r"Trang (\d+)/(\d+)", body)
    assert match and match.group(1) == match.group(2)


@pytest.mark.parametrize("value", ["-500", "0000-01", "2026-13", "10000", "abcd-q1"])
def test_a_bad_survey_period_shows_the_current_year(admin, world, value):
    response = admin.get(f"/khao-sat/don-vi/{world.agency_a.pk}/", {"ky": value})
    assert response.status_code == 200
    year = timezone.localdate().year
    assert _selected(response.content.decode(), "ky") == str(year)


@pytest.mark.parametrize("value", ["-5", "0", "10000"])
@pytest.mark.parametrize("path", ["scores", "visits", "plans"])
def test_the_inspections_api_refuses_a_year_outside_the_calendar(admin, path, value):
    response = admin.get(f"/api/v1/inspections/{path}", {"year": value})
    assert response.status_code == 400
    assert "Năm không hợp lệ" in response.json()["detail"]


def test_the_inspections_api_answers_a_year_inside_the_calendar(admin):
    assert admin.get("/api/v1/inspections/scores", {"year": "2025"}).status_code == 200
