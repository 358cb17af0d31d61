"""A unit head's December in the browser: assess and finalise a sheet, run the proposal, see
the quota choice, review, approve, publish; then a staff member reads her result and why
(desktop and a 360 px phone)."""

from __future__ import annotations

from datetime import date

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def december(browser_world):
    from congso.common.testing import make_person
    from congso.evaluation.models import Sheet
    from congso.evaluation.tests.factories import final_sheets
    from congso.org.models import Assignment

    world = browser_world
    colleagues = [make_person(world.agency_a, full_name=f"Đồng Nghiệp {i}") for i in range(6)]
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    for i, person in enumerate(colleagues):
        final_sheets(person, world.agency_a, 2026, common="28", task="65" if i < 2 else "50")
    final_sheets(world.head_a.person, world.agency_a, 2026, common="27", task="55")
    final_sheets(world.alice.person, world.agency_a, 2026, common="25", task="52",
                 months=range(1, 11))  # fmt: skip
    start, end = date(2026, 11, 1), date(2026, 12, 1)
    Sheet.unscoped.create(
        unit=world.agency_a, person=world.alice.person, year=2026, period_kind="month", number=11,
        start=start, end=end, state="head", self_task_points=55, due_on=date(2026, 12, 5),
    )  # fmt: skip
    return world


def test_unit_heads_december_and_staff_reads_why(page, phone, live_server, december):
    log_in(page, live_server, "head_a")
    page.goto(f"{live_server.url}/danh-gia/")
    page.get_by_role("link", name="Nguyễn Thị Hoa").click()
    for key in ("politics", "ethics", "culture", "discipline", "attitude", "innovation"):
        page.fill(f"#c_{key}", "4")
    page.fill("input[name=task_points]", "54")
    screenshot(page, "evaluation-sheet-head")
    page.click("button[value=finalise]")
    assert "Đã hoàn tất" in page.inner_text("main")

    page.goto(f"{live_server.url}/danh-gia/don-vi/{december.agency_a.pk}/?nam=2026")
    page.click("text=Lập (hoặc tính lại) danh sách dự kiến")
    body = page.inner_text("main")
    assert "Tỷ lệ hoàn thành xuất sắc nhiệm vụ theo nhóm" in body
    assert "bằng điểm — thủ trưởng chọn" in body
    screenshot(page, "evaluation-run-proposal")
    page.get_by_label("Đồng Nghiệp 0").uncheck()
    page.get_by_label("Đồng Nghiệp 1").check()
    page.click("text=Ghi lựa chọn")
    assert page.get_by_label("Đồng Nghiệp 1").is_checked()

    page.fill("input[name=meeting_date]", "2026-12-08")
    page.fill("textarea[name=attendees]", "Thủ trưởng, cấp phó, chủ tịch công đoàn")
    page.set_input_files(
        "input[name=minutes]",
        files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}],
    )
    page.click("text=Ghi kết quả họp xét")
    page.click("text=Thủ trưởng duyệt")
    page.click("text=Công khai đến từng người")
    assert "Đã công khai" in page.inner_text("main")
    screenshot(page, "evaluation-run-published")

    log_in(phone, live_server, "alice")
    phone.goto(f"{live_server.url}/danh-gia/")
    phone.click("text=Năm 2026")
    body = phone.inner_text("main")
    assert "Hoàn thành tốt nhiệm vụ" in body
    assert "Căn cứ: NĐ 335/2025/NĐ-CP" in body
    assert "Gửi kiến nghị" in body
    screenshot(phone, "evaluation-result-360px")
    assert not has_horizontal_overflow(phone)
