"""Pure rules of the staff list import: one cell, one row, the unit index, the plan."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from congso.org.imports.plan import ExistingPerson, plan_import
from congso.org.imports.rules import (
    Cell,
    CellError,
    StaffRow,
    UnitIndex,
    duplicate_codes,
    parse_birth_year,
    parse_full_name,
    parse_row,
    parse_start_date,
    parse_yes_no,
)


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages are checked in Vietnamese, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


TODAY = date(2026, 11, 25)
UNITS = UnitIndex.build(
    [
        (1, "000.00.12.H38", "Sở Nội vụ"),
        (2, "", "Phòng Tổ chức", date(2025, 7, 1)),
        (3, "", "Phòng Hành chính"),
        (4, "", "Phòng Hành chính"),
    ]
)


def cells(**overrides) -> dict[str, Cell]:
    values = {
        "staff_code": "cb001",
        "full_name": "Nguyễn Thị Mai",
        "sex": "Nữ",
        "birth_year": 1988,
        "category": "Công chức",
        "is_party_member": "Có",
        "position": "Chuyên viên",
        "is_leader": None,
        "serves_citizens": "Không",
        "unit": "000.00.12.H38",
        "start_date": "01/07/2025",
    }
    values.update(overrides)
    result = {}
    for key, value in values.items():
        result[key] = value if isinstance(value, Cell) else Cell(value, "s")
    return result


def parse(**overrides):
    return parse_row(row=7, cells=cells(**overrides), units=UNITS, today=TODAY)


def test_valid_row_is_normalised():
    row, errors = parse()
    assert errors == []
    assert row.staff_code == "CB001"
    assert (row.sex, row.category, row.unit_id) == ("F", "cong_chuc", 1)
    assert (row.is_party_member, row.is_leader, row.serves_citizens) == (True, False, False)
    assert row.start_date == date(2025, 7, 1)


def test_nfd_name_is_stored_nfc():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Mai")
    assert nfd != "Nguyễn Thị Mai"
    row, errors = parse(full_name=nfd)
    assert errors == []
    assert row.full_name == "Nguyễn Thị Mai"
    assert unicodedata.is_normalized("NFC", row.full_name)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (Cell("1/7/2025"), date(2025, 7, 1)),
        (Cell(" 31/12/2024 "), date(2024, 12, 31)),
        (Cell(datetime(2025, 7, 1), "d"), date(2025, 7, 1)),
        (Cell(None), None),
    ],
)
def test_start_date_accepts_dd_mm_yyyy_text_and_excel_dates(cell, expected):
    assert parse_start_date(cell, today=TODAY) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2025-07-01", "không phải ngày dạng dd/mm/yyyy"),
        ("ngày 1 tháng 7", "không phải ngày dạng dd/mm/yyyy"),
        ("31/02/2025", "không có trên lịch"),
        (45839, "Ô chứa số"),
        ("01/01/2030", "đến hôm nay"),
    ],
)
def test_start_date_rejects_other_text_numbers_and_future(value, reason):
    with pytest.raises(CellError, match=reason):
        parse_start_date(Cell(value), today=TODAY)


def test_text_date_error_names_row_and_column():
    _row, errors = parse(start_date="2025.07.01")
    assert [(e.row, e.column) for e in errors] == [(7, "Ngày bắt đầu")]


@pytest.mark.parametrize("cell", [Cell("=A1+1", "f"), Cell('=HYPERLINK("x")', "s")])
def test_formula_cell_is_rejected(cell):
    _row, errors = parse(full_name=cell)
    assert len(errors) == 1
    assert errors[0].column == "Họ và tên"
    assert "công thức" in errors[0].message


@pytest.mark.parametrize(
    ("cell", "ok"),
    [
        (Cell(1988, "n"), True),
        (Cell(1988.0, "n"), True),
        (Cell("1988"), True),
        (Cell(TODAY.year - 15, "n"), True),
        (Cell(TODAY.year - 14, "n"), False),
        (Cell(TODAY.year - 81, "n"), False),
        (Cell("88"), False),
        (Cell(datetime(1988, 1, 1), "d"), False),
    ],
)
def test_birth_year_range_and_form(cell, ok):
    if ok:
        assert parse_birth_year(cell, today=TODAY) == int(float(cell.value))
    else:
        with pytest.raises(CellError):
            parse_birth_year(cell, today=TODAY)


@pytest.mark.parametrize(
    ("column", "value", "header"),
    [
        ("sex", "Male", "Giới tính"),
        ("category", "Hợp đồng", "Đối tượng"),
        ("is_party_member", "Yes", "Đảng viên"),
        ("serves_citizens", "x", "Trực tiếp phục vụ người dân"),
    ],
)
def test_unknown_enumerations_are_rejected(column, value, header):
    _row, errors = parse(**{column: value})
    assert [(e.column, value in e.message) for e in errors] == [(header, True)]


def test_enumerations_ignore_case_and_missing_diacritics():
    row, errors = parse(sex="NU", category="vien chuc", is_party_member="khong")
    assert errors == []
    assert (row.sex, row.category, row.is_party_member) == ("F", "vien_chuc", False)


def test_yes_no_accepts_excel_booleans_and_blank():
    assert parse_yes_no(Cell(True, "b")) is True
    assert parse_yes_no(Cell(None)) is False


def test_every_bad_cell_of_a_row_is_reported():
    _row, errors = parse(staff_code=None, sex="?", birth_year="abc", unit="999")
    assert [e.column for e in errors] == ["Mã cán bộ", "Giới tính", "Năm sinh", "Mã đơn vị"]
    assert all(e.row == 7 for e in errors)


def test_staff_code_and_name_shapes():
    _row, errors = parse(staff_code="CB 01", full_name="Nguyễn Văn 3")
    assert [e.column for e in errors] == ["Mã cán bộ", "Họ và tên"]
    row, errors = parse(staff_code=12345.0)
    assert errors == [] and row.staff_code == "12345"


def test_start_date_before_the_unit_existed_is_rejected():
    _row, errors = parse(unit="2", start_date="30/06/2025")
    assert [(e.row, e.column) for e in errors] == [(7, "Ngày bắt đầu")]
    assert "01/07/2025" in errors[0].message
    row, errors = parse(unit="2", start_date="01/07/2025")
    assert errors == [] and row.unit_id == 2


def test_unit_index_by_code_id_and_exact_name():
    assert UNITS.resolve("000.00.12.h38") == 1
    assert UNITS.resolve("2") == 2
    assert UNITS.resolve(unicodedata.normalize("NFD", "phòng tổ chức")) == 2
    with pytest.raises(CellError, match="nhiều đơn vị cùng tên"):
        UNITS.resolve("Phòng Hành chính")
    with pytest.raises(CellError, match="Không tìm thấy đơn vị"):
        UNITS.resolve("99")


def staff_row(row: int, code: str, unit_id: int = 1, **fields) -> StaffRow:
    values = {
        "full_name": "Lò Văn Páo",
        "sex": "M",
        "birth_year": 1980,
        "category": "vien_chuc",
        "is_party_member": False,
        "position": "",
        "is_leader": False,
        "serves_citizens": False,
        "start_date": None,
    }
    values.update(fields)
    return StaffRow(row=row, staff_code=code, unit_id=unit_id, **values)


def test_duplicate_staff_codes_reported_on_later_rows():
    rows = [staff_row(2, "A1"), staff_row(3, "B2"), staff_row(4, "A1"), staff_row(9, "A1")]
    errors = duplicate_codes(rows)
    assert [(e.row, e.column) for e in errors] == [(4, "Mã cán bộ"), (9, "Mã cán bộ")]
    assert "dòng 2" in errors[0].message


def existing(person_id: int, unit_id: int, open_start=date(2020, 1, 1), **changes):
    values = staff_row(0, "X").person_fields()
    values.update(changes)
    return ExistingPerson(id=person_id, unit_id=unit_id, values=values, open_start=open_start)


def test_plan_sorts_rows_into_create_update_transfer_unchanged():
    rows = [
        staff_row(2, "NEW"),
        staff_row(3, "SAME"),
        staff_row(4, "RENAMED", full_name="Lò Thị Sử"),
        staff_row(5, "MOVED", unit_id=2, start_date=date(2025, 7, 1)),
    ]
    known = {"SAME": existing(1, 1), "RENAMED": existing(2, 1), "MOVED": existing(3, 1)}
    plan = plan_import(rows=rows, existing=known, can_import=lambda _unit: True, today=TODAY)
    assert plan.errors == []
    assert [row.staff_code for row in plan.creates] == ["NEW"]
    assert plan.unchanged == 1
    renamed, moved = plan.updates
    assert (renamed.old, renamed.new) == ({"full_name": "Lò Văn Páo"}, {"full_name": "Lò Thị Sử"})
    assert renamed.transfer_on is None
    assert (moved.new, moved.transfer_on) == ({}, date(2025, 7, 1))
    assert plan.transferred == 1


def test_transfer_without_date_happens_today():
    plan = plan_import(
        rows=[staff_row(2, "MOVED", unit_id=2)],
        existing={"MOVED": existing(3, 1)},
        can_import=lambda _unit: True,
        today=TODAY,
    )
    assert plan.updates[0].transfer_on == TODAY


def test_transfer_must_start_after_the_current_assignment():
    plan = plan_import(
        rows=[staff_row(6, "MOVED", unit_id=2, start_date=date(2019, 1, 1))],
        existing={"MOVED": existing(3, 1, open_start=date(2020, 1, 1))},
        can_import=lambda _unit: True,
        today=TODAY,
    )
    assert [(e.row, e.column) for e in plan.errors] == [(6, "Ngày bắt đầu")]
    assert plan.updates == []


def test_transfer_on_the_day_the_assignment_started_corrects_the_unit():
    plan = plan_import(
        rows=[staff_row(6, "MOVED", unit_id=2, start_date=date(2020, 1, 1))],
        existing={"MOVED": existing(3, 1, open_start=date(2020, 1, 1))},
        can_import=lambda _unit: True,
        today=TODAY,
    )
    assert plan.errors == []
    (update,) = plan.updates
    assert (update.transfer_on, update.correction) == (date(2020, 1, 1), True)


def test_person_outside_the_actors_reach_is_an_error_not_a_change():
    plan = plan_import(
        rows=[staff_row(2, "THEIRS")],
        existing={"THEIRS": existing(3, unit_id=50, full_name="Người Khác")},
        can_import=lambda unit: unit != 50,
        today=TODAY,
    )
    assert [(e.row, e.column) for e in plan.errors] == [(2, "Mã cán bộ")]
    assert plan.updates == [] and plan.creates == []


@given(st.dates(min_value=date(1950, 1, 1), max_value=TODAY))
def test_any_past_date_written_dd_mm_yyyy_reads_back(day):
    assert parse_start_date(Cell(day.strftime("%d/%m/%Y")), today=TODAY) == day
    assert parse_start_date(Cell(f"{day.day}/{day.month}/{day.year}"), today=TODAY) == day


@given(st.text(alphabet="aăâeêioôơuưyAĂÂĐđ \u0300\u0301\u0303\u0309\u0323", max_size=40))
def test_names_are_stored_nfc_whatever_the_input_form(name):
    try:
        parsed = parse_full_name(Cell(unicodedata.normalize("NFD", name)))
    except CellError:
        return
    assert unicodedata.is_normalized("NFC", parsed)
    assert parsed == parse_full_name(Cell(unicodedata.normalize("NFC", name)))
