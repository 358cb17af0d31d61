import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from congso.common.xlsx import build_workbook, safe_cell


def test_formula_looking_text_is_neutralised():
    for text in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\t=x"]:
        assert safe_cell(text) == "'" + text
    assert safe_cell("Nguyễn Văn A") == "Nguyễn Văn A"
    assert safe_cell(12) == 12


def test_workbook_has_bold_headers_text_cells_and_ddmmyyyy_dates():
    content = build_workbook(
        title="Danh sách",
        headers=["Họ và tên", "Ngày", "Số"],
        rows=[
            ['=HYPERLINK("x")', date(2026, 1, 2), 5],
            ["Lê Thị Mai", datetime(2026, 1, 2, 3, 4, tzinfo=UTC), 6],
        ],
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Danh sách"
    assert sheet["A1"].value == "Họ và tên"
    assert sheet["A1"].font.bold is True
    assert sheet["A2"].value == '\'=HYPERLINK("x")'
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["B2"].value.date() == date(2026, 1, 2)
    assert sheet["C3"].value == 6


def test_large_lists_are_written_in_one_pass():
    rows = ([f"Người {i}", i] for i in range(20_000))
    content = build_workbook(title="Lớn", headers=["Tên", "Số"], rows=rows)
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    assert sum(1 for _ in sheet.iter_rows(values_only=True)) == 20_001
