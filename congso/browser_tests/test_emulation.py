"""Emulation in Chromium: registering, proposing, the council's tally on paper and by
electronic secret ballot on members' phones, the decision, printing a certificate and verifying
it by its QR code's URL on a 360 px phone. Forms are submitted as the browser sends them (no
JavaScript needed)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from congso.browser_tests.conftest import ARTIFACTS, has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def emulation_world(browser_world):
    # Live-server tests flush the database after each test, which also empties the catalogue
    # the migrations seed: seed it again, as they do.
    from congso.common.permissions import Role
    from congso.common.testing import make_person, make_user
    from congso.emulation.tests.factories import plan, published_result, seed_catalogue

    seed_catalogue()
    world = browser_world
    officer_person = make_person(world.province, full_name="Đỗ Thị Thu")
    make_user("thidua", roles=[(Role.EMULATION_OFFICER, world.province)], person=officer_person)
    plan(world.province, year=2026, deadline=date(2099, 3, 31))
    published_result(world.alice.person, year=2025)
    world.council = [
        make_person(world.province, full_name=f"Ủy viên Hội đồng {i}") for i in range(1, 5)
    ]
    return world


def _phone(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, locale="vi-VN"
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


def _certificate_png(pdf: bytes, name: str):
    """Render the certificate's PDF to PNG for a person to look at (poppler's pdftoppm)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return None
    ARTIFACTS.mkdir(exist_ok=True)
    source = ARTIFACTS / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(  # noqa: S603 - fixed program, our own file
        [exe, "-png", "-r", "80", "-singlefile", str(source), str(ARTIFACTS / name)], check=True
    )
    return ARTIFACTS / f"{name}.png"


