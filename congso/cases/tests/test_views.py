"""Staff pages: queue, case page and actions, screening, identity custody, export, stats."""

import io
from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from congso.cases.choices import CaseState
from congso.cases.models import Case, IdentityReveal, Report
from congso.cases.services import ReportInput, report_submit
from congso.cases.tests.helpers import category, make_case, person_in, publish_code
from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.scoping import ANONYMOUS
from congso.common.testing import login_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def handler(world):
    return make_user("xuly_a", roles=[(Role.CASE_HANDLER, world.agency_a)])


@pytest.fixture
def custodian(world):
    return make_user("baomat_a", roles=[(Role.IDENTITY_CUSTODIAN, world.agency_a)])


def submit(world, **extra):
    report, _receipt, _created = report_submit(
        actor=ANONYMOUS,
        data=ReportInput(
            kind="misconduct",
            agency_id=world.agency_a.pk,
            description="Cán bộ yêu cầu nộp thêm tiền",
            contact_name="Hà Thị Bí Mật",
            contact_phone="0900000001",
            **extra,
        ),
    )
    return report


def test_queue_lists_cases_of_own_agency_only(world, handler):
    mine = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    other = make_case(unit=world.agency_b, person=person_in(world.agency_b, name="Vũ Văn Khác"))
    html = login_client(handler).get("/vu-viec/").content.decode()
    assert mine.code in html and other.code not in html


def test_queue_filters_overdue(world, handler):
    late = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    Case.objects.filter(pk=late.pk).update(due_on=date(2025, 9, 1))
    fresh = make_case(unit=world.agency_a, person=person_in(world.agency_a, name="Lò Văn Mới"))
    html = login_client(handler).get("/vu-viec/?qua_han=on").content.decode()
    assert late.code in html and fresh.code not in html and "quá hạn" in html


def test_queue_query_count_does_not_grow_with_page_size(world, handler, django_assert_num_queries):
    for index in range(30):
        make_case(unit=world.agency_a, person=person_in(world.agency_a, name=f"Cán Bộ {index}"))
    client = login_client(handler)
    client.get("/vu-viec/")  # warm the session
    counts = []
    for size in (20, 50, 100):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/vu-viec/?so_dong={size}").status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1] == counts[2]
    # Pinned: session, user, OTP device, two for the grants, the reach subtree (the actor);
    # units and categories of the filters; count, page ids, page rows; notifications.
    with django_assert_num_queries(12):
        client.get("/vu-viec/?so_dong=100&trang_thai=all")


def test_handler_walks_a_case_from_received_to_confirmed_through_pages(world, handler):
    publish_code(world.agency_a)
    person = person_in(world.agency_a)
    case = make_case(unit=world.agency_a, person=person)
    client = login_client(handler)
    assert client.post(f"/vu-viec/{case.pk}/chuyen-buoc/", {"to": "verifying"}).status_code == 302
    client.post(
        f"/vu-viec/{case.pk}/ket-luan/",
        {"person": person.staff_code, "category": category().pk, "severity": "minor"},
    )
    head = login_client(world.head_a)
    head.post(f"/vu-viec/{case.pk}/chuyen-buoc/", {"to": "confirmed", "public_note": "Đã xác minh"})
    case.refresh_from_db()
    assert case.state == CaseState.CONFIRMED and case.clause_id
    page = head.get(f"/vu-viec/{case.pk}/").content.decode()
    assert "Đã xác minh" in page and "Xét khen thưởng tạm dừng" in page


def test_refused_step_shows_vietnamese_message_and_changes_nothing(world, handler):
    case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    client = login_client(handler)
    response = client.post(f"/vu-viec/{case.pk}/chuyen-buoc/", {"to": "closed"}, follow=True)
    assert (
        "Không thể chuyển" in response.content.decode() or "Lựa chọn" in response.content.decode()
    )
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED


def test_screening_accepts_a_report_as_a_case(world, handler):
    report = submit(world)
    client = login_client(handler)
    assert "PA-" in client.get("/vu-viec/sang-loc/").content.decode()
    response = client.post(f"/vu-viec/phan-anh/{report.pk}/", {"action": "accept", "urgent": "on"})
    report.refresh_from_db()
    assert report.status == "accepted" and report.case.source == "public_report"
    assert response.status_code == 302 and report.case.urgent


def test_forwarding_moves_the_report_to_the_other_unit(world, handler):
    report = submit(world)
    login_client(handler).post(
        f"/vu-viec/phan-anh/{report.pk}/",
        {"action": "forward", "forward_to": world.agency_b.pk, "note": "Thuộc thẩm quyền Sở Y tế"},
    )
    report.refresh_from_db()
    assert report.status == "forwarded" and report.unit_id == world.agency_b.pk


