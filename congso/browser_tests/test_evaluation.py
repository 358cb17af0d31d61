"""A unit head's December in the browser, on a desktop and on a 360 px phone: assess a sheet
with product lines (the points computed as they are typed), finalise it, see the unit's
charts, run the proposal, see the quota choice, review, approve, publish; then a staff member
reads her result and why. Also: the product lines without JavaScript, the catalogue page."""

from __future__ import annotations

from datetime import date

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def december(browser_world):
    from congso.common.testing import make_person
    from congso.evaluation.models import Product, Sheet
    from congso.evaluation.tests.factories import final_sheets
    from congso.org.models import Assignment

    world = browser_world
    colleagues = [make_person(world.agency_a, full_name=f"Đồng Nghiệp {i}") for i in range(6)]
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    months = range(1, 12)  # December: November's sheets are being finished
    for i, person in enumerate(colleagues):
        final_sheets(
            person, world.agency_a, 2026, common="28", task="65" if i < 2 else "50", months=months
        )
    final_sheets(world.head_a.person, world.agency_a, 2026, common="27", task="55", months=months)
    final_sheets(world.alice.person, world.agency_a, 2026, common="25", task="52",
                 months=range(1, 11))  # fmt: skip
    start, end = date(2026, 11, 1), date(2026, 12, 1)
    Sheet.unscoped.create(
        unit=world.agency_a, person=world.alice.person, year=2026, period_kind="month", number=11,
        start=start, end=end, state="head", self_task_points=55, due_on=date(2026, 12, 5),
    )  # fmt: skip
    Product.unscoped.create(
        unit=world.agency_a, position="Chuyên viên tổ chức", code="TT01",
        name="Tờ trình bổ nhiệm", measure="hồ sơ", standard_units=2,
    )  # fmt: skip
    return world


def _fill_line(page, row: int, **values) -> None:
    """Type one product line as a person would (the select by its visible text)."""
    if "product" in values:
        page.select_option(f"select[name=l{row}_product]", label=values.pop("product"))
    for name, value in values.items():
        page.fill(f"input[name=l{row}_{name}]", value)


@pytest.mark.parametrize("screen", ["page", "phone"])
def test_unit_heads_december_and_staff_reads_why(request, live_server, december, screen):
    head = request.getfixturevalue(screen)
    tag = "desktop" if screen == "page" else "360px"
    log_in(head, live_server, "head_a")
    head.goto(f"{live_server.url}/danh-gia/")
    head.get_by_role("link", name="Nguyễn Thị Hoa").click()
    for key in ("politics", "ethics", "culture", "discipline", "attitude", "innovation"):
        head.fill(f"#c_{key}", "4")
    # 9 of 10 files done, quality 90 %, on time: (90 + 90 + 100) / 3 = 93.33 % → 65.33 points.
    _fill_line(
        head, 0, product="TT01 — Tờ trình bổ nhiệm (hồ sơ; 2,00 SP chuẩn)",
        assigned="10", completed="9", quality_pct="90", timeliness_pct="100",
    )  # fmt: skip
    assert head.inner_text("[data-score]") == "93,33 %"  # computed as typed (lines.js)
    assert head.inner_text("[data-total]") == "65,33"
    screenshot(head, f"evaluation-sheet-head-{tag}")
    assert not has_horizontal_overflow(head)
    head.click("button[value=finalise]")
    body = head.inner_text("main")
    assert "Đã lưu phiếu đánh giá." in body and "Đã hoàn tất" in body
    assert "thủ trưởng 65.33" in body or "thủ trưởng 65,33" in body
    assert "thủ trưởng 89,33 / 100" in body

    head.goto(f"{live_server.url}/danh-gia/don-vi/{december.agency_a.pk}/?nam=2026")
    assert head.locator("svg.chart title").first.text_content() == (
        "Tiến độ phiếu đánh giá kỳ gần nhất"
    )
    assert "Đã hoàn tất: 8" in head.locator("svg.chart desc").first.text_content()
    screenshot(head, f"evaluation-unit-{tag}")
    assert not has_horizontal_overflow(head)
    head.click("text=Lập (hoặc tính lại) danh sách dự kiến")
    body = head.inner_text("main")
    assert "Tỷ lệ hoàn thành xuất sắc nhiệm vụ theo nhóm" in body
    assert "bằng điểm — thủ trưởng chọn" in body
    assert head.locator("#run-levels-t").text_content() == "Số người theo mức xếp loại"
    screenshot(head, f"evaluation-run-proposal-{tag}")
    assert not has_horizontal_overflow(head)
    head.get_by_label("Đồng Nghiệp 0").uncheck()
    head.get_by_label("Đồng Nghiệp 1").check()
    head.click("text=Ghi lựa chọn")
    assert head.get_by_label("Đồng Nghiệp 1").is_checked()
    assert not head.get_by_label("Đồng Nghiệp 0").is_checked()

    head.fill("input[name=meeting_date]", "2026-12-08")
    head.fill("textarea[name=attendees]", "Thủ trưởng, cấp phó, chủ tịch công đoàn")
    head.set_input_files(
        "input[name=minutes]",
        files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}],
    )
    head.click("text=Ghi kết quả họp xét")
    head.click("text=Thủ trưởng duyệt")
    head.click("text=Công khai đến từng người")
    assert "Đã công khai" in head.inner_text("main")
    screenshot(head, f"evaluation-run-published-{tag}")

    staff = request.getfixturevalue("phone" if screen == "page" else "page")
    log_in(staff, live_server, "alice")
    staff.goto(f"{live_server.url}/danh-gia/")
    staff.click("text=Năm 2026")
    body = staff.inner_text("main")
    assert "Hoàn thành tốt nhiệm vụ" in body
    assert "Căn cứ: NĐ 335/2025/NĐ-CP" in body
    assert "Gửi kiến nghị" in body
    staff.click("text=Dữ liệu dùng để xếp loại")
    assert "Số kỳ đánh giá đã hoàn tất" in staff.inner_text("main")
    screenshot(staff, f"evaluation-result-{'360px' if screen == 'page' else 'desktop'}")
    assert not has_horizontal_overflow(staff)


