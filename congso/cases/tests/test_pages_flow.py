"""The rest of the workflow through the pages: measures, appeal, review, receipt page."""

import re
from datetime import date

import pytest
import time_machine
from django.test import Client

from congso.cases.choices import CaseState
from congso.cases.models import Case, Evidence, Measure, Report
from congso.cases.services import (
    ReportInput,
    appeal_file,
    appeal_review,
    case_set_finding,
    case_transition,
    report_accept,
    report_submit,
)
from congso.cases.tests import files
from congso.cases.tests.helpers import category, confirmed_case, person_in, publish_code
from congso.common.permissions import Role
from congso.common.scoping import ANONYMOUS
from congso.common.testing import actor_of, login_client, make_user
from congso.conduct.models import ViolationCategory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        yield


def test_measure_with_discipline_form_of_the_rule_set_in_force(world):
    case = confirmed_case(unit=world.agency_a, person=person_in(world.agency_a))
    client = login_client(world.head_a)
    client.post(f"/vu-viec/{case.pk}/chuyen-buoc/", {"to": "handling"})
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "NĐ 172/2025" in page and "Hạ bậc lương" not in page
    client.post(
        f"/vu-viec/{case.pk}/bien-phap/",
        {
            "kind": "discipline",
            "discipline_form": "canh_cao",
            "decision_number": "45/QĐ-SNV",
            "decision_date": "2025-09-09",
            "duration_months": "12",
        },
    )
    measure = Measure.objects.get(case=case)
    assert (measure.discipline_form, measure.regime) == ("canh_cao", "nd172_2025_cong_chuc")
    client.post(f"/vu-viec/{case.pk}/gia-han/", {"reason": "Cần thêm thời gian xác minh"})
    case.refresh_from_db()
    assert case.processing_extended
    client.post(f"/vu-viec/{case.pk}/chuyen-buoc/", {"to": "closed"})
    case.refresh_from_db()
    assert case.state == CaseState.CLOSED


def test_person_appeals_and_a_reviewer_reverses(world):
    case = confirmed_case(unit=world.agency_a, person=world.alice.person)
    alice = login_client(world.alice)
    assert "Khiếu nại kết luận" in alice.get(f"/vu-viec/{case.pk}/").content.decode()
    alice.post(f"/vu-viec/{case.pk}/khieu-nai/", {"reason": "Hôm đó tôi đi công tác"})
    case.refresh_from_db()
    assert case.state == CaseState.APPEALED
    reviewer = login_client(make_user("thanhtra_a", roles=[(Role.INSPECTOR, world.agency_a)]))
    reviewer.post(
        f"/vu-viec/{case.pk}/xem-xet-khieu-nai/",
        {"outcome": "reversed", "note": "Có quyết định cử đi công tác"},
    )
    case.refresh_from_db()
    assert case.state == CaseState.REVIEWED and case.reversed


def test_head_cannot_appeal_for_the_person(world):
    case = confirmed_case(unit=world.agency_a, person=world.alice.person)
    response = login_client(world.head_a).post(
        f"/vu-viec/{case.pk}/khieu-nai/", {"reason": "Thay mặt"}, follow=True
    )
    assert "không có quyền" in response.content.decode()
    assert Case.objects.get(pk=case.pk).state == CaseState.CONFIRMED


def test_receipt_page_follows_the_case_with_public_notes_only(world):
    world.agency_a.serves_citizens = True
    world.agency_a.save(update_fields=["serves_citizens"])
    citizen = Client()
    sent = citizen.post(
        "/cong-dan/phan-anh/",
        {
            "kind": "misconduct",
            "agency_id": world.agency_a.pk,
            "description": "Bị đòi thêm tiền",
            "officer_name": "Phùng Văn Tên",
        },
    )
    receipt = re.search(r"\d{4} \d{4} \d{4} \d{4}", sent.content.decode()).group(0)
    handler = make_user("xuly_b", roles=[(Role.CASE_HANDLER, world.agency_a)])

    report = Report.unscoped.get()
    staff = login_client(handler)
    staff.post(f"/vu-viec/phan-anh/{report.pk}/", {"action": "accept"})
    report.refresh_from_db()
    staff.post(
        f"/vu-viec/{report.case_id}/chuyen-buoc/",
        {
            "to": "verifying",
            "note": "Nội bộ: gọi ông Tên lên làm việc",
            "public_note": "Cơ quan đang xác minh.",
        },
    )
    staff.post(f"/vu-viec/phan-anh/{report.pk}/tin-nhan/", {"body": "Xin bổ sung giờ"})
    page = citizen.post("/cong-dan/phan-anh/tra-cuu/", {"receipt": receipt}).content.decode()
    assert "Đang xác minh" in page and "Cơ quan đang xác minh." in page
    assert "Xin bổ sung giờ" in page
    assert "Phùng Văn Tên" not in page and "gọi ông Tên" not in page and "xuly_b" not in page


