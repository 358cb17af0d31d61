"""What an import writes: all or nothing, updates without duplicates, transfers, audit."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import translation

from congso.common.audit import audit_verify
from congso.common.models import AuditEntry
from congso.common.testing import actor_of, make_person, unchanged_database
from congso.org.imports.rules import StaffRow
from congso.org.imports.runner import staff_import
from congso.org.models import Assignment, Person
from congso.org.services import people_import_apply
from congso.org.tests.test_import_files import make_xlsx, staff_values


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages are checked in Vietnamese, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


TODAY = date(2026, 11, 25)


def run(rows, *, actor=None, dry_run=False):
    with time_machine.travel("2026-11-25 09:00 +07:00", tick=False):
        return staff_import(actor=actor, source=io.BytesIO(make_xlsx(rows)), dry_run=dry_run)


def counts():
    return Person.objects.count(), Assignment.objects.count(), AuditEntry.objects.count()


def test_first_import_creates_people_assignments_and_audit_rows(world):
    before = counts()
    rows = [
        staff_values("CB1", world.agency_a.code or world.agency_a.pk),
        staff_values("CB2", "Phòng Tổ chức", full_name="Lê Thị Lan", sex="Nữ", start_date=None),
    ]
    report = run(rows)
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    assert counts() == (before[0] + 2, before[1] + 2, before[2] + 3)  # 2 creates + summary
    lan = Person.objects.get(staff_code="CB2")
    assert (lan.unit, lan.sex, lan.family_name, lan.given_name) == (
        world.division_a,
        "F",
        "Lê",
        "Lan",
    )
    assert lan.assignments.get().start_date == TODAY  # blank start date: the import day
    actions = list(AuditEntry.objects.order_by("-seq").values_list("action", flat=True)[:3])
    assert actions == ["org.people_import", "org.person_create", "org.person_create"]
    assert audit_verify().ok


def test_one_bad_row_writes_nothing_at_all(world):
    before = counts()
    rows = [staff_values(f"CB{i}", world.agency_a.pk) for i in range(1, 30)]
    rows.append(staff_values("CB99", world.agency_a.pk, sex="Không rõ"))
    report = run(rows)
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(31, "Giới tính")]
    assert counts() == before  # no person, no assignment, no audit row


def test_errors_from_rows_and_from_the_database_are_reported_together(world):
    make_person(world.agency_a, staff_code="OLD1")  # working in A since 01/07/2025
    before = counts()
    rows = [
        staff_values("OLD1", world.agency_b.pk, start_date="01/01/2020"),  # before 01/07/2025
        staff_values("NEW1", world.agency_a.pk, birth_year=1800),
        staff_values("NEW2", world.agency_a.pk),
    ]
    report = run(rows)
    assert [(e.row, e.column) for e in report.errors] == [(2, "Ngày bắt đầu"), (3, "Năm sinh")]
    assert counts() == before


def test_same_file_twice_changes_nothing_the_second_time(world):
    rows = [staff_values(f"CB{i}", world.agency_a.pk) for i in range(1, 6)]
    assert run(rows).created == 5
    before = counts()
    report = run(rows)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 5)
    assert "tạo mới 0, cập nhật 0 (trong đó điều chuyển 0), không đổi 5" in report.summary()
    assert counts() == before


def test_reimport_updates_only_changed_fields_with_old_and_new(world):
    run([staff_values("CB1", world.agency_a.pk), staff_values("CB2", world.agency_a.pk)])
    person = Person.objects.get(staff_code="CB1")
    report = run(
        [
            staff_values("cb1", world.agency_a.pk, position="Trưởng phòng", is_leader="Có"),
            staff_values("CB2", world.agency_a.pk),
        ]
    )
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    person.refresh_from_db()
    assert (person.position, person.is_leader) == ("Trưởng phòng", True)
    assert Person.objects.filter(staff_code="CB1").count() == 1
    entry = AuditEntry.objects.get(action="org.person_update", object_id=str(person.pk))
    assert entry.old == '{"is_leader":false,"position":"Chuyên viên"}'
    assert entry.new == '{"is_leader":true,"position":"Trưởng phòng"}'


def test_unit_change_transfers_the_person(world):
    run([staff_values("CB1", world.agency_a.pk, start_date="01/07/2025")])
    person = Person.objects.get(staff_code="CB1")
    report = run([staff_values("CB1", world.division_a.pk, start_date="01/10/2026")])
    assert (report.updated, report.transferred) == (1, 1)
    person.refresh_from_db()
    assert person.unit == world.division_a
    history = list(
        person.assignments.order_by("start_date").values_list("unit_id", "start_date", "end_date")
    )
    assert history == [
        (world.agency_a.pk, date(2025, 7, 1), date(2026, 10, 1)),
        (world.division_a.pk, date(2026, 10, 1), None),
    ]
    entry = AuditEntry.objects.get(action="org.person_transfer")
    assert entry.old == f'{{"unit_id":{world.agency_a.pk}}}'
    assert '"on":"2026-10-01"' in entry.new
    assert not AuditEntry.objects.filter(action="org.person_update").exists()


def test_wrong_unit_imported_today_is_corrected_in_place(world):
    run([staff_values("CB1", world.agency_a.pk, start_date=None)])
    report = run([staff_values("CB1", world.division_a.pk, start_date=None)])
    assert (report.updated, report.transferred) == (1, 1)
    person = Person.objects.get(staff_code="CB1")
    history = list(person.assignments.values_list("unit_id", "start_date", "end_date"))
    assert history == [(world.division_a.pk, TODAY, None)]
    assert person.unit == world.division_a
    assert '"correction":true' in AuditEntry.objects.get(action="org.person_transfer").new


def test_dry_run_reports_counts_and_writes_nothing(world):
    before = counts()
    report = run([staff_values("CB1", world.agency_a.pk)], dry_run=True)
    assert (report.ok, report.dry_run, report.created) == (True, True, 1)
    assert "chưa ghi gì" in report.summary()
    assert counts() == before


def test_actor_can_only_import_into_units_in_reach(world):
    actor = actor_of(world.admin_a)
    before = counts()
    report = run(
        [staff_values("CB1", world.agency_a.pk), staff_values("CB2", world.agency_b.pk)],
        actor=actor,
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "Mã đơn vị")]
    assert "Không tìm thấy đơn vị" in report.errors[0].message  # same as a unit that is not there
    assert counts() == before


def test_actor_cannot_take_over_a_person_of_another_agency_by_code(world):
    theirs = make_person(world.agency_b, staff_code="SYT001", full_name="Người Sở Y Tế")
    report = run([staff_values("SYT001", world.agency_a.pk)], actor=actor_of(world.admin_a))
    assert [(e.row, e.column) for e in report.errors] == [(2, "Mã cán bộ")]
    theirs.refresh_from_db()
    assert (theirs.unit, theirs.full_name) == (world.agency_b, "Người Sở Y Tế")


def test_a_code_held_elsewhere_is_refused_without_saying_whose_or_where(world):
    make_person(world.agency_b, staff_code="SYT001", full_name="Người Sở Y Tế")
    make_person(world.province, staff_code="TINH01", full_name="Người Cấp Tỉnh")
    report = run(
        [staff_values("SYT001", world.agency_a.pk), staff_values("TINH01", world.agency_a.pk)],
        actor=actor_of(world.admin_a),
    )
    first, second = (error.message for error in report.errors)
    # One wording whoever holds the code; nothing about a person, a unit or a reach.
    assert first.replace("SYT001", "X") == second.replace("TINH01", "X")
    for leak in ("thuộc", "ngoài phạm vi", "Sở Y tế", "Người Sở Y Tế", "đơn vị quản lý"):
        assert leak not in first


def test_service_refuses_units_outside_reach_even_if_called_directly(world):
    row = StaffRow(
        row=2,
        staff_code="X1",
        full_name="Lò Văn Sử",
        sex="M",
        birth_year=1980,
        category="cong_chuc",
        is_party_member=False,
        position="",
        is_leader=False,
        serves_citizens=False,
        unit_id=world.agency_b.pk,
        start_date=None,
    )
    with unchanged_database(), pytest.raises(PermissionDenied):
        people_import_apply(actor=actor_of(world.admin_a), rows=[row], today=TODAY)
    assert not Person.objects.filter(staff_code="X1").exists()
