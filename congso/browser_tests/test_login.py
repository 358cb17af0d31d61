"""Logging in, the language switch, the layout on a phone."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_page_is_in_vietnamese(page, live_server):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    assert page.get_attribute("html", "lang") == "vi"
    assert page.inner_text("h1") == "Đăng nhập"
    assert page.is_visible("text=Mật khẩu")
    assert "Đăng nhập · Công Sở" in page.title()
    screenshot(page, "login-vi")


def test_wrong_password_shows_the_vietnamese_message(page, live_server, browser_world):
    log_in(page, live_server, "alice", "khong-phai-mat-khau")
    assert "/tai-khoan/dang-nhap/" in page.url
    error = page.inner_text(".errorlist")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in error
    screenshot(page, "login-wrong-password")


def test_successful_login_lands_on_my_tasks_and_home_has_the_menu(page, live_server, browser_world):
    log_in(page, live_server, "alice")
    assert page.url == f"{live_server.url}/viec-cua-toi/"  # the page after login (issue 11)
    page.goto(f"{live_server.url}/")
    assert page.inner_text("h1").startswith("Xin chào")
    assert "Nguyễn Thị Hoa" in page.inner_text("h1")
    nav = page.locator("nav[aria-label] a")
    assert nav.count() >= 1
    assert "Tài khoản của tôi" in nav.all_inner_texts()
    screenshot(page, "home-alice")


def test_switching_to_english_shows_english(page, live_server):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    with page.expect_navigation():
        page.select_option("#lang-select", "en")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("h1") == "Log in"
    assert page.is_visible("text=Password")
    screenshot(page, "login-en")


def test_administrator_is_asked_for_the_second_factor_with_a_qr_code(
    page, live_server, browser_world
):
    log_in(page, live_server, "admin_a")
    assert "/tai-khoan/xac-thuc-2-buoc/" in page.url
    assert page.locator(".qr svg").count() == 1
    screenshot(page, "second-factor-setup")


def test_login_page_fits_a_phone_screen(phone, live_server):
    phone.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    assert not has_horizontal_overflow(phone)
    screenshot(phone, "login-360px")