def test_duplicate_links_to_the_first_report(world, handler):
    first, second, third = submit(world), submit(world), submit(world)
    client = login_client(handler)
    client.post(
        f"/vu-viec/phan-anh/{second.pk}/", {"action": "duplicate", "duplicate_of": first.pk}
    )
    client.post(
        f"/vu-viec/phan-anh/{third.pk}/", {"action": "duplicate", "duplicate_of": second.pk}
    )
    third.refresh_from_db()
    assert third.duplicate_of_id == first.pk


def test_handler_admin_and_api_never_see_reporter_contact(world, handler):
    """Luật Tố cáo art. 47: no page, API answer, audit row or export shows it; DB has ciphertext."""
    report = submit(world)
    client = login_client(handler)
    case_pk = (
        client.post(f"/vu-viec/phan-anh/{report.pk}/", {"action": "accept"})
        .url.strip("/")
        .split("/")[-1]
    )
    admin = login_client(make_user("qtht_a", roles=[(Role.ADMIN, world.province)]))
    pages = [
        client.get(f"/vu-viec/phan-anh/{report.pk}/"),
        client.get(f"/vu-viec/{case_pk}/"),
        client.get("/vu-viec/"),
        client.get(f"/api/v1/cases/{case_pk}"),
        client.get("/api/v1/cases/?state=all"),
        admin.get(f"/vu-viec/phan-anh/{report.pk}/"),
        admin.get(f"/api/v1/cases/{case_pk}"),
        login_client(world.admin_a).get(f"/vu-viec/phan-anh/{report.pk}/danh-tinh/"),
        admin.get(f"/vu-viec/phan-anh/{report.pk}/danh-tinh/"),
    ]
    export = client.get("/vu-viec/xuat-excel/")
    cells = " ".join(
        str(c.value)
        for row in load_workbook(io.BytesIO(export.content)).active.iter_rows()
        for c in row
    )
    audit = " ".join(AuditEntry.objects.values_list("new", flat=True))
    stored = Report.unscoped.get(pk=report.pk).contact_ciphertext
    assert [p.status_code for p in pages[:5]] == [200] * 5
    for secret in ("Hà Thị Bí Mật", "0900000001"):
        assert all(secret not in p.content.decode() for p in pages)
        assert secret not in cells and secret not in audit and secret not in stored
    assert stored.startswith("gAAAA")
    # The system administrator holds no case or custodian capability at all.
    assert [p.status_code for p in (pages[5], pages[6], pages[-1])] == [404, 404, 404]


def test_custodian_reveals_with_a_reason_and_the_head_sees_the_log(world, custodian):
    report = submit(world)
    client = login_client(custodian)
    refused = client.post(f"/vu-viec/phan-anh/{report.pk}/danh-tinh/", {"reason": "xem"})
    assert refused.status_code == 422 and IdentityReveal.objects.count() == 0
    shown = client.post(
        f"/vu-viec/phan-anh/{report.pk}/danh-tinh/",
        {"reason": "Cần liên hệ để bảo vệ người phản ánh bị đe dọa"},
    )
    assert "Hà Thị Bí Mật" in shown.content.decode()
    assert AuditEntry.objects.filter(action="cases.identity_reveal").exists()
    log = login_client(world.head_a).get("/vu-viec/danh-tinh/").content.decode()
    assert "bảo vệ người phản ánh" in log and "baomat_a" in log


def test_custodian_without_second_factor_cannot_reveal(world, custodian):
    report = submit(world)
    client = login_client(custodian, verified=False)
    response = client.post(
        f"/vu-viec/phan-anh/{report.pk}/danh-tinh/",
        {"reason": "Cần liên hệ để bảo vệ người phản ánh"},
    )
    assert response.status_code == 302  # sent to the second-factor page
    assert IdentityReveal.objects.count() == 0


def test_export_and_stats(world, handler):
    make_case(unit=world.agency_a, person=person_in(world.agency_a))
    client = login_client(handler)
    export = client.get("/vu-viec/xuat-excel/")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Số vụ việc" and len(rows) == 2
    out_of_range = client.get("/vu-viec/thong-ke/?nam=99999999")
    assert out_of_range.status_code == 200
    assert out_of_range.context["year"] == timezone.localdate().year  # falls back to this year
    response = client.get("/vu-viec/thong-ke/?nam=2025")
    assert response.context["year"] == 2025
    stats = response.content.decode()
    assert "chart-4.6.1.umd.min.js" in stats and "cases-chart-data" in stats


def test_staff_member_sees_only_cases_about_themself(world):
    own = make_case(unit=world.agency_a, person=world.alice.person)
    other = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    client = login_client(world.alice)
    html = client.get("/vu-viec/").content.decode()
    assert own.code in html and other.code not in html
    assert client.get(f"/vu-viec/{other.pk}/").status_code == 404
