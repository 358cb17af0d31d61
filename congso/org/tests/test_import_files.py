"""The uploaded file as a whole: size, signature, sheet, headers, rows; and the template.

`make_xlsx` and `staff_values` are shared with the other import tests.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from datetime import date

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from congso.common.testing import actor_of
from congso.org.imports.columns import COLUMNS, GUIDE_SHEET_NAME, SHEET_NAME, UNITS_SHEET_NAME
from congso.org.imports.reader import ImportFileError, open_staff_sheet
from congso.org.imports.runner import staff_import, template_bytes
from congso.org.models import Person


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages are checked in Vietnamese, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


HEADERS = [column.header for column in COLUMNS]


def staff_values(code: str, unit: object, **changes) -> list[object]:
    """One data row in template column order."""
    values = {
        "staff_code": code,
        "full_name": "Giàng Seo Páo",
        "sex": "Nam",
        "birth_year": 1985,
        "category": "Công chức",
        "is_party_member": "Có",
        "position": "Chuyên viên",
        "is_leader": "Không",
        "serves_citizens": "Có",
        "unit": unit,
        "start_date": "01/07/2025",
    }
    values.update(changes)
    return [values[column.key] for column in COLUMNS]


def make_xlsx(rows: list[list[object]], *, sheet: str = SHEET_NAME, headers=None) -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(HEADERS if headers is None else headers)
    for row in rows:
        worksheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_error(content: bytes, *, max_bytes: int = 10_000_000) -> str:
    with pytest.raises(ImportFileError) as caught:
        open_staff_sheet(io.BytesIO(content), max_bytes=max_bytes)
    return str(caught.value)


class ExplodingStream(io.RawIOBase):
    """Claims to be `size` bytes long; fails the test if anything reads it."""

    def __init__(self, size: int) -> None:
        self.size, self.position = size, 0

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        self.position = {0: offset, 1: self.position + offset, 2: self.size + offset}[whence]
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer) -> int:
        raise AssertionError("the oversized file was read")


def test_oversized_file_is_refused_before_any_read():
    message = file_error_stream(ExplodingStream(50 * 1024 * 1024), max_bytes=20 * 1024 * 1024)
    assert "Tệp quá lớn (50,0 MB)" in message and "20,0 MB" in message


def file_error_stream(stream, *, max_bytes: int) -> str:
    with pytest.raises(ImportFileError) as caught:
        open_staff_sheet(stream, max_bytes=max_bytes)
    return str(caught.value)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "Tệp rỗng"),
        ("Mã cán bộ;Họ và tên\nCB1;An\n".encode(), "không phải bảng tính Excel .xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97-2003"),
        (b"%PDF-1.7 not a spreadsheet", "không phải bảng tính Excel .xlsx"),
    ],
)
def test_non_xlsx_content_is_refused_by_its_bytes(content, reason):
    assert reason in file_error(content)


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    assert "không phải bảng tính Excel .xlsx" in file_error(buffer.getvalue())


def test_wrong_sheet_names_the_sheet_found():
    message = file_error(make_xlsx([], sheet="Sheet1"))
    assert "“Danh sách cán bộ”" in message and "“Sheet1”" in message


def test_sheet_name_in_nfd_is_accepted():
    content = make_xlsx([], sheet=unicodedata.normalize("NFD", SHEET_NAME))
    sheet = open_staff_sheet(io.BytesIO(content), max_bytes=10_000_000)
    assert list(sheet.rows()) == []
    sheet.close()


def test_missing_columns_are_named():
    headers = [h for h in HEADERS if h not in ("Năm sinh", "Mã đơn vị")]
    message = file_error(make_xlsx([], headers=headers))
    assert "“Năm sinh”" in message and "“Mã đơn vị”" in message
    assert "“Họ và tên”" not in message


def test_headers_in_any_order_with_hints_and_extra_columns():
    headers = ["STT", *reversed(HEADERS)]
    headers[headers.index("Giới tính")] = "Giới tính (Nam/Nữ)"
    row = ["1", *reversed(staff_values("CB9", "x"))]
    sheet = open_staff_sheet(io.BytesIO(make_xlsx([row], headers=headers)), max_bytes=10**7)
    ((number, cells),) = list(sheet.rows())
    sheet.close()
    assert number == 2
    assert cells["staff_code"].value == "CB9" and cells["sex"].value == "Nam"


def test_blank_rows_are_skipped_and_row_numbers_are_excels(world):
    content = make_xlsx([staff_values("CB1", world.agency_a.pk), [None] * 11, ["x"] + [None] * 10])
    report = staff_import(actor=None, source=io.BytesIO(content))
    assert [(e.row, e.column) for e in report.errors][:1] == [(4, "Họ và tên")]


def test_file_without_data_rows_is_an_error(world):
    report = staff_import(actor=None, source=io.BytesIO(make_xlsx([[None, None], []])))
    assert [(e.row, e.message) for e in report.errors] == [
        (None, "Trang “Danh sách cán bộ” không có dòng dữ liệu nào.")
    ]


def test_formula_and_nfd_cells_in_a_real_file(world):
    nfd_name = unicodedata.normalize("NFD", "Hoàng Thị Yến")
    rows = [
        staff_values("CB1", world.agency_a.pk, full_name=nfd_name),
        staff_values("CB2", world.agency_a.pk, birth_year="=1990+1"),
    ]
    report = staff_import(actor=None, source=io.BytesIO(make_xlsx(rows)))
    assert [(e.row, e.column) for e in report.errors] == [(3, "Năm sinh")]
    assert "công thức" in report.errors[0].message
    report = staff_import(actor=None, source=io.BytesIO(make_xlsx(rows[:1])))
    assert report.ok
    assert Person.objects.get(staff_code="CB1").full_name == "Hoàng Thị Yến"


def test_real_excel_date_cell_is_accepted(world):
    rows = [staff_values("CB1", world.agency_a.pk, start_date=date(2024, 3, 15))]
    report = staff_import(actor=None, source=io.BytesIO(make_xlsx(rows)))
    assert report.ok, report.errors
    person = Person.objects.get(staff_code="CB1")
    assert person.assignments.get().start_date == date(2024, 3, 15)


def test_template_sheets_headers_and_drop_downs(world):
    workbook = load_workbook(io.BytesIO(template_bytes(actor=actor_of(world.admin_a))))
    assert workbook.sheetnames == [SHEET_NAME, GUIDE_SHEET_NAME, UNITS_SHEET_NAME]
    data = workbook[SHEET_NAME]
    assert [cell.value for cell in data[1]] == HEADERS
    assert data.max_row == 1  # no sample person in the data sheet
    assert data.column_dimensions["K"].number_format == "@"  # dates typed as dd/mm/yyyy text
    lists = {v.formula1 for v in data.data_validations.dataValidation}
    assert '"Nam,Nữ"' in lists and '"Có,Không"' in lists
    assert '"Cán bộ,Công chức,Viên chức,Người lao động,Lực lượng vũ trang"' in lists
    units = {row[1] for row in workbook[UNITS_SHEET_NAME].iter_rows(min_row=2, values_only=True)}
    assert units == {"Sở Nội vụ", "Phòng Tổ chức"}  # admin_a's reach only, not Sở Y tế
    guide = [row[0] for row in workbook[GUIDE_SHEET_NAME].iter_rows(values_only=True)]
    assert all(header in guide for header in HEADERS)


def test_filled_template_imports(world):
    actor = actor_of(world.admin_a)
    workbook = load_workbook(io.BytesIO(template_bytes(actor=actor)))
    workbook[SHEET_NAME].append(staff_values("CB77", str(world.division_a.pk)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = staff_import(actor=actor, source=io.BytesIO(buffer.getvalue()))
    assert (report.ok, report.created) == (True, 1)
    assert Person.objects.get(staff_code="CB77").unit == world.division_a
