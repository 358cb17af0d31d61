"""Excel export shared by every list: plain, safe, Vietnamese headers.

Text that begins with = + - @ (or a tab/CR) would be run as a formula by Excel or LibreOffice
(CSV/formula injection, OWASP). Such text is written with a leading apostrophe, Excel's own
"this is text" mark, and as a string cell.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise formula-looking text; leave numbers and dates as they are."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def build_workbook(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """An xlsx file with a bold header row, dates as dd/mm/yyyy, widths fitted to content."""
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = [safe_cell(v) for v in row]
        sheet.append(values)
        excel_row = sheet.max_row
        for index, value in enumerate(values):
            if isinstance(value, str):
                sheet.cell(row=excel_row, column=index + 1).data_type = "s"
            elif isinstance(value, datetime | date):
                sheet.cell(row=excel_row, column=index + 1).number_format = "DD/MM/YYYY"
            if index < len(widths):
                widths[index] = min(60, max(widths[index], len(str(value or ""))))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
