"""Unit reports upward in Chromium: a unit head writes and sends the annual report through
the form as the browser posts it; the province's leader returns it with a reason."""

from __future__ import annotations

import pytest
from django.utils import timezone

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LAST_YEAR = timezone.localdate().year - 1


@pytest.fixture
def unit_world(browser_world):
    from congso.reports.tests.helpers import violation

    violation(browser_world.agency_a)
    return browser_world


def test_head_sends_the_report_and_the_level_above_returns_it(page, live_server, unit_world):
    from congso.reports.unit_reports.models import UnitReport

    log_in(page, live_server, "head_a")
    page.click("nav >> text=Báo cáo định kỳ")
    assert "Sở Nội vụ" in page.inner_text("main")
    page.click(f"tr:has(td:text-is('Năm {LAST_YEAR}')) >> text=Lập báo cáo")
    assert page.inner_text("h1") == f"Báo cáo năm {LAST_YEAR}"
    page.fill("#conduct__results", "Toàn bộ cán bộ đã ký cam kết thực hiện quy chế.")
    page.fill("#conduct__limits", "Người mới tuyển dụng cập nhật cam kết còn chậm.")
    page.click("button[value=save]")
    assert "Đã lưu nội dung báo cáo." in page.inner_text("main")
    assert page.input_value("#conduct__limits") == "Người mới tuyển dụng cập nhật cam kết còn chậm."
    screenshot(page, "unit-report-editor")
    page.click("button[value=submit]")
    assert "Đã gửi báo cáo lên cấp trên." in page.inner_text("main")
    report = UnitReport.objects.get(unit=unit_world.agency_a, kind="year", year=LAST_YEAR)
    assert report.state == "submitted" and report.submissions == 1
    assert report.narrative["conduct"]["results"].startswith("Toàn bộ cán bộ")
    assert page.locator("#conduct__results").count() == 0  # read-only once sent

    page.context.clear_cookies()
    log_in(page, live_server, "boss")
    page.click("nav >> text=Báo cáo định kỳ")
    page.click(f"tr:has(td:text-is('Năm {LAST_YEAR}')) >> a:has-text('1/2')")
    main = page.inner_text("main")
    assert "Sở Y tế" in main and "Chưa lập" in main
    screenshot(page, "unit-report-review")
    page.click("main table >> text=Sở Nội vụ")
    assert "Toàn bộ cán bộ đã ký cam kết thực hiện quy chế." in page.inner_text("main")
    page.click("button[value=return]")  # no reason: refused
    assert "Nhập lý do trả lại báo cáo." in page.inner_text("main")
    page.fill("#ly_do", "Đề nghị bổ sung số liệu xử lý vi phạm.")
    page.click("button[value=return]")
    assert "Đã trả lại báo cáo." in page.inner_text("main")
    report.refresh_from_db()
    assert report.state == "returned"
    assert report.return_reason == "Đề nghị bổ sung số liệu xử lý vi phạm."


def test_unit_report_pages_fit_a_phone_screen(phone, live_server, unit_world):
    log_in(phone, live_server, "head_a")
    agency = unit_world.agency_a.pk
    phone.goto(f"{live_server.url}/bao-cao/dinh-ky/")
    screenshot(phone, "unit-report-list-360px")
    assert not has_horizontal_overflow(phone)
    phone.goto(f"{live_server.url}/bao-cao/dinh-ky/{agency}/{LAST_YEAR}/")
    screenshot(phone, "unit-report-editor-360px")
    assert not has_horizontal_overflow(phone)
    phone.context.clear_cookies()
    log_in(phone, live_server, "boss")
    province = unit_world.province.pk
    phone.goto(f"{live_server.url}/bao-cao/dinh-ky/{province}/{LAST_YEAR}/cap-duoi/")
    screenshot(phone, "unit-report-review-360px")
    assert not has_horizontal_overflow(phone)
