"""The template the import page offers: the data sheet, a guide, and the actor's unit codes.

The data sheet holds the header row only, with drop-down lists on the enumerated columns and
a dd/mm/yyyy format on the date column. The example row sits on the guide sheet, so a template
sent back untouched imports nobody (it is refused as "no data rows") instead of creating a
made-up person.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from congso.org.imports.columns import (
    COLUMNS,
    GUIDE_SHEET_NAME,
    SHEET_NAME,
    UNITS_SHEET_NAME,
    Column,
)

TEMPLATE_ROWS = 40_000  # rows covered by the drop-down lists (a whole province)
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDE7F0")


def _data_sheet(workbook: Workbook) -> None:
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append([column.header for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = _BOLD, _HEAD_FILL
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if column.choices:
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(column.choices) + '"',
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=column.header,
                error="Chọn một giá trị trong danh sách: " + ", ".join(column.choices),
            )
            validation.add(cells)
            sheet.add_data_validation(validation)
        if column.key in ("staff_code", "unit", "start_date"):
            # Text columns: codes keep their leading zeros, and a typed 01/07/2025 stays the
            # text dd/mm/yyyy instead of being turned into 7 January by an English Excel.
            sheet.column_dimensions[letter].number_format = "@"
    sheet.freeze_panes = "A2"


def _guide_sheet(workbook: Workbook, *, example_unit: str) -> None:
    sheet = workbook.create_sheet(GUIDE_SHEET_NAME)
    sheet.append(["Hướng dẫn nhập danh sách cán bộ"])
    sheet["A1"].font = Font(bold=True, size=13)
    notes = [
        f"Nhập mỗi người một dòng vào trang “{SHEET_NAME}”, bắt đầu từ dòng 2; "
        "giữ nguyên dòng tiêu đề (có thể đổi thứ tự cột, thêm cột ghi chú).",
        "Không dùng công thức: ô có công thức bị từ chối, hãy dán giá trị (Paste Values).",
        "Tệp được nhập trọn vẹn hoặc không nhập gì: chỉ cần một dòng lỗi là không ghi dòng "
        "nào, và trang kết quả liệt kê mọi lỗi theo dòng, cột.",
        "Nhập lại tệp đã sửa: người đã có (cùng mã cán bộ) được cập nhật, người chuyển đơn vị "
        "được điều chuyển; nhập lại cùng một tệp không làm thay đổi gì.",
        "Người không có trong tệp không bị xóa hay cho nghỉ.",
    ]
    for note in notes:
        sheet.append([note])
    sheet.append([])
    header_row = sheet.max_row + 1
    sheet.append(["Cột", "Bắt buộc", "Giá trị hợp lệ", "Ví dụ"])
    for cell in sheet[header_row]:
        cell.font, cell.fill = _BOLD, _HEAD_FILL
    for column in COLUMNS:
        sheet.append(
            [
                column.header,
                "Có" if column.required else "Không",
                column.help,
                _example(column, example_unit=example_unit),
            ]
        )
    sheet.append([])
    sheet.append(["Ví dụ một dòng:"])
    sheet.append([column.header for column in COLUMNS])
    sheet.append([_example(column, example_unit=example_unit) for column in COLUMNS])
    widths = {"A": 30, "B": 10, "C": 90, "D": 20}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=header_row + 1, max_row=header_row + len(COLUMNS)):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")


def _example(column: Column, *, example_unit: str) -> str:
    return example_unit if column.key == "unit" else column.example


def _units_sheet(workbook: Workbook, units: list[tuple[str, str]]) -> None:
    sheet = workbook.create_sheet(UNITS_SHEET_NAME)
    sheet.append(["Mã đơn vị", "Tên đơn vị"])
    for cell in sheet[1]:
        cell.font, cell.fill = _BOLD, _HEAD_FILL
    for code, name in units:
        sheet.append([code, name])
        sheet.cell(row=sheet.max_row, column=1).data_type = "s"
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 70


def build_template(*, units: Iterable[tuple[str, str]]) -> bytes:
    """The xlsx template; `units` are (value to type in "Mã đơn vị", unit name) pairs."""
    unit_list = list(units)
    workbook = Workbook()
    _data_sheet(workbook)
    _guide_sheet(workbook, example_unit=unit_list[0][0] if unit_list else "000.00.12.H38")
    _units_sheet(workbook, unit_list)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
