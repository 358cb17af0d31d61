"""Staff pages in Chromium at 360 px (issue 8 items 7, 9, 10, 11): no page scrolls sideways
(a wide table scrolls inside its own box), and the forms changed for issue 8 are submitted
as Chromium sends them: the visit form with its team search, the audit filter's <select>,
the staff export uploaded back to the import page (a real file field)."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, username: str) -> None:
    """Log in; the administrator (admin_a holds every role on agency A) passes the TOTP step."""
    log_in(page, live_server, username)
    if "/xac-thuc-2-buoc/" in page.url:
        from congso.browser_tests.test_accounts import pass_second_factor

        pass_second_factor(page)
    assert "/dang-nhap/" not in page.url and "/xac-thuc-2-buoc/" not in page.url


def _width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


@pytest.fixture
def staff_world(browser_world):
    """Cases with long rows, reports waiting for screening, survey ratings, an inspector."""
    from congso.cases.tests.cross_agency import make_report
    from congso.cases.tests.helpers import make_case, person_in
    from congso.common.permissions import Role
    from congso.common.testing import make_person, make_user
    from congso.surveys.tests.factories import build_survey_world, rate

    world = browser_world
    person = person_in(world.agency_a, name="Nguyễn Thị Thu Hương Dài Tên")
    for _ in range(3):
        make_case(unit=world.division_a, person=person)
    for _ in range(2):
        make_report(world, world.agency_a)
    survey = build_survey_world(world)
    for level in (5, 4, 2):
        rate(survey.counter_a, level=level, comment="Cán bộ hướng dẫn rất tận tình, chu đáo")
    make_user("xuly_a", roles=[(Role.CASE_HANDLER, world.agency_a)])
    tra = make_person(world.agency_a, full_name="Đinh Văn Tra", staff_code="TT01")
    make_person(world.agency_a, full_name="Hoàng Thị Ánh", staff_code="HA77")
    make_user("thanhtra_a", roles=[(Role.INSPECTOR, world.province)], person=tra)
    return world


PAGES = {
    "xuly_a": ["/vu-viec/", "/vu-viec/sang-loc/", "/vu-viec/thong-ke/", "/to-chuc/can-bo/"],
    "head_a": ["/khao-sat/", "/vu-viec/", "/thanh-tra/", "/to-chuc/", "/quy-tac/"],
    "thanhtra_a": ["/thanh-tra/", "/thanh-tra/diem/", "/thanh-tra/cuoc-kiem-tra/moi/"],
    "admin_a": ["/nhat-ky/", "/to-chuc/can-bo/", "/tai-khoan/quan-ly/", "/to-chuc/nhap-excel/"],
}


@pytest.mark.parametrize("username", list(PAGES))
def test_main_staff_pages_do_not_scroll_sideways_at_360_px(
    phone, live_server, staff_world, username
):
    _log_in(phone, live_server, username)
    for path in PAGES[username]:
        response = phone.goto(f"{live_server.url}{path}")
        assert response.status == 200, (username, path)
        assert "/xac-thuc-2-buoc/" not in phone.url and "/dang-nhap/" not in phone.url
        phone.wait_for_load_state("networkidle")
        name = f"360px-{username}{path.replace('/', '-')}"
        screenshot(phone, name)
        assert _width(phone) <= 360, (username, path, _width(phone))


def test_the_survey_unit_page_table_scrolls_inside_its_box(phone, live_server, staff_world):
    _log_in(phone, live_server, "head_a")
    phone.goto(f"{live_server.url}/khao-sat/don-vi/{staff_world.agency_a.pk}/")
    boxes = phone.evaluate(
        "() => [...document.querySelectorAll('main table')].map(t => "
        "[t.getBoundingClientRect().right, getComputedStyle(t).overflowX])"
    )
    assert boxes and all(right <= 360 for right, _overflow in boxes)


def test_a_surprise_visit_is_scheduled_with_the_team_search_then_its_twin_refused(
    phone, live_server, staff_world
):
    from congso.inspections.models import Visit

    _log_in(phone, live_server, "thanhtra_a")
    phone.goto(f"{live_server.url}/thanh-tra/cuoc-kiem-tra/moi/")
    phone.select_option("#id_target", str(staff_world.agency_b.pk))
    phone.select_option("#id_inspecting_unit", str(staff_world.agency_a.pk))
    phone.fill("#id_visit_on", "05/11/2026")
    phone.fill("#id_purpose", "Kiểm tra giờ giấc")
    phone.fill("#id_team_search", "anh")
    phone.click("button[name=tim]")
    phone.get_by_label("Hoàng Thị Ánh").check()
    phone.fill("#id_team_search", "TT01")
    phone.click("button[name=tim]")
    assert phone.get_by_label("Hoàng Thị Ánh").is_checked()
    phone.get_by_label("Đinh Văn Tra").check()
    assert phone.input_value("#id_purpose") == "Kiểm tra giờ giấc"
    screenshot(phone, "360px-visit-form-team")
    assert _width(phone) <= 360
    phone.click("button[name=luu]")
    phone.wait_for_load_state()
    visit = Visit.objects.get()
    assert {p.full_name for p in visit.inspectors.all()} == {"Hoàng Thị Ánh", "Đinh Văn Tra"}

    phone.goto(f"{live_server.url}/thanh-tra/cuoc-kiem-tra/moi/")
    phone.select_option("#id_target", str(staff_world.agency_b.pk))
    phone.select_option("#id_inspecting_unit", str(staff_world.agency_a.pk))
    phone.fill("#id_visit_on", "05/11/2026")
    phone.click("button[name=luu]")
    phone.wait_for_load_state()
    assert "đã có một cuộc kiểm tra ngày 05/11/2026" in phone.inner_text("main")
    assert Visit.objects.count() == 1


def test_the_audit_filter_is_chosen_from_a_list_and_rows_read_in_words(
    phone, live_server, staff_world
):
    from congso.org.services import person_update

    person = staff_world.alice.person
    person_update(actor=None, person=person, category="vien_chuc")
    _log_in(phone, live_server, "admin_a")
    phone.goto(f"{live_server.url}/nhat-ky/")
    # A category change is recorded by person_category_change (dated history, issue 11).
    phone.select_option("select[name=hanh_dong]", "org.person_category")
    phone.click("form[role=search] button[type=submit]")
    phone.wait_for_load_state()
    phone.locator("main details summary").first.click()
    text = phone.inner_text("main")
    assert "Thay đổi đối tượng cán bộ" in text and "Viên chức" in text
    assert "org.person" not in text and "vien_chuc" not in text
    screenshot(phone, "360px-audit-filtered")
    assert _width(phone) <= 360


def test_the_staff_export_uploads_back_to_the_import_page_unchanged(
    page, live_server, staff_world, tmp_path
):
    from congso.org.models import Person

    before = sorted(Person.unscoped.values_list("staff_code", "full_name", "unit_id", "is_active"))
    _log_in(page, live_server, "admin_a")
    page.goto(f"{live_server.url}/to-chuc/can-bo/?trang_thai=tat_ca")
    with page.expect_download() as download:
        page.get_by_role("link", name="Xuất Excel").click()
    path = tmp_path / "can-bo.xlsx"
    download.value.save_as(str(path))
    page.goto(f"{live_server.url}/to-chuc/nhap-excel/")
    page.set_input_files("input[type=file]", str(path))
    page.locator("main form button[type=submit]").last.click()
    # htmx swaps the result in (or, without JavaScript, the result page replaces the form)
    page.locator("main").get_by_text("Đã nhập", exact=False).first.wait_for(timeout=60_000)
    text = page.inner_text("main")
    assert "tạo mới 0, cập nhật 0 (trong đó điều chuyển 0), không đổi" in text, text
    after = sorted(Person.unscoped.values_list("staff_code", "full_name", "unit_id", "is_active"))
    assert after == before
