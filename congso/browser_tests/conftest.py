"""End-to-end tests in headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

Run with `make browser-test` (`pytest -m browser -p no:xdist`). pytest-django's `live_server`
serves the project from a thread; Playwright's sync API drives the browser from the test. In CI
(`CI=true`, set by .ci/run, which installs chromium) a missing browser fails the run; on a
developer's machine the tests are skipped with the command that installs it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "mat-khau-thu-nghiem-1"  # noqa: S105 - make_user's default test password

# Playwright's sync API keeps an event loop in the test thread; Django's ORM, called from the
# same thread by the fixtures, would refuse to run next to it without this switch.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# One Playwright and one Chromium per test process. Other apps' browser tests import the
# fixtures below into their own modules, which makes pytest run the fixture function again:
# a second sync_playwright() in the same thread would fail ("Sync API inside the asyncio
# loop"), so every call shares this instance, closed once when the session ends.
_SHARED: dict = {}


def shared_browser():
    if "browser" not in _SHARED:
        if not CHROMIUM.exists():
            message = f"Không có Chromium ở {CHROMIUM} (cài: apt-get install chromium)"
            if os.environ.get("CI"):
                pytest.fail(message + " — CI phải cài Chromium (.ci/run).")
            pytest.skip(message)
        from playwright.sync_api import sync_playwright

        _SHARED["playwright"] = sync_playwright().start()
        _SHARED["browser"] = _SHARED["playwright"].chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
    return _SHARED["browser"]


def pytest_sessionfinish(session, exitstatus):
    browser = _SHARED.pop("browser", None)
    if browser is not None:
        browser.close()
        _SHARED.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser():
    return shared_browser()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A 360 px wide screen, the narrowest common phone."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="vi-VN"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_world(transactional_db):
    """The standard world, committed so that the live server's thread sees it."""
    from congso.common.testing import build_world

    return build_world()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot to test-artifacts/ (gitignored) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def has_horizontal_overflow(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