def _verify_on_phone(phone, live_server, verify_url, name, ref):
    phone.goto(verify_url)
    body = phone.inner_text("main")
    assert "Giấy chứng nhận hợp lệ" in body and name in body and ref in body
    screenshot(phone, "emulation-verify-360px")
    assert not has_horizontal_overflow(phone)
    missing = phone.goto(f"{live_server.url}/vinh-danh/xac-thuc/KHONGCOMA1/")
    assert missing.status == 404


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

    # 3. The council meets on paper; Alice sits on it and is recused from her own proposal.
    page.goto(f"{live_server.url}/thi-dua/")
    page.locator("summary", has_text="Lập phiên họp").click()
    page.select_option("#m-unit", label="Tỉnh Thử Nghiệm")
    page.fill("#m-year", "2025")
    page.fill("#m-day", "20/12/2025")
    codes = [p.staff_code for p in world.council] + [world.alice.person.staff_code]
    page.fill("#m-members", "\n".join(codes))
    page.get_by_label("Phiếu giấy (thư ký nhập kết quả kiểm phiếu)").check()
    page.get_by_role("button", name="Lập phiên họp").click()
    page.wait_for_load_state()
    meeting = Meeting.unscoped.get()
    assert meeting.ballot_mode == "paper"
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

    # 4. The decision, then the certificate as a PDF (the title certificate design).
    page.fill("#d-number", "125")
    page.fill("#d-signer", "Nguyễn Văn Tỉnh")
    page.fill("#d-title", "Chủ tịch UBND tỉnh")
    page.get_by_role("button", name="Ban hành quyết định").click()
    page.wait_for_load_state()
    assert "125/QĐ-UBND" in page.inner_text("main")
    screenshot(page, "emulation-decision")
    award = Award.unscoped.get()
    assert award.decision.meeting_id == meeting.pk and award.amount == 702_000
    page.goto(f"{live_server.url}/thi-dua/khen-thuong/{award.pk}/")
    pdf = page.request.get(f"{live_server.url}/thi-dua/khen-thuong/{award.pk}/chung-nhan.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
    _certificate_png(pdf.body(), "emulation-certificate-ldtt")
    verify_url = page.locator("a", has_text="/vinh-danh/xac-thuc/").get_attribute("href")
    screenshot(page, "emulation-award")

    # 5. A citizen scans the QR code: the verification page on a 360 px phone.
    _verify_on_phone(phone, live_server, verify_url, "Nguyễn Thị Hoa", "125/QĐ-UBND")
    phone.goto(f"{live_server.url}/vinh-danh/?nam=2025")
    assert "Nguyễn Thị Hoa" in phone.inner_text("main")
    screenshot(phone, "emulation-honour-roll-360px")
    assert not has_horizontal_overflow(phone)
    phone.select_option("#hr-unit", label="Sở Nội vụ")
    phone.get_by_role("button", name="Xem").click()
    phone.wait_for_load_state()
    assert "Nguyễn Thị Hoa" in phone.inner_text("main") and "don_vi=" in phone.url


def test_council_votes_by_secret_ballot_on_phones(
    browser, page, phone, live_server, emulation_world
):
    from django.contrib.auth import get_user_model

    from congso.common.permissions import Role
    from congso.common.testing import actor_of, make_user
    from congso.emulation import services
    from congso.emulation.models import Award, Ballot, BallotReceipt, Meeting, Proposal
    from congso.emulation.tests.factories import title

    world = emulation_world
    officer_user = get_user_model().objects.get(username="thidua")
    services.proposal_create(
        actor=actor_of(officer_user),
        title=title("ldtt"),
        year=2025,
        person=world.alice.person,
        achievement="Hoàn thành xuất sắc nhiệm vụ.",
    )
    voters = [
        make_user(f"hoidong{i}", roles=[(Role.STAFF, world.province)], person=person)
        for i, person in enumerate(world.council, start=1)
    ]

    # 1. The officer sets up an electronic meeting: the first member chairs it.
    log_in(page, live_server, "thidua")
    page.goto(f"{live_server.url}/thi-dua/")
    page.locator("summary", has_text="Lập phiên họp").click()
    page.select_option("#m-unit", label="Tỉnh Thử Nghiệm")
    page.fill("#m-year", "2025")
    page.fill("#m-day", "20/12/2025")
    lines = [f"{world.council[0].staff_code}, chair"]
    lines += [p.staff_code for p in world.council[1:]] + [world.alice.person.staff_code]
    page.fill("#m-members", "\n".join(lines))
    page.get_by_label("Bỏ phiếu điện tử (thành viên bỏ phiếu trên điện thoại)").check()
    page.get_by_role("button", name="Lập phiên họp").click()
    page.wait_for_load_state()
    meeting = Meeting.unscoped.get()
    assert meeting.ballot_mode == "electronic"
    assert "Ghi kết quả kiểm phiếu" not in page.inner_text("main")  # no paper tally here
    page.get_by_role("button", name="Mở bỏ phiếu điện tử").click()
    page.wait_for_load_state()
    assert "Đã mở bỏ phiếu điện tử" in page.inner_text("main")
    screenshot(page, "emulation-evote-opened")

    # 2. Each member present opens the ballot from 'Việc của tôi' on a 360 px phone.
    contexts = []
    try:
        for i, user in enumerate(voters):
            context, member = _phone(browser)
            contexts.append(context)
            log_in(member, live_server, user.username)
            member.get_by_role("link", name="Phiên họp ngày 20/12/2025").first.click()
            member.wait_for_load_state()
            assert "Phiếu bầu kín" in member.inner_text("main")
            second = None
            if i == 1:
                # The same ballot open in a second tab, sent after the first: stored once.
                second = context.new_page()
                second.goto(member.url)
            member.get_by_label("Đồng ý" if i < 3 else "Không đồng ý", exact=True).check()
            if i == 0:
                screenshot(member, "emulation-ballot-360px")
                assert not has_horizontal_overflow(member)
            member.get_by_role("button", name="Gửi phiếu bầu").click()
            member.wait_for_load_state()
            assert "Đã ghi phiếu bầu của bạn" in member.inner_text("main")
            if second is not None:
                second.get_by_label("Không đồng ý", exact=True).check()
                second.get_by_role("button", name="Gửi phiếu bầu").click()
                second.wait_for_load_state()
                assert "phiếu chỉ được ghi một lần" in second.inner_text("main")
                screenshot(second, "emulation-ballot-repeat-360px")
                second.close()
        assert BallotReceipt.objects.filter(meeting=meeting).count() == 4

        # Alice, proposed, is recused: her phone shows no candidate to vote on.
        context, alice = _phone(browser)
        contexts.append(context)
        log_in(alice, live_server, "alice")
        alice.goto(f"{live_server.url}/thi-dua/hoi-dong/{meeting.pk}/phieu-bau/")
        assert "Không có trường hợp nào bạn được bỏ phiếu" in alice.inner_text("main")
        assert alice.get_by_role("button", name="Gửi phiếu bầu").count() == 0

        # 3. The chair closes the ballot on their phone; the threshold applies (3 of 4 ≥ 50 %).
        chair = contexts[0].pages[0]
        chair.reload()
        chair.get_by_role("button", name="Kết thúc bỏ phiếu và kiểm phiếu").click()
        chair.wait_for_load_state()
        text = chair.inner_text("main")
        assert "Đã kết thúc bỏ phiếu và kiểm phiếu." in text
        assert "3 đồng ý, 1 không đồng ý trên 4 thành viên được bỏ phiếu" in text
        screenshot(chair, "emulation-ballot-closed-360px")
        assert not has_horizontal_overflow(chair)
        # A ballot after the close is refused.
        late = contexts[2].pages[0]
        late.goto(f"{live_server.url}/thi-dua/hoi-dong/{meeting.pk}/phieu-bau/")
        assert "Bỏ phiếu đã kết thúc." in late.inner_text("main")
    finally:
        for context in contexts:
            context.close()
    ballot = Ballot.objects.get()
    assert (ballot.agree, ballot.disagree, ballot.members, ballot.passed) == (3, 1, 4, True)
    assert Proposal.unscoped.get().state == "passed"

    # 4. The officer issues the decision and prints the certificate; a phone verifies it.
    page.goto(f"{live_server.url}/thi-dua/hoi-dong/{meeting.pk}/")
    assert "Hội đồng thông qua" in page.inner_text("main")
    page.fill("#d-number", "126")
    page.fill("#d-signer", "Nguyễn Văn Tỉnh")
    page.fill("#d-title", "Chủ tịch UBND tỉnh")
    page.get_by_role("button", name="Ban hành quyết định").click()
    page.wait_for_load_state()
    award = Award.unscoped.get()
    page.goto(f"{live_server.url}/thi-dua/khen-thuong/{award.pk}/")
    pdf = page.request.get(f"{live_server.url}/thi-dua/khen-thuong/{award.pk}/chung-nhan.pdf")
    assert pdf.body()[:4] == b"%PDF"
    _certificate_png(pdf.body(), "emulation-certificate-evote")
    verify_url = page.locator("a", has_text="/vinh-danh/xac-thuc/").get_attribute("href")
    _verify_on_phone(phone, live_server, verify_url, "Nguyễn Thị Hoa", "126/QĐ-UBND")
