"""Emulation in Chromium: registering, proposing, the council's tally, the decision, printing a
certificate and verifying it by its URL on a 360 px phone. Forms are submitted as the browser
sends them (no JavaScript needed)."""

from __future__ import annotations

from datetime import date

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def emulation_world(browser_world):
    # Live-server tests flush the database after each test, which also empties the catalogue
    # that migration 0002 seeds: seed it again, as the migration does.
    import importlib

    from django.apps import apps

    from congso.common.permissions import Role
    from congso.common.testing import make_person, make_user
    from congso.emulation.tests.factories import plan, published_result

    importlib.import_module("congso.emulation.migrations.0002_catalogue").seed(apps, None)

    world = browser_world
    officer_person = make_person(world.province, full_name="Đỗ Thị Thu")
    make_user("thidua", roles=[(Role.EMULATION_OFFICER, world.province)], person=officer_person)
    plan(world.province, year=2026, deadline=date(2099, 3, 31))
    published_result(world.alice.person, year=2025)
    world.council = [
        make_person(world.province, full_name=f"Ủy viên Hội đồng {i}") for i in range(1, 5)
    ]
    return world


def test_register_propose_tally_decide_print_and_verify(page, phone, live_server, emulation_world):
    from congso.emulation.models import Award, Meeting, Registration

    world = emulation_world
    # 1. Alice registers for LĐTT under the province's plan.
    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/thi-dua/")
    page.get_by_role("link", name="Kế hoạch thi đua năm 2026").click()
    page.select_option("#r-title", label="Lao động tiên tiến")
    page.get_by_role("button", name="Đăng ký và gửi").first.click()
    page.wait_for_load_state()
    assert "Đã ghi đăng ký thi đua." in page.inner_text("main")
    screenshot(page, "emulation-registered")
    assert Registration.unscoped.get().state == "submitted"
    page.context.clear_cookies()

    # 2. The officer proposes her from the eligibility list (2025 results are final).
    log_in(page, live_server, "thidua")
    page.goto(f"{live_server.url}/thi-dua/don-vi/{world.agency_a.pk}/?nam=2025")
    row = page.locator("tr", has_text="Nguyễn Thị Hoa")
    assert "Đủ tiêu chuẩn Lao động tiên tiến." in row.inner_text()
    row.locator("summary").click()
    row.locator("textarea").fill("Hoàn thành xuất sắc nhiệm vụ, gương mẫu văn hóa công sở.")
    row.get_by_role("button", name="Lập đề nghị").click()
    page.wait_for_load_state()
    assert "Đã lập đề nghị khen thưởng." in page.inner_text("main")
    screenshot(page, "emulation-proposed")

    # 3. The council meets; Alice sits on it and is recused from her own proposal.
    page.goto(f"{live_server.url}/thi-dua/")
    page.locator("summary", has_text="Lập phiên họp").click()
    page.select_option("#m-unit", label="Tỉnh Thử Nghiệm")
    page.fill("#m-year", "2025")
    page.fill("#m-day", "20/12/2025")
    codes = [p.staff_code for p in world.council] + [world.alice.person.staff_code]
    page.fill("#m-members", "\n".join(codes))
    page.get_by_role("button", name="Lập phiên họp").click()
    page.wait_for_load_state()
    meeting = Meeting.unscoped.get()
    # A tally over the members who may vote is refused with the reason.
    page.fill("input[name=agree]", "5")
    page.fill("input[name=disagree]", "0")
    page.get_by_role("button", name="Ghi kết quả kiểm phiếu").click()
    page.wait_for_load_state()
    assert "vượt quá số thành viên có mặt được bỏ phiếu (4)" in page.inner_text("main")
    page.fill("input[name=agree]", "4")
    page.fill("input[name=disagree]", "0")
    page.get_by_role("button", name="Ghi kết quả kiểm phiếu").click()
    page.wait_for_load_state()
    assert "Hội đồng thông qua" in page.inner_text("main")
    screenshot(page, "emulation-council-tally")

    # 4. The decision, then the certificate as a PDF.
    page.fill("#d-number", "125")
    page.fill("#d-signer", "Nguyễn Văn Tỉnh")
    page.fill("#d-title", "Chủ tịch Ủy ban nhân dân tỉnh")
    page.get_by_role("button", name="Ban hành quyết định").click()
    page.wait_for_load_state()
    assert "125/QĐ-UBND" in page.inner_text("main")
    screenshot(page, "emulation-decision")
    award = Award.unscoped.get()
    assert award.decision.meeting_id == meeting.pk
    page.goto(f"{live_server.url}/thi-dua/khen-thuong/{award.pk}/")
    pdf = page.request.get(f"{live_server.url}/thi-dua/khen-thuong/{award.pk}/chung-nhan.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
    verify_url = page.locator("a", has_text="/vinh-danh/xac-thuc/").get_attribute("href")
    screenshot(page, "emulation-award")

    # 5. A citizen scans the QR code: the verification page on a 360 px phone.
    phone.goto(verify_url)
    body = phone.inner_text("main")
    assert "Giấy chứng nhận hợp lệ" in body and "Nguyễn Thị Hoa" in body
    assert "125/QĐ-UBND" in body
    screenshot(phone, "emulation-verify-360px")
    assert not has_horizontal_overflow(phone)
    missing = phone.goto(f"{live_server.url}/vinh-danh/xac-thuc/KHONGCOMA1/")
    assert missing.status == 404
    phone.goto(f"{live_server.url}/vinh-danh/?nam=2025")
    assert "Nguyễn Thị Hoa" in phone.inner_text("main")
    screenshot(phone, "emulation-honour-roll-360px")
    assert not has_horizontal_overflow(phone)
