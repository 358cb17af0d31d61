"""A Provincial Standing Committee member drills down from the province to one officer,
through the panels (classification, emulation, dissemination and training) and the heads'
accountability ranking; the same pages on a 360 px phone."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
YEAR = timezone.localdate().year


@pytest.fixture
def report_world(browser_world):

    from congso.common.testing import make_person
    from congso.emulation.models import AwardTitle
    from congso.emulation.tests.factories import seed_catalogue
    from congso.reports.tests.cross_agency import _officer
    from congso.reports.tests.helpers import (
        acknowledged_campaign,
        awards,
        course_with,
        results,
        violation,
    )

    if not AwardTitle.objects.exists():  # live-server flushes empty the seeded catalogue
        seed_catalogue()
    w = browser_world
    violation(w.agency_a)
    violation(w.agency_b, full_name="Đỗ Văn Hùng")
    _officer(w, w.agency_a)
    make_person(w.agency_a, full_name="Trần Văn Giám", position="Giám đốc Sở", is_leader=True)
    make_person(w.agency_b, full_name="Lý Thị Hạnh", position="Giám đốc Sở", is_leader=True)
    results(w.agency_a, YEAR, ["HTXSNV", "HTTNV", "HTTNV", "HTNV"])
    results(w.agency_b, YEAR, ["HTTNV", "HTNV", "KHTNV"], prefix="Khác")
    results(w.agency_b, YEAR - 1, ["HTTNV", "HTTNV"], prefix="Cũ")
    awards(w.agency_a, YEAR, ["ldtt", "ldtt", "ttldtt"])
    acknowledged_campaign(w.agency_a, [w.alice], others=2)
    people = [make_person(w.agency_a, full_name=f"Học Viên {i}") for i in range(3)]
    course_with(w.agency_a, date(YEAR, 3, 2), people, passed=people[:2])
    return w


def test_leader_drills_down_from_province_to_one_officer(page, live_server, report_world):
    log_in(page, live_server, "boss")
    page.click("text=Tổng quan lãnh đạo")
    assert "Tỉnh Thử Nghiệm" in page.inner_text("h1")
    main = page.inner_text("main")
    for heading in (
        "Trách nhiệm người đứng đầu",
        "Đánh giá, xếp loại chất lượng",
        "Thi đua, khen thưởng",
        "Quán triệt, bồi dưỡng",
    ):
        assert heading in main
    assert "Trần Văn Giám (Giám đốc Sở)" in main
    screenshot(page, "reports-dashboard-province")
    page.click("#trach-nhiem a:text('Hoàn thành tốt trở lên')")
    ranking = page.locator("#trach-nhiem tbody tr")
    assert "Sở Nội vụ" in ranking.nth(0).inner_text()  # 75 % rated good or better, B 33 %
    assert "Lý Thị Hạnh" in ranking.nth(1).inner_text()
    screenshot(page, "reports-dashboard-province-ranked")
    page.click("#trach-nhiem a:text('Sở Nội vụ')")
    assert page.inner_text("h1") == "Sở Nội vụ"
    assert "Lao động tiên tiến" in page.inner_text("main")
    screenshot(page, "reports-dashboard-agency")
    page.click("main a:text('Hoàng Văn Tú')")
    assert page.inner_text("h1") == "Hoàng Văn Tú"
    assert "Không có vi phạm đã kết luận trong năm." in page.inner_text("main")
    screenshot(page, "reports-dashboard-officer")


def test_dashboard_fits_a_phone_screen(phone, live_server, report_world):
    log_in(phone, live_server, "boss")
    for name, path in (
        ("province", "/bao-cao/tong-quan/"),
        ("agency", f"/bao-cao/tong-quan/don-vi/{report_world.agency_a.pk}/"),
    ):
        phone.goto(f"{live_server.url}{path}")
        screenshot(phone, f"reports-dashboard-{name}-360px")
        assert not has_horizontal_overflow(phone)


def test_public_pages_fit_a_phone_screen(phone, live_server, report_world):
    phone.goto(f"{live_server.url}/cong-dan/cong-khai/")
    screenshot(phone, "public-transparency-overview-360px")
    assert not has_horizontal_overflow(phone)
    assert "Vinh danh" in phone.inner_text("main")
