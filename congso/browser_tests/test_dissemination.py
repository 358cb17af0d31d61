"""Dissemination in the browser: sending a campaign, acknowledging on a 360 px phone (plain
form posts, no JavaScript needed), scanning in to a session, the completion drill-down."""

from __future__ import annotations

import pytest

from congso.browser_tests.conftest import has_horizontal_overflow, log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_head_sends_a_campaign_to_the_agency(page, live_server, browser_world):
    from congso.dissemination.models import Campaign
    from congso.dissemination.tests.factories import make_document

    document = make_document(browser_world.agency_a)
    log_in(page, live_server, "head_a")
    page.goto(f"{live_server.url}/quan-triet/van-ban/{document.pk}/gui/")
    page.select_option("#id_unit", str(browser_world.agency_a.pk))
    page.fill("#id_start_on", "2026-03-02")
    page.fill("#id_working_days", "10")
    page.check("input[name=categories][value=cong_chuc]")
    screenshot(page, "dissemination-send-form")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    campaign = Campaign.objects.get()
    assert page.url.endswith(f"/quan-triet/dot/{campaign.pk}/")
    assert "Đã gửi văn bản đến đơn vị" in page.inner_text("body")
    assert campaign.due_on.isoformat() == "2026-03-16"
    screenshot(page, "dissemination-campaign-sent")


def test_staff_acknowledges_on_a_phone(phone, live_server, browser_world):
    from congso.dissemination.models import Receipt
    from congso.dissemination.tests.factories import make_campaign

    campaign = make_campaign(browser_world.agency_a)
    log_in(phone, live_server, "alice")
    assert phone.url.endswith("/viec-cua-toi/")  # the landing page after login
    screenshot(phone, "dissemination-my-tasks-360px")
    assert not has_horizontal_overflow(phone)
    phone.click(f"a[href='/quan-triet/nhan/{campaign.pk}/']")
    phone.wait_for_load_state()
    phone.click("#ack-title ~ form button[type=submit]")
    phone.wait_for_load_state()
    assert "Hãy mở và đọc văn bản" in phone.inner_text("main")
    screenshot(phone, "dissemination-ack-refused-360px")
    pdf = phone.context.request.get(f"{live_server.url}/quan-triet/nhan/{campaign.pk}/van-ban.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")
    phone.goto(f"{live_server.url}/quan-triet/nhan/{campaign.pk}/")
    phone.click("#ack-title ~ form button[type=submit]")
    phone.wait_for_load_state()
    assert "Bạn đã xác nhận đã đọc" in phone.inner_text("main")
    assert Receipt.objects.get().acknowledged_at is not None
    screenshot(phone, "dissemination-acknowledged-360px")
    assert not has_horizontal_overflow(phone)


def test_staff_scans_in_to_a_session_on_a_phone(phone, live_server, browser_world):
    from congso.dissemination.models import Attendance
    from congso.dissemination.tests.factories import make_session

    session = make_session(browser_world.agency_a)
    log_in(phone, live_server, "alice")
    phone.goto(f"{live_server.url}/quan-triet/diem-danh/{session.token}/")
    screenshot(phone, "dissemination-scan-360px")
    phone.click("main form button[type=submit]")
    phone.wait_for_load_state()
    assert "Bạn đã điểm danh lúc" in phone.inner_text("main")
    assert Attendance.objects.filter(session=session).count() == 1
    screenshot(phone, "dissemination-scanned-360px")
    assert not has_horizontal_overflow(phone)


def test_completion_drill_down_from_province_to_person(page, live_server, browser_world):
    from django.utils import timezone

    from congso.dissemination.models import Receipt
    from congso.dissemination.rollup import rebuild
    from congso.dissemination.tests.factories import make_campaign

    campaign = make_campaign(browser_world.province)
    Receipt.objects.create(
        campaign=campaign,
        version=campaign.version,
        person=browser_world.alice.person,
        unit=browser_world.agency_a,
        opened_at=timezone.now(),
        acknowledged_at=timezone.now(),
        on_time=True,
    )
    rebuild(campaign_ids=[campaign.pk])
    log_in(page, live_server, "boss")
    page.goto(f"{live_server.url}/quan-triet/dot/{campaign.pk}/")
    assert "33%" in page.inner_text("main")  # 1 of 3 recipients in the province
    screenshot(page, "dissemination-completion-province")
    page.click("table a:has-text('Sở Nội vụ')")
    page.wait_for_load_state()
    body = page.inner_text("main")
    assert "Nguyễn Thị Hoa" in body and "Đã xác nhận đúng hạn" in body
    assert "Trần Văn Bình" in body and "Chưa mở" in body
    screenshot(page, "dissemination-completion-agency")


def test_staff_marks_notices_read_on_a_phone(phone, live_server, browser_world):
    from congso.dissemination.models import Notice
    from congso.dissemination.tests.factories import make_campaign

    campaign = make_campaign(browser_world.agency_a)
    for step, text in ((1, "Văn bản 1847/QĐ-TTg cần đọc."), (2, "Sắp đến hạn xác nhận.")):
        Notice.objects.create(
            campaign=campaign,
            version=campaign.version,
            step=step,
            user=browser_world.alice,
            key=f"b-{step}",
            text=text,
        )
    log_in(phone, live_server, "alice")
    assert phone.inner_text("header .badge").startswith("2")
    screenshot(phone, "dissemination-notices-360px")
    assert not has_horizontal_overflow(phone)
    phone.click("li.notice.unread form button[type=submit] >> nth=0")
    phone.wait_for_load_state()
    assert phone.inner_text("header .badge").startswith("1")
    phone.click("text=Đánh dấu tất cả đã đọc")
    phone.wait_for_load_state()
    assert phone.locator("header .badge").count() == 0
    assert not Notice.objects.filter(read_at__isnull=True).exists()
    screenshot(phone, "dissemination-notices-read-360px")


def test_organiser_uploads_a_course_file_and_a_participant_downloads_it(
    page, phone, live_server, browser_world, tmp_path
):
    from datetime import date

    from congso.dissemination.models import Course, Participation
    from congso.dissemination.tests.factories import pdf_bytes

    course = Course.objects.create(
        unit=browser_world.agency_a,
        title="Bồi dưỡng văn hóa công vụ",
        start_on=date(2026, 3, 2),
        end_on=date(2026, 3, 4),
    )
    Participation.objects.create(
        course=course, unit=browser_world.agency_a, person=browser_world.alice.person
    )
    upload = tmp_path / "bai-giang.pdf"
    upload.write_bytes(pdf_bytes(2))
    log_in(page, live_server, "head_a")
    page.goto(f"{live_server.url}/quan-triet/tuyen-truyen/lop/{course.pk}/")
    page.fill("#id_title", "Bài giảng chuyên đề 1")
    page.set_input_files("#id_file", str(upload))
    page.click("#files-title ~ form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã tải lên tài liệu" in page.inner_text("main")
    screenshot(page, "dissemination-course-files")
    log_in(phone, live_server, "alice")
    phone.goto(f"{live_server.url}/quan-triet/cua-toi/")
    link = phone.locator("a", has_text="Bài giảng chuyên đề 1")
    response = phone.context.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok and response.body().startswith(b"%PDF-")
    screenshot(phone, "dissemination-my-record-files-360px")
    assert not has_horizontal_overflow(phone)
