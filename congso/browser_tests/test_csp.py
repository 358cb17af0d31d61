"""Pages still work under the Content-Security-Policy (scripts from this site only): no
violation is reported, and what needs JavaScript (htmx, the charts, the survey kiosk, the
language switch, confirmations) still runs (issue 8 item 18)."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Registered through the DevTools protocol, so the policy does not block it.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " @" + e.sourceFile);
});
"""


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.console_violations = console
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("() => window.__csp || []") + page.console_violations


@pytest.fixture
def csp_world(browser_world):
    from congso.cases.tests.helpers import make_case, person_in
    from congso.common.permissions import Role
    from congso.common.testing import make_user
    from congso.surveys.tests.factories import build_survey_world

    make_case(unit=browser_world.agency_a, person=person_in(browser_world.agency_a))
    make_user("xuly_csp", roles=[(Role.CASE_HANDLER, browser_world.agency_a)])
    browser_world.survey = build_survey_world(browser_world)
    return browser_world


def test_staff_pages_run_their_scripts_without_a_policy_violation(watched, live_server, csp_world):
    page = watched
    response = page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "camera=()" in response.headers["permissions-policy"]
    log_in(page, live_server, "head_a")
    # The org tree: the js flag script runs from the head.
    page.goto(f"{live_server.url}/to-chuc/")
    assert page.evaluate("() => document.documentElement.classList.contains('js')")
    # htmx: the people search swaps its results in place.
    page.goto(f"{live_server.url}/to-chuc/can-bo/")
    page.fill("#id_q", "nguyen")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => typeof window.htmx === 'object'")
    # The case charts draw (Chart.js from a static file, data from a JSON block).
    page.goto(f"{live_server.url}/vu-viec/thong-ke/")
    page.wait_for_load_state("networkidle")
    charts = page.evaluate("() => window.Chart ? Object.keys(window.Chart.instances).length : -1")
    assert charts >= 1
    screenshot(page, "csp-case-stats")
    # The language switch submits on change (was an inline onchange handler).
    with page.expect_navigation():
        page.select_option("#lang-select", "en")
    assert page.evaluate("() => document.documentElement.lang") == "en"
    with page.expect_navigation():
        page.select_option("#lang-select", "vi")
    assert violations(page) == []


def test_a_confirmation_still_asks_before_submitting(watched, live_server, csp_world):
    from congso.browser_tests.test_accounts import pass_second_factor
    from congso.surveys.models import SurveyTarget

    page = watched
    target = csp_world.survey.counter_a
    log_in(page, live_server, "admin_a")
    pass_second_factor(page)
    page.goto(f"{live_server.url}/khao-sat/don-vi/{csp_world.agency_a.pk}/ma-qr/")
    asked: list[str] = []

    def dismiss(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.locator("form[data-confirm] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert asked and "Thu hồi mã này?" in asked[0]
    assert SurveyTarget.unscoped.get(pk=target.pk).code == target.code  # nothing reissued
    assert violations(page) == []


def test_the_survey_kiosk_runs_under_the_policy(watched, live_server, csp_world):
    from congso.surveys.models import SurveyResponse
    from congso.surveys.services.submit import kiosk_key

    page = watched
    code = csp_world.survey.counter_a.code
    page.goto(f"{live_server.url}/cong-dan/danh-gia/{code}/?kiosk={kiosk_key(code)}")
    questions = page.locator("fieldset.q").count()
    for _index in range(questions):
        page.click("fieldset.q.cur label:has(input[value='4'])")
    page.wait_for_selector("text=Cảm ơn Ông/Bà đã đánh giá")
    assert SurveyResponse.unscoped.count() == 1
    screenshot(page, "csp-survey-kiosk-thanks")
    thanks_violations = violations(page)
    # kiosk_return.js (was inline) brings the next citizen back to the form after 5 s.
    page.wait_for_selector("fieldset.q.cur", timeout=20_000)
    assert thanks_violations == [] and violations(page) == []
