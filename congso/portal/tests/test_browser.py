"""The citizen survey page in headless Chromium: offline queue, JavaScript off, kiosk taps.

Run with the browser tests (`pytest -m browser`)."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import browser, has_horizontal_overflow, phone, screenshot
from congso.surveys.models import SurveyResponse
from congso.surveys.services.submit import kiosk_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser", "phone"]

KEYS = ("access", "procedure", "officer", "result", "feedback", "attitude", "overall")


def answer_all(page, level: int = 4) -> None:
    for key in KEYS:
        page.check(f"input[name=q_{key}][value='{level}']")


def test_offline_rating_is_queued_and_sent_later_with_the_same_client_id(phone, live_server, sw):
    phone.goto(f"{live_server.url}/cong-dan/danh-gia/{sw.counter_a.code}/")
    assert not has_horizontal_overflow(phone)
    client_id = phone.input_value("input[name=client_id]")
    answer_all(phone)
    phone.context.set_offline(True)
    phone.click("button[type=submit]")
    phone.wait_for_selector("text=Chưa có kết nối mạng")
    queued = phone.evaluate("() => JSON.parse(localStorage.getItem('cs_queue'))")
    assert queued[0]["body"]["client_id"] == client_id
    assert SurveyResponse.unscoped.count() == 0
    screenshot(phone, "survey-offline-queued")
    phone.context.set_offline(False)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    phone.wait_for_selector("text=đã được gửi")
    assert [str(c) for c in SurveyResponse.unscoped.values_list("client_id", flat=True)] == [
        client_id
    ]
    assert phone.evaluate("() => JSON.parse(localStorage.getItem('cs_queue'))") == []


def test_form_works_with_javascript_off(browser, live_server, sw):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="vi-VN"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/cong-dan/danh-gia/{sw.counter_a.code}/")
    answer_all(page, 5)
    page.fill("#comment", "Cán bộ nhiệt tình")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Cảm ơn Ông/Bà đã đánh giá")
    assert SurveyResponse.unscoped.get().comment == "Cán bộ nhiệt tình"
    context.close()


def test_kiosk_takes_one_tap_per_question_and_submits_itself(browser, live_server, sw):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="vi-VN")
    page = context.new_page()
    key = kiosk_key(sw.counter_a.code)
    page.goto(f"{live_server.url}/cong-dan/danh-gia/{sw.counter_a.code}/?kiosk={key}")
    for index in range(len(KEYS)):
        visible = page.locator("fieldset.q.cur legend").inner_text()
        assert visible.startswith(f"{index + 1}.")
        page.click("fieldset.q.cur label:has(input[value='4'])")
    page.wait_for_selector("text=Cảm ơn Ông/Bà đã đánh giá")
    screenshot(page, "survey-kiosk-thanks")
    assert SurveyResponse.unscoped.count() == 1
    context.close()
