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
