"""Excel export shared by every list: plain, safe, Vietnamese headers.

Text that begins with = + - @ (or a tab/CR) would be run as a formula by Excel or LibreOffice
(CSV/formula injection, OWASP). Such text is written with a leading apostrophe, Excel's own
"this is text" mark, and as a string cell.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_WIDTH_SAMPLE = 200


def safe_cell(value: Any) -> Any:
    """Neutralise formula-looking text; leave numbers and dates as they are."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def build_workbook(*, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """An xlsx file with a bold header row, dates as dd/mm/yyyy, widths fitted to content.

    Written in openpyxl's write-only (streaming) mode, so memory and time grow linearly with
    the number of rows; column widths are estimated from the first rows.
    """
    rows = iter(rows)
    head = list(itertools.islice(rows, _WIDTH_SAMPLE))
    widths = [len(str(h)) for h in headers]
    for row in head:
        for index, value in enumerate(row[: len(widths)]):
            shown = "" if value is None else str(value)
            widths[index] = min(60, max(widths[index], len(shown)))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=safe_cell(str(header)))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in itertools.chain(head, rows):
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(sheet: Any, value: Any) -> Any:
    value = safe_cell(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # Excel has no time zones: write local wall-clock time
            value = timezone.localtime(value).replace(tzinfo=None)
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY HH:MM"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "DD/MM/YYYY"
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # never a formula, whatever the text
        return cell
    return value


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
