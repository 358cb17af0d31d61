"""The kiosk tablet through a network outage, in headless Chromium (`pytest -m browser`).

Each rating spends one signed form; the kiosk keeps spare forms while the server answers, so
during an outage it queues each rating and still resets itself for the next citizen, never
reloading onto the browser's error page."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import browser
from congso.surveys.models import ResponseFlag, SurveyResponse
from congso.surveys.services.submit import kiosk_key

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]

QUESTIONS = 7


def rate_by_taps(page, level: int) -> None:
    for _ in range(QUESTIONS):
        page.click(f"fieldset.q.cur label:has(input[value='{level}'])")


def test_offline_kiosk_queues_each_rating_resets_itself_and_sends_all_when_back(
    browser, live_server, sw
):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.clock.install()
    code = sw.counter_a.code
    url = f"{live_server.url}/cong-dan/danh-gia/{code}/?kiosk={kiosk_key(code)}"
    page.goto(url)
    spare = f"localStorage.getItem('cs_forms_/api/v1/public/surveys/{code}')"
    page.wait_for_function(f"() => JSON.parse({spare} || '[]').length === 10")
    context.set_offline(True)
    sent = []
    for level in (5, 2):
        sent.append(page.input_value("input[name=client_id]"))
        rate_by_taps(page, level)
        page.wait_for_selector("text=Chưa có kết nối mạng")
        page.clock.run_for(5_000)
        page.wait_for_function("() => document.querySelector('#status').textContent === ''")
        assert page.locator("fieldset.q.cur legend").inner_text().startswith("1.")
        assert page.input_value("input[name=client_id]") not in sent
    page.clock.run_for(61_000)  # the idle reset while offline stays on the form
    assert page.url == url
    assert page.locator("fieldset.q.cur legend").inner_text().startswith("1.")
    assert SurveyResponse.unscoped.count() == 0
    context.set_offline(False)
    page.wait_for_function("() => JSON.parse(localStorage.getItem('cs_queue')).length === 0")
    stored = SurveyResponse.unscoped.order_by("id")
    assert [str(r.client_id) for r in stored] == sent
    assert [r.a_overall for r in stored] == [5, 2]
    assert all(r.flags & ResponseFlag.KIOSK for r in stored)
    context.close()


def test_kiosk_thank_you_page_waits_for_the_server_before_going_back_to_the_form(
    browser, live_server, sw
):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.clock.install()
    code = sw.counter_a.code
    page.goto(f"{live_server.url}/cong-dan/danh-gia/{code}/cam-on/?kiosk={kiosk_key(code)}")
    context.set_offline(True)
    page.wait_for_timeout(6_500)  # real time: a <meta> refresh is not driven by the fake clock
    assert "/cam-on/" in page.url  # still thanking, not on the browser's error page
    assert page.locator("h1").inner_text() == "Cảm ơn Ông/Bà đã đánh giá"
    context.set_offline(False)
    page.clock.run_for(11_000)
    page.wait_for_selector("fieldset.q.cur")
    assert page.url.endswith(f"/danh-gia/{code}/?kiosk={kiosk_key(code)}")
    context.close()
