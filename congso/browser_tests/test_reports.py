"""A Provincial Standing Committee member drills down from the province to one officer."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def report_world(browser_world):
    from congso.reports.tests.cross_agency import _officer
    from congso.reports.tests.helpers import violation

    violation(browser_world.agency_a)
    violation(browser_world.agency_b, full_name="Đỗ Văn Hùng")
    _officer(browser_world, browser_world.agency_a)
    return browser_world


def test_leader_drills_down_from_province_to_one_officer(page, live_server, report_world):
    log_in(page, live_server, "boss")
    page.click("text=Tổng quan lãnh đạo")
    assert "Tỉnh Thử Nghiệm" in page.inner_text("h1")
    screenshot(page, "reports-dashboard-province")
    page.click("main a:text('Sở Nội vụ')")
    assert page.inner_text("h1") == "Sở Nội vụ"
    screenshot(page, "reports-dashboard-agency")
    page.click("main a:text('Hoàng Văn Tú')")
    assert page.inner_text("h1") == "Hoàng Văn Tú"
    assert "Không có vi phạm đã kết luận trong năm." in page.inner_text("main")
    screenshot(page, "reports-dashboard-officer")


def test_dashboard_fits_a_phone_screen(phone, live_server, report_world):
    log_in(phone, live_server, "boss")
    phone.goto(f"{live_server.url}/bao-cao/tong-quan/")
    screenshot(phone, "reports-dashboard-360px")
    assert not has_horizontal_overflow(phone)
