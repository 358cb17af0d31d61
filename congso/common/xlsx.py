"""Excel shared by every list and import: plain, safe, Vietnamese headers.

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
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from congso.common.text import nfc

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


class ImportErrors(ValueError):
    """Every bad cell of an import: (row, column, Vietnamese message). Imports check every
    row first and write nothing when any is bad."""

    def __init__(self, errors: list[tuple[int, str, str]]) -> None:
        super().__init__(f"{len(errors)} lỗi")
        self.errors = errors

    def lines(self) -> list[str]:
        return [
            _("Dòng %(row)s, cột “%(col)s”: %(msg)s") % {"row": r, "col": c, "msg": m}
            for r, c, m in self.errors
        ]


def import_rows(content: bytes, columns: Sequence[str]) -> Iterable[tuple[int, dict[str, Any]]]:
    """(row number, {column: raw cell value}) of each non-empty row of an import file's first
    sheet, its columns found by their header text (in any order; other columns ignored). A file
    that is not xlsx, or a header without one of `columns`, raises ImportErrors."""
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportErrors([(0, "", _("Tệp không phải bảng tính Excel (.xlsx)."))]) from exc
    rows = sheet.iter_rows(values_only=True)
    header = [nfc(str(c or "")).strip() for c in next(rows, ())]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportErrors([(1, c, _("thiếu cột này ở dòng tiêu đề.")) for c in missing])
    index = {c: header.index(c) for c in columns}
    for number, row in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in row):
            continue
        yield number, {c: row[index[c]] if index[c] < len(row) else None for c in columns}
