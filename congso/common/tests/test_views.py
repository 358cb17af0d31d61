"""The audit-log and holiday-calendar pages: who may see them, what they show, what they write."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from congso.common.audit import audit_record
from congso.common.calendar import deadline_after
from congso.common.models import AuditEntry, Holiday
from congso.common.permissions import Role
from congso.common.testing import login_client, make_user

AUDIT = reverse("common:audit")
HOLIDAYS = reverse("common:holidays")
EDIT = reverse("common:holiday_edit")
DELETE = reverse("common:holiday_delete")


@pytest.fixture
def rows(world):
    """One audit row in agency A, one in agency B, one without a unit."""
    audit_record(
        actor=None, action="test.in_a", object_type="x", object_id="a", unit_id=world.agency_a.pk
    )
    audit_record(
        actor=None, action="test.in_b", object_type="x", object_id="b", unit_id=world.agency_b.pk
    )
    audit_record(actor=None, action="test.no_unit", object_type="x", object_id="none")


@pytest.fixture
def province_admin(world):
    return make_user("quantri", roles=[(Role.ADMIN, world.province)])


def _actions(response) -> set[str]:
    return {row.action for row, _name in response.context["rows"]}


def test_audit_page_is_404_without_audit_capability(world, rows):
    assert login_client(world.alice).get(AUDIT).status_code == 404
    assert login_client(world.charlie).get(AUDIT).status_code == 404


def test_audit_page_redirects_anonymous_to_login(db):
    from django.test import Client

    response = Client().get(AUDIT)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_whole_province_leader_sees_every_row_including_rows_without_unit(world, rows):
    response = login_client(world.boss).get(AUDIT, {"hanh_dong": "test."})
    assert response.status_code == 200
    assert _actions(response) == {"test.in_a", "test.in_b", "test.no_unit"}


def test_agency_admin_sees_only_rows_of_own_agency(world, rows):
    response = login_client(world.admin_a).get(AUDIT, {"hanh_dong": "test."})
    assert _actions(response) == {"test.in_a"}


def test_audit_filters_by_object_and_actor_and_date(world, rows):
    client = login_client(world.boss)
    by_object = client.get(AUDIT, {"doi_tuong": "x:b"})
    assert _actions(by_object) == {"test.in_b"}
    by_actor = client.get(AUDIT, {"nguoi": "không-có-ai"})
    assert _actions(by_actor) == set()
    today = AuditEntry.objects.latest("seq").at.astimezone().date()
    in_range = client.get(AUDIT, {"hanh_dong": "test.", "tu_ngay": today.isoformat()})
    assert len(_actions(in_range)) == 3
    before = client.get(AUDIT, {"hanh_dong": "test.", "den_ngay": "2020-01-01"})
    assert _actions(before) == set()


def test_reversed_date_range_is_refused_with_a_message(world, rows):
    response = login_client(world.boss).get(
        AUDIT, {"tu_ngay": "2026-02-01", "den_ngay": "2026-01-01"}
    )
    assert response.status_code == 200
    assert "phải trước" in response.content.decode()


def test_audit_page_pages_by_fifty_newest_first(world):
    for i in range(60):
        audit_record(actor=None, action="test.many", object_type="x", object_id=str(i))
    client = login_client(world.boss)
    first = client.get(AUDIT, {"hanh_dong": "test.many"})
    second = client.get(AUDIT, {"hanh_dong": "test.many", "trang": 2})
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 10
    assert first.context["rows"][0][0].object_id == "59"
    assert "hanh_dong=test.many" in first.content.decode()  # the pager keeps the filters


def test_verify_button_reports_ok_then_the_tampered_row(world, rows):
    client = login_client(world.boss)
    ok = client.post(reverse("common:audit_check"))
    assert ok.status_code == 200
    assert "Chuỗi hợp lệ" in ok.content.decode()
    tampered = AuditEntry.objects.get(action="test.in_b")
    AuditEntry.objects.filter(pk=tampered.pk).update(new='{"sửa":1}')
    broken = client.post(reverse("common:audit_check"), HTTP_HX_REQUEST="true")
    text = broken.content.decode()
    assert "KHÔNG hợp lệ" in text
    assert str(tampered.seq) in text


def test_holiday_page_is_404_without_calendar_capability(world):
    assert login_client(world.alice).get(HOLIDAYS).status_code == 404
    assert login_client(world.boss).get(HOLIDAYS).status_code == 404


def test_holiday_page_marks_projected_2027_entries(world, province_admin):
    response = login_client(province_admin).get(HOLIDAYS, {"nam": 2027})
    assert response.status_code == 200
    text = response.content.decode()
    assert "05/02/2027" in text
    assert "tag bad" in text  # the "dự kiến" tag
    assert response.context["cal"].holidays >= 1


def test_agency_admin_may_read_but_not_edit_the_province_calendar(world):
    client = login_client(world.admin_a)
    assert client.get(HOLIDAYS).status_code == 200
    response = client.post(EDIT, {"ngay": "2026-03-06", "loai": "holiday", "ten": "Thử"})
    assert response.status_code == 404
    assert not Holiday.objects.filter(date=date(2026, 3, 6)).exists()


def test_adding_a_holiday_writes_an_audit_row_and_moves_deadlines(world, province_admin):
    assert deadline_after(date(2026, 3, 5), 1) == date(2026, 3, 6)
    response = login_client(province_admin).post(
        EDIT,
        {"ngay": "2026-03-06", "loai": "holiday", "ten": "Nghỉ bù thử nghiệm", "du_kien": "on"},
    )
    assert response.status_code == 302
    holiday = Holiday.objects.get(date=date(2026, 3, 6))
    assert "dự kiến" in holiday.basis
    entry = AuditEntry.objects.get(action="common.holiday_create")
    assert entry.object_id == "2026-03-06"
    assert entry.actor_label == "quantri"
    assert entry.unit_id is None
    assert deadline_after(date(2026, 3, 5), 1) == date(2026, 3, 9)


def test_editing_a_day_records_old_and_new_values(world, province_admin):
    client = login_client(province_admin)
    response = client.post(
        f"{EDIT}?ngay=2026-01-02",
        {
            "ngay_cu": "2026-01-02",
            "ngay": "2026-01-02",
            "loai": "holiday",
            "ten": "Nghỉ bù Tết Dương lịch",
        },
    )
    assert response.status_code == 302
    holiday = Holiday.objects.get(date=date(2026, 1, 2))
    assert "dự kiến" not in holiday.basis  # confirmed: the checkbox was left empty
    entry = AuditEntry.objects.get(action="common.holiday_update")
    assert "dự kiến" in entry.old and "Nghỉ bù Tết Dương lịch" in entry.new


def test_a_make_up_working_saturday_counts_as_working_day(world, province_admin):
    assert deadline_after(date(2026, 3, 13), 1) == date(2026, 3, 16)  # Friday → Monday
    login_client(province_admin).post(
        EDIT, {"ngay": "2026-03-14", "loai": "workday", "ten": "Làm bù thử nghiệm"}
    )
    assert deadline_after(date(2026, 3, 13), 1) == date(2026, 3, 14)


def test_a_date_already_in_the_calendar_is_refused_and_nothing_written(world, province_admin):
    before = AuditEntry.objects.count()
    response = login_client(province_admin).post(
        EDIT, {"ngay": "2026-09-02", "loai": "holiday", "ten": "Trùng"}
    )
    assert response.status_code == 200
    assert "đã có trong lịch" in response.content.decode()
    assert Holiday.objects.get(date=date(2026, 9, 2)).name == "Quốc khánh"
    assert AuditEntry.objects.count() == before


def test_deleting_a_day_writes_the_old_values_to_the_audit_log(world, province_admin):
    response = login_client(province_admin).post(DELETE, {"ngay_cu": "2027-02-08"})
    assert response.status_code == 302
    assert not Holiday.objects.filter(date=date(2027, 2, 8)).exists()
    entry = AuditEntry.objects.get(action="common.holiday_delete")
    assert "Đinh Mùi" in entry.old


def test_editing_an_unknown_day_is_404(world, province_admin):
    client = login_client(province_admin)
    assert client.get(EDIT, {"ngay": "2026-03-03"}).status_code == 404
    assert client.get(EDIT, {"ngay": "không-phải-ngày"}).status_code == 404


def test_menu_shows_pages_by_capability(world, province_admin):
    admin_menu = login_client(province_admin).get(reverse("common:home")).content.decode()
    staff_menu = login_client(world.alice).get(reverse("common:home")).content.decode()
    assert AUDIT in admin_menu and HOLIDAYS in admin_menu
    assert AUDIT not in staff_menu and HOLIDAYS not in staff_menu