def test_product_lines_work_without_javascript(browser, live_server, december):
    """The person's self-assessment with product lines, the browser's scripts off."""
    from congso.evaluation.models import Sheet

    sheet = Sheet.unscoped.create(
        unit=december.agency_a, person=december.alice.person, year=2026, period_kind="month",
        number=12, start=date(2026, 12, 1), end=date(2027, 1, 1), due_on=date(2027, 1, 5),
    )  # fmt: skip
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, live_server, "alice")
        page.goto(f"{live_server.url}/danh-gia/phieu/{sheet.pk}/")
        for key in ("politics", "ethics", "culture", "discipline", "attitude", "innovation"):
            page.fill(f"input[name=c_{key}]", "5")
        _fill_line(
            page, 0, product="TT01 — Tờ trình bổ nhiệm (hồ sơ; 2,00 SP chuẩn)",
            assigned="4", completed="4", quality_pct="100", timeliness_pct="100",
            major_errors="1",
        )  # fmt: skip
        _fill_line(
            page, 1, label="Báo cáo tháng", assigned="1", completed="1",
            quality_pct="100", timeliness_pct="100", delays="1",
        )  # fmt: skip
        page.check("input[name=l1_objective_cause]")
        page.click("button[value=self]")
        body = page.inner_text("main")
        assert "Đã lưu phiếu đánh giá." in body
        # Line 1: (100 + 75 + 100) / 3 = 91.67 %, weight 4 × 2; line 2 (objective cause): 100 %.
        # 70 × (8 × 91.67 + 1 × 100) / 9 / 100 = 64.81.
        assert "tự chấm 64,81" in body or "tự chấm 64.81" in body
        assert page.locator("[data-score]").first.inner_text() == "91,67 %"
        screenshot(page, "evaluation-sheet-self-nojs-360px")
        assert not page.evaluate(
            "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        # A bad row is named, in Vietnamese, and nothing is written.
        page.fill("input[name=l2_label]", "Công văn")
        page.fill("input[name=l2_assigned]", "2")
        page.fill("input[name=l2_completed]", "1")
        page.fill("input[name=l2_quality_pct]", "150")
        page.fill("input[name=l2_timeliness_pct]", "100")
        page.click("button[value=self]")
        assert "Sản phẩm dòng 3: Tỷ lệ phần trăm phải từ 0 đến 100." in page.inner_text("main")
        assert sheet.lines.count() == 2
        assert page.input_value("input[name=l2_quality_pct]") == "150"  # as typed
        page.fill("input[name=l2_quality_pct]", "95")
        page.click("button[value=self]")
        assert "Đã lưu phiếu đánh giá." in page.inner_text("main")
        assert sheet.lines.count() == 3
    finally:
        context.close()


def test_catalogue_page_on_a_phone(phone, live_server, december):
    from congso.evaluation.models import Product

    log_in(phone, live_server, "head_a")
    phone.goto(f"{live_server.url}/danh-gia/don-vi/{december.agency_a.pk}/")
    phone.click("text=Danh mục sản phẩm")
    phone.fill("#f-position", "Chuyên viên tổ chức")
    phone.fill("#f-code", "BC01")
    phone.fill("#f-name", "Báo cáo chuyên đề")
    phone.fill("#f-measure", "báo cáo")
    phone.fill("#f-units", "0")
    phone.click("text=Thêm vào danh mục")
    assert "“Số sản phẩm chuẩn”: phải là số lớn hơn 0" in phone.inner_text("main")
    assert phone.input_value("#f-name") == "Báo cáo chuyên đề"  # kept: only the bad field
    phone.fill("#f-units", "1,5")
    phone.click("text=Thêm vào danh mục")
    assert "Đã thêm sản phẩm vào danh mục." in phone.inner_text("main")
    phone.get_by_role("row", name="BC01").get_by_role("button", name="Ngừng sử dụng").click()
    assert "Đã ngừng sử dụng sản phẩm." in phone.inner_text("main")
    assert Product.unscoped.get(code="BC01").retired_on is not None
    screenshot(phone, "evaluation-catalogue-360px")
    assert not has_horizontal_overflow(phone)
