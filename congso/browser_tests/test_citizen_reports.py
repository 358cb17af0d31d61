"""The citizen report pages in headless Chromium, submitted as a person does: JavaScript off,
a 360 px screen, the file field left empty (Chromium still sends it, with an empty name)."""

from __future__ import annotations

import re

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, screenshot
from congso.cases.models import Message, Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def citizen(browser):
    """Chromium with JavaScript off on a 360 px screen."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="vi-VN"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def agencies(browser_world):
    for unit in (browser_world.agency_a, browser_world.agency_b, browser_world.division_a):
        unit.serves_citizens = True
        unit.save(update_fields=["serves_citizens"])
    return browser_world


def _receipt_digits(page) -> str:
    text = page.inner_text(".receipt")
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", text.strip()), text
    return text.replace(" ", "")


def test_report_without_attachment_is_received_from_chromium(citizen, live_server, agencies):
    citizen.goto(f"{live_server.url}/cong-dan/phan-anh/")
    citizen.check("input[name=kind][value=praise]")
    citizen.select_option("#agency", str(agencies.agency_a.pk))
    citizen.fill("#description", "Chị Hoa ở quầy 2 hướng dẫn tận tình.")
    citizen.click("form button[type=submit]:has-text('Gửi')")
    citizen.wait_for_selector(".receipt")
    receipt = _receipt_digits(citizen)
    assert not has_horizontal_overflow(citizen)
    screenshot(citizen, "citizen-report-sent")
    report = Report.unscoped.get()
    assert report.kind == "praise" and report.unit_id == agencies.agency_a.pk
    assert report.evidence.count() == 0
    # Follow it up: the receipt typed in groups, then a message from the status page.
    citizen.click("text=Tra cứu bằng mã tiếp nhận")
    citizen.fill("#receipt", f"{receipt[:4]} {receipt[4:8]}-{receipt[8:12]} {receipt[12:]}")
    citizen.click("form button[type=submit]")
    citizen.wait_for_selector("text=Đã tiếp nhận, đang sàng lọc")
    citizen.fill("#body", "Tôi bổ sung: sáng thứ Hai.")
    citizen.click("form button[type=submit]:has-text('Gửi')")
    citizen.wait_for_selector("text=Tôi bổ sung: sáng thứ Hai.")
    assert Message.objects.get().body == "Tôi bổ sung: sáng thứ Hai."
    screenshot(citizen, "citizen-report-status")


def test_every_error_is_shown_in_words_next_to_its_field(citizen, live_server, agencies):
    citizen.goto(f"{live_server.url}/cong-dan/phan-anh/")
    citizen.fill("#occurred_on", "2999-01-01")
    citizen.click("form button[type=submit]:has-text('Gửi')")
    citizen.wait_for_selector(".ferr")
    errors = {
        item.get_attribute("id"): item.inner_text() for item in citizen.query_selector_all(".ferr")
    }
    assert set(errors) == {"e-agency_id", "e-description", "e-occurred_on"}
    assert errors["e-agency_id"].startswith("Cơ quan, đơn vị:")
    assert errors["e-description"].startswith("Sự việc:")
    assert "agency_id" not in citizen.inner_text("main")
    assert not has_horizontal_overflow(citizen)
    screenshot(citizen, "citizen-report-errors")
    assert Report.unscoped.count() == 0


def test_unit_search_without_javascript_then_report(citizen, live_server, agencies):
    citizen.goto(f"{live_server.url}/cong-dan/phan-anh/")
    groups = citizen.eval_on_selector_all("#agency optgroup", "els => els.map(e => e.label)")
    assert "Sở Nội vụ" in groups
    citizen.fill("#tim", "phong to chuc")
    citizen.click("form[role=search] button")
    citizen.wait_for_selector("text=Tìm thấy 1 đơn vị")
    options = citizen.eval_on_selector_all("#agency option[value]:not([value=''])", "e => e.length")
    assert options == 1
    assert citizen.input_value("#agency") == str(agencies.division_a.pk)
    screenshot(citizen, "citizen-report-unit-search")
    citizen.fill("#description", "Phòng Tổ chức trả hồ sơ chậm ba tuần.")
    citizen.click("form[enctype] button[type=submit]")
    citizen.wait_for_selector(".receipt")
    assert Report.unscoped.get().unit_id == agencies.division_a.pk


def test_landing_page_leads_a_citizen_to_the_portal_and_english(citizen, live_server, agencies):
    citizen.goto(f"{live_server.url}/")
    assert not has_horizontal_overflow(citizen)
    screenshot(citizen, "landing-360")
    citizen.click("a.door:has-text('Người dân')")
    citizen.wait_for_selector("h1:has-text('Cổng người dân')")
    assert citizen.url == f"{live_server.url}/cong-dan/"
    citizen.click("header .langs a:has-text('English')")
    citizen.wait_for_selector("html[lang=en]")
    assert citizen.url == f"{live_server.url}/cong-dan/"
    assert "Tiếng Việt" in citizen.inner_text("header")
    assert not has_horizontal_overflow(citizen)
    screenshot(citizen, "portal-index-english-360")
    citizen.click("header .langs a:has-text('Tiếng Việt')")
    citizen.wait_for_selector("html[lang=vi]")


def test_login_page_links_to_the_portal(citizen, live_server):
    citizen.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    citizen.click("text=Vào Cổng người dân")
    citizen.wait_for_selector("h1:has-text('Cổng người dân')")


def test_social_monitor_files_and_follows_from_its_home(browser, live_server, agencies):
    from congso.browser_tests.conftest import log_in
    from congso.common.permissions import Role
    from congso.common.testing import make_user

    monitor = make_user("mttq_tinh", roles=[(Role.SOCIAL_MONITOR, agencies.province)])
    monitor.organisation_name = "Ủy ban MTTQ Việt Nam tỉnh"
    monitor.save(update_fields=["organisation_name"])
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    log_in(page, live_server, "mttq_tinh")
    assert page.url == f"{live_server.url}/vu-viec/phan-bien/"
    assert page.locator("nav[aria-label] a").all_inner_texts() == ["Phản biện xã hội"]
    page.click("text=Gửi phản ánh hoặc biểu dương")
    page.check("input[name=kind][value=praise]")
    page.select_option("#agency", str(agencies.agency_a.pk))
    page.fill("#description", "Bộ phận một cửa phục vụ chu đáo.")
    page.click("form[enctype] button[type=submit]")
    page.wait_for_selector(".receipt")
    page.click("text=Theo dõi các phản ánh tổ chức đã gửi")
    page.wait_for_selector("text=Đã tiếp nhận, đang sàng lọc")
    assert not has_horizontal_overflow(page)
    screenshot(page, "monitor-home-360")
    report = Report.unscoped.get()
    assert report.is_social_monitor and report.filed_by_id == monitor.pk
    context.close()
