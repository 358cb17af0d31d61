"""The org tree and the people search, in the browser (desktop and a 360 px phone)."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def org_world(browser_world):
    from congso.common.testing import make_person

    make_person(browser_world.agency_a, full_name="Nguyễn Văn An")
    make_person(browser_world.division_a, full_name="Phạm Thị Lan")
    make_person(browser_world.agency_b, full_name="Nguyễn Văn Sơn")  # out of head_a's reach
    return browser_world


def test_org_tree_shows_own_agency_only(page, live_server, org_world):
    log_in(page, live_server, "head_a")
    page.goto(f"{live_server.url}/to-chuc/")
    body = page.inner_text("main")
    assert "Sở Nội vụ" in body
    assert "Sở Y tế" not in body
    screenshot(page, "org-tree-head-a")


def test_people_search_without_diacritics_finds_the_person(page, live_server, org_world):
    log_in(page, live_server, "head_a")
    page.goto(f"{live_server.url}/to-chuc/can-bo/")
    page.fill("#id_q", "nguyen van")
    # htmx swaps the results in place (or the browser reloads the page without JavaScript)
    page.click("form[role=search] button[type=submit]")
    page.locator("#people-results").get_by_text("Nguyễn Văn An").wait_for()
    page.wait_for_load_state("networkidle")
    results = page.inner_text("#people-results")
    assert "Nguyễn Văn An" in results
    assert "Phạm Thị Lan" not in results
    assert "Nguyễn Văn Sơn" not in results  # agency B
    screenshot(page, "people-search-nguyen-van")


def test_people_search_fits_a_phone_screen(phone, live_server, org_world):
    log_in(phone, live_server, "head_a")
    phone.goto(f"{live_server.url}/to-chuc/can-bo/?q=nguyen+van")
    assert "Nguyễn Văn An" in phone.inner_text("#people-results")
    screenshot(phone, "people-search-360px")
    assert not has_horizontal_overflow(phone)


def test_org_tree_fits_a_phone_screen(phone, live_server, org_world):
    log_in(phone, live_server, "head_a")
    phone.goto(f"{live_server.url}/to-chuc/")
    screenshot(phone, "org-tree-360px")
    assert not has_horizontal_overflow(phone)
