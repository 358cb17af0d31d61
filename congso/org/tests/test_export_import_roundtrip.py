"""An export of the staff list is a valid import file: exported, then imported back through the
import page, it changes nothing and reports no error (issue 8 item 10: the sheet and the column
names differed)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from congso.common.models import AuditEntry
from congso.common.testing import login_client, make_person
from congso.org.imports.columns import COLUMNS, SHEET_NAME
from congso.org.models import Assignment, Person

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIELDS = (
    "staff_code",
    "full_name",
    "sex",
    "birth_year",
    "category",
    "is_party_member",
    "position",
    "is_leader",
    "serves_citizens",
    "is_active",
    "unit_id",
)


def _snapshot():
    people = Person.unscoped.order_by("pk").values_list(*FIELDS)
    assignments = Assignment.unscoped.order_by("pk").values_list(
        "person_id", "unit_id", "start_date", "end_date", "position"
    )
    return list(people), list(assignments)


def _export(client) -> bytes:
    response = client.get(reverse("org:people_export"), {"trang_thai": "tat_ca"})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def staff(world):
    make_person(
        world.division_a,
        full_name="Đỗ Thị Lan",
        staff_code="CB-77",
        sex="F",
        category="vien_chuc",
        position="Chuyên viên chính",
        is_party_member=True,
        serves_citizens=True,
    )
    make_person(world.agency_a, full_name="Hà Văn Nghỉ", staff_code="CB-78", is_active=False)
    return world


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_export_imported_back_changes_nothing(staff, language):
    client = login_client(staff.admin_a)
    client.cookies["congso_language"] = language
    content = _export(client)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [SHEET_NAME]
    header = next(workbook.active.iter_rows(max_row=1, values_only=True))
    assert list(header[: len(COLUMNS)]) == [column.header for column in COLUMNS]
    exported = len(list(workbook.active.iter_rows(min_row=2, values_only=True)))
    assert exported >= 4
    before, audit_rows = _snapshot(), AuditEntry.objects.count()

    upload = SimpleUploadedFile("can-bo.xlsx", content, content_type=XLSX)
    client.cookies["congso_language"] = "vi"
    response = client.post(reverse("org:import"), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 200, page
    assert f"tạo mới 0, cập nhật 0 (trong đó điều chuyển 0), không đổi {exported}" in page
    assert _snapshot() == before
    assert AuditEntry.objects.count() == audit_rows


def test_the_export_writes_the_values_the_import_reads(staff):
    content = _export(login_client(staff.admin_a))
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    headers = rows[0]
    lan = dict(zip(headers, next(row for row in rows if row[0] == "CB-77"), strict=True))
    assert lan["Giới tính"] == "Nữ" and lan["Đối tượng"] == "Viên chức"
    assert lan["Đảng viên"] == "Có" and lan["Trực tiếp phục vụ người dân"] == "Có"
    assert lan["Mã đơn vị"] == str(staff.division_a.pk)  # no electronic code: its id
    assert lan["Tên đơn vị"] == "Phòng Tổ chức"
    resting = dict(zip(headers, next(row for row in rows if row[0] == "CB-78"), strict=True))
    assert resting["Đang công tác"] == "Không"


def test_a_file_without_the_active_column_still_imports_everyone_as_working(world):
    """Files made from the template before "Đang công tác" existed keep working."""
    from congso.org.imports.runner import staff_import
    from congso.org.tests.test_import_files import HEADERS, make_xlsx, staff_values

    headers = HEADERS[:-1]
    row = staff_values("CB-OLD", world.agency_a.pk)[:-1]
    report = staff_import(actor=None, source=io.BytesIO(make_xlsx([row], headers=headers)))
    assert report.ok and report.created == 1
    assert Person.unscoped.get(staff_code="CB-OLD").is_active


def test_an_import_row_marked_not_working_deactivates_the_person(world):
    from congso.org.imports.runner import staff_import
    from congso.org.tests.test_import_files import make_xlsx, staff_values

    row = staff_values("CB-OFF", world.agency_a.pk, is_active="Không")
    report = staff_import(actor=None, source=io.BytesIO(make_xlsx([row])))
    assert report.ok and not Person.unscoped.get(staff_code="CB-OFF").is_active
