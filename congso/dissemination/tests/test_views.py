"""Pages of dissemination: sending, reading and acknowledging, completion, sessions, inbox."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from congso.common.testing import login_client, make_person
from congso.dissemination.models import Attendance, Campaign, Document, Receipt
from congso.dissemination.rollup import rebuild
from congso.dissemination.tests.factories import (
    make_campaign,
    make_document,
    make_session,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


def _doc_post(world, content: bytes, name: str = "quyet-dinh.pdf"):
    return {
        "unit": world.agency_a.pk,
        "number": "1847/QĐ-TTg",
        "issued_on": "2018-12-27",
        "issuer": "Thủ tướng Chính phủ",
        "title": "Phê duyệt Đề án Văn hóa công vụ",
        "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
    }


def test_head_registers_a_document_with_its_pdf(world):
    client = login_client(world.head_a)
    response = client.post(reverse("dissemination:document_create"), _doc_post(world, pdf_bytes()))
    assert response.status_code == 302
    assert Document.objects.get().current_version.number == 1


def test_a_non_pdf_named_pdf_gets_a_vietnamese_error_and_nothing_is_saved(world):
    client = login_client(world.head_a)
    response = client.post(
        reverse("dissemination:document_create"), _doc_post(world, b"MZ\x90\x00 not a pdf")
    )
    assert response.status_code == 400
    assert "Tệp không phải PDF" in response.content.decode()
    assert Document.objects.count() == 0


def test_an_oversized_upload_is_refused(world, monkeypatch):
    from functools import partial

    from congso.dissemination import files
    from congso.dissemination.views import documents

    monkeypatch.setattr(documents, "read_limited", partial(files.read_limited, limit=1000))
    client = login_client(world.head_a)
    big = pdf_bytes() + b"%" * 5000
    response = client.post(reverse("dissemination:document_create"), _doc_post(world, big))
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert Document.objects.count() == 0


def test_send_campaign_page_and_post(world):
    document = make_document(world.agency_a)
    client = login_client(world.head_a)
    url = reverse("dissemination:campaign_create", args=[document.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "unit": world.agency_a.pk,
            "start_on": "2026-03-02",
            "working_days": "10",
            "escalate_after": "3",
            "questions": "Khẩu hiệu “4 xin” có “xin chào” không? | Không | *Có",
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.questions[0]["answer"] == 1


def test_campaign_to_a_unit_outside_the_senders_scope_is_404(world):
    document = make_document(world.agency_a)
    client = login_client(world.head_a)
    url = reverse("dissemination:campaign_create", args=[document.pk])
    response = client.post(
        url, {"unit": world.agency_b.pk, "start_on": "2026-03-02", "escalate_after": "3"}
    )
    assert response.status_code == 404
    assert Campaign.objects.count() == 0


def test_deadline_before_start_shows_the_message(world):
    document = make_document(world.agency_a)
    client = login_client(world.head_a)
    response = client.post(
        reverse("dissemination:campaign_create", args=[document.pk]),
        {
            "unit": world.agency_a.pk,
            "start_on": "2026-03-02",
            "due_on": "2026-02-27",
            "escalate_after": "3",
        },
    )
    assert response.status_code == 400
    assert "Hạn hoàn thành phải sau ngày bắt đầu" in response.content.decode()


def test_recipient_must_open_before_acknowledging_then_acknowledges(world):
    campaign = make_campaign(world.agency_a)
    client = login_client(world.alice)
    read = reverse("dissemination:read", args=[campaign.pk])
    assert client.get(read).status_code == 200
    ack = reverse("dissemination:acknowledge", args=[campaign.pk])
    refused = client.post(ack)
    assert refused.status_code == 400
    assert "Hãy mở và đọc văn bản" in refused.content.decode()
    opened = client.get(reverse("dissemination:open_file", args=[campaign.pk]))
    assert opened.status_code == 200
    assert opened["Content-Type"] == "application/pdf"
    assert client.post(ack).status_code == 302
    assert Receipt.objects.get().acknowledged_at is not None


def test_acknowledging_never_records_someone_else(world):
    campaign = make_campaign(world.agency_a)
    client = login_client(world.head_a)
    client.get(reverse("dissemination:open_file", args=[campaign.pk]))
    client.post(
        reverse("dissemination:acknowledge", args=[campaign.pk]),
        {"person": world.alice.person_id, "person_id": world.alice.person_id},
    )
    assert list(Receipt.objects.values_list("person_id", flat=True)) == [world.head_a.person_id]


def test_someone_outside_the_campaign_gets_404_on_the_read_page(world):
    campaign = make_campaign(world.agency_b)
    client = login_client(world.alice)
    assert client.get(reverse("dissemination:read", args=[campaign.pk])).status_code == 404


def test_completion_drill_down_to_the_person_and_export(world):
    campaign = make_campaign(world.province)
    Receipt.objects.create(
        campaign=campaign,
        version=campaign.version,
        person=world.alice.person,
        unit=world.agency_a,
        opened_at=timezone.now(),
        acknowledged_at=timezone.now(),
        on_time=True,
    )
    rebuild(campaign_ids=[campaign.pk])
    client = login_client(world.boss)
    page = client.get(reverse("dissemination:campaign", args=[campaign.pk]))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    # Sở Nội vụ: 1 of 2 = 50 % of 600; unlocalised ("300,0" would break the SVG).
    assert 'width="300.0"' in page.content.decode()
    drill = client.get(
        reverse("dissemination:campaign", args=[campaign.pk]), {"don_vi": world.agency_a.pk}
    )
    body = drill.content.decode()
    assert "Nguyễn Thị Hoa" in body and "Đã xác nhận đúng hạn" in body
    export = client.get(reverse("dissemination:campaign_export", args=[campaign.pk]))
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    overview = client.get(reverse("dissemination:completion"))
    assert campaign.title in overview.content.decode()


def test_head_of_a_unit_sees_only_their_subtree_of_a_province_campaign(world):
    campaign = make_campaign(world.province)
    client = login_client(world.head_a)
    page = client.get(reverse("dissemination:campaign", args=[campaign.pk]))
    assert page.status_code == 404  # the campaign row belongs to the province root
    client = login_client(world.charlie)
    assert (
        client.get(
            reverse("dissemination:campaign", args=[campaign.pk]), {"don_vi": world.agency_a.pk}
        ).status_code
        == 404
    )


def test_recipients_page_explains_each_person(world):
    campaign = make_campaign(world.agency_a, categories="vien_chuc")
    client = login_client(world.head_a)
    page = client.get(reverse("dissemination:recipients", args=[campaign.pk]))
    assert "không thuộc đối tượng của đợt" in page.content.decode()


def test_scan_page_records_attendance_once(world):
    session = make_session(world.agency_a)
    client = login_client(world.alice)
    url = reverse("dissemination:scan", args=[session.token])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert "Bạn đã điểm danh lúc" in client.get(url).content.decode()
    again = client.post(url)
    assert again.status_code == 400
    assert "đã điểm danh" in again.content.decode()
    assert Attendance.objects.count() == 1


def test_session_page_shows_the_qr_code_to_the_organiser(world):
    session = make_session(world.agency_a)
    client = login_client(world.head_a)
    page = client.get(reverse("dissemination:session", args=[session.pk]))
    assert "<svg" in page.content.decode()


def test_excel_import_with_unknown_code_names_the_row(world):
    session = make_session(world.agency_a)
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã cán bộ"])
    sheet.append([world.alice.person.staff_code])
    sheet.append(["X999"])
    out = io.BytesIO()
    book.save(out)
    client = login_client(world.head_a)
    response = client.post(
        reverse("dissemination:session_import", args=[session.pk]),
        {"file": SimpleUploadedFile("ds.xlsx", out.getvalue())},
    )
    assert response.status_code == 400
    assert "dòng 3" in response.content.decode()
    assert Attendance.objects.count() == 0


def test_my_tasks_lists_documents_and_sessions_with_overdue_marked(world):
    today = timezone.localdate()
    make_campaign(
        world.agency_a, start_on=today - timedelta(days=30), due_on=today - timedelta(days=2)
    )
    make_session(world.agency_a, starts_at=timezone.now() + timedelta(days=2))
    client = login_client(world.alice)
    body = client.get(reverse("common:my_tasks")).content.decode()
    assert "Đọc và xác nhận văn bản" in body
    assert "Quá hạn" in body
    assert "Dự hội nghị quán triệt" in body


def test_my_tasks_without_a_person_is_an_empty_friendly_page(world):
    client = login_client(world.boss)
    response = client.get(reverse("common:my_tasks"))
    assert response.status_code == 200
    assert "Không có việc nào đang chờ bạn" in response.content.decode()


def test_login_lands_on_my_tasks_and_keeps_next(world):
    from django.test import Client

    client = Client()
    data = {"username": "alice", "password": "mat-khau-thu-nghiem-1"}
    response = client.post(reverse("accounts:login"), data)
    assert response["Location"] == reverse("common:my_tasks")
    client = Client()
    response = client.post(reverse("accounts:login") + "?next=/quy-tac/", data)
    assert response["Location"] == "/quy-tac/"


def test_menu_shows_my_tasks_to_everyone_and_dissemination_to_heads(world):
    staff_page = login_client(world.alice).get(reverse("common:my_tasks")).content.decode()
    assert "Việc của tôi" in staff_page
    assert f'href="{reverse("dissemination:index")}"' not in staff_page
    head_page = login_client(world.head_a).get(reverse("common:my_tasks")).content.decode()
    assert f'href="{reverse("dissemination:index")}"' in head_page
    assert login_client(world.head_a).get(reverse("dissemination:index")).status_code == 200
    assert login_client(world.alice).get(reverse("dissemination:index")).status_code == 404


def test_conduct_code_to_attest_appears_in_my_tasks(world):
    from datetime import date

    from congso.conduct.tests.factories import make_code, make_version

    make_version(make_code(world.agency_a), effective_from=date(2025, 1, 1))
    body = login_client(world.alice).get(reverse("common:my_tasks")).content.decode()
    assert "Xác nhận đã đọc quy chế văn hóa công sở" in body


def test_new_person_in_unit_sees_the_campaign(world):
    campaign = make_campaign(world.agency_a)
    person = make_person(world.division_a, full_name="Triệu Thị Hằng", sex="F")
    from congso.common.testing import make_user

    user = make_user("hang", person=person, roles=[("staff", world.division_a)])
    client = login_client(user)
    assert client.get(reverse("dissemination:read", args=[campaign.pk])).status_code == 200
