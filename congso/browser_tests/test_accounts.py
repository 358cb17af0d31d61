"""An administrator's first login with the TOTP set-up, then account management."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def pass_second_factor(page) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from congso.accounts.tests.helpers import current_code

    device = TOTPDevice.objects.get(user__username="admin_a")
    page.fill("#id_code", current_code(device))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_administrator_sets_up_totp_then_grants_a_role(page, live_server, browser_world):
    log_in(page, live_server, "admin_a")
    assert "/tai-khoan/xac-thuc-2-buoc/" in page.url
    page.fill("#id_code", "12345")  # five digits: refused by the form
    page.click("main form button[type=submit]")
    assert "/tai-khoan/xac-thuc-2-buoc/" in page.url
    pass_second_factor(page)
    assert "/tai-khoan/xac-thuc-2-buoc/" not in page.url  # the second factor let them in
    page.goto(f"{live_server.url}/tai-khoan/quan-ly/?q=nguyen+thi+hoa")
    page.click("table a >> text=alice")
    page.select_option("#id_role", "case_handler")
    page.select_option("#id_unit", str(browser_world.division_a.pk))
    page.click("main form button[type=submit] >> text=Giao vai trò")
    page.wait_for_load_state()
    assert "Đã giao vai trò." in page.inner_text(".messages")
    assert "Cán bộ xử lý vụ việc" in page.inner_text("table")
    screenshot(page, "account-detail-after-grant")


def test_account_list_fits_a_phone_screen(phone, live_server, browser_world):
    log_in(phone, live_server, "admin_a")
    pass_second_factor(phone)
    phone.goto(f"{live_server.url}/tai-khoan/quan-ly/")
    assert "alice" in phone.inner_text("table")
    screenshot(phone, "account-list-360px")
    assert not has_horizontal_overflow(phone)
