"""An identity-custodian request as two people make it in the browser: an administrator asks,
the Party inspection committee confirms (both after their second factor); on a phone too."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIST = "/tai-khoan/giu-bi-mat-danh-tinh/"


def second_factor(page, username: str) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from congso.accounts.tests.helpers import current_code

    page.fill("#id_code", current_code(TOTPDevice.objects.get(user__username=username)))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_an_administrator_asks_and_the_committee_confirms(browser, live_server, browser_world):
    from congso.accounts.models import RoleGrant
    from congso.common.permissions import Role
    from congso.common.testing import make_user

    make_user("ktd", roles=[(Role.PARTY_INSPECTION, browser_world.province)])
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, live_server, "admin_a")
    second_factor(page, "admin_a")
    page.goto(f"{live_server.url}{LIST}de-nghi/")
    page.fill("#id_username", "alice")
    page.select_option("#id_unit", str(browser_world.agency_a.pk))
    page.fill("#id_reason", "Quyết định phân công số 12/QĐ ngày 02/01/2026")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(LIST)
    assert "Chờ xác nhận" in page.inner_text("main")
    assert not has_horizontal_overflow(page)
    screenshot(page, "custodian-list-pending-360px")
    page.click("text=Xem, xác nhận")
    # The requester sees no decision form: a second person must decide.
    assert page.locator("input[name=decision]").count() == 0
    context.close()

    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    log_in(page, live_server, "ktd")
    second_factor(page, "ktd")
    page.goto(f"{live_server.url}{LIST}")
    page.click("text=Xem, xác nhận")
    page.check("input[name=decision][value=confirm]")
    screenshot(page, "custodian-decide-360px")
    assert not has_horizontal_overflow(page)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã xác nhận" in page.inner_text("main")
    assert RoleGrant.objects.filter(
        user__username="alice", role=Role.IDENTITY_CUSTODIAN, unit=browser_world.agency_a
    ).exists()
    context.close()