def test_evidence_is_served_as_attachment(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Client().post(
        "/api/v1/public/reports",
        data={
            "kind": "misconduct",
            "agency_id": world.agency_a.pk,
            "description": "Ảnh",
            "evidence": [SimpleUploadedFile("a.png", files.png())],
        },
    )
    item = Evidence.unscoped.get()
    response = login_client(world.head_a).get(f"/vu-viec/bang-chung/{item.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert date.today()  # the clock fixture does not break file serving


def test_officer_is_named_on_the_receipt_only_once_the_finding_stands(world):
    publish_code(world.agency_a)
    report, receipt, _created = report_submit(
        actor=ANONYMOUS,
        data=ReportInput(kind="misconduct", agency_id=world.agency_a.pk, description="Đi muộn"),
    )
    case = report_accept(actor=None, report=report, person=world.alice.person, category=category())

    case_set_finding(actor=None, case=case, severity="minor")
    case_transition(actor=None, case=case, to=CaseState.VERIFYING)
    citizen = Client()
    name = world.alice.person.full_name
    before = citizen.get(f"/api/v1/public/reports/{receipt}").json()
    assert before["finding"] is None and name not in str(before)
    case_transition(actor=None, case=case, to=CaseState.CONFIRMED)
    after = citizen.get(f"/api/v1/public/reports/{receipt}").json()
    assert after["finding"]["officer"] == name
    appeal_file(actor=actor_of(world.alice), case=case, reason="Không đúng")
    appeal_review(actor=None, case=case, outcome="reversed", note="Sai người")
    reversed_view = citizen.get(f"/api/v1/public/reports/{receipt}").json()
    assert reversed_view["finding"] is None and name not in str(reversed_view)


def test_head_records_a_press_case_and_staff_report_themselves(world):
    person = person_in(world.agency_a, name="Mai Văn Báo")
    head = login_client(world.head_a)
    response = head.post(
        "/vu-viec/tao-moi/",
        {
            "unit": world.agency_a.pk,
            "source": "press",
            "kind": "misconduct",
            "summary": "Báo Lào Cai nêu việc gây khó dễ",
            "person": person.staff_code,
            "category": ViolationCategory.objects.first().pk,
            "occurred_on": "2025-09-01",
        },
    )
    case = Case.objects.get(source="press")
    assert response.status_code == 302 and case.person == person
    alice = login_client(world.alice)
    own = alice.post(
        "/vu-viec/tao-moi/",
        {
            "unit": world.agency_a.pk,
            "source": "self_report",
            "kind": "misconduct",
            "summary": "Tôi đến muộn cuộc họp",
            "person": world.alice.person.staff_code,
        },
    )
    assert own.status_code == 302
    assert Case.objects.filter(source="self_report", person=world.alice.person).exists()
    other = alice.post(
        "/vu-viec/tao-moi/",
        {
            "unit": world.agency_a.pk,
            "source": "head_record",
            "kind": "misconduct",
            "summary": "Ghi nhận người khác",
            "person": person.staff_code,
        },
    )
    assert other.status_code == 422
    assert not Case.objects.filter(source="head_record").exists()


def test_processing_limit_overdue_is_marked(world):
    case = confirmed_case(unit=world.agency_a, person=person_in(world.agency_a))
    client = login_client(world.head_a)
    client.post(f"/vu-viec/{case.pk}/chuyen-buoc/", {"to": "handling"})
    page = client.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "09/12/2025" in page and "quá thời hạn xử lý kỷ luật" not in page  # 10/9 + 90 days
    with time_machine.travel("2025-12-20 09:00 +07:00", tick=False):
        late = login_client(world.head_a).get(f"/vu-viec/{case.pk}/").content.decode()
    assert "quá thời hạn xử lý kỷ luật" in late
