"""Open an uploaded staff list safely and yield its data rows as `Cell`s.

Order of checks, cheapest first, so a bad file is refused before it is read whole: the size
(from the upload or the file system, never by reading), the first bytes (an xlsx is a ZIP),
the ZIP directory (an xlsx has xl/workbook.xml; the total unpacked size is bounded against ZIP
bombs), then the sheet name and the header row. The workbook is opened read-only (streamed) and
with data_only=False, so a formula is seen as a formula rather than as its cached result.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from congso.common.text import nfc
from congso.org.imports.columns import (
    COLUMNS,
    HEADER_KEYS,
    HEADER_ROW,
    OPTIONAL_HEADERS,
    SHEET_NAME,
    header_key,
)
from congso.org.imports.rules import Cell, is_blank_row

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls
UNPACKED_RATIO = 20  # an xlsx unpacks to a few times its size; far more is a ZIP bomb
MAX_DATA_ROWS = 100_000


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is user-facing Vietnamese."""


def megabytes(size: int) -> str:
    """Size in MB with one decimal, in the active language's format (50,0 / 50.0)."""
    return number_format(size / (1024 * 1024), 1)


def check_size(size: int, *, max_bytes: int) -> None:
    if size > max_bytes:
        raise ImportFileError(
            _("Tệp quá lớn (%(size)s MB); chỉ nhận tệp đến %(limit)s MB.")
            % {"size": megabytes(size), "limit": megabytes(max_bytes)}
        )


def stream_size(source: IO[bytes]) -> int:
    """The size of a seekable stream, found by seeking (nothing is read)."""
    position = source.tell()
    source.seek(0, 2)
    size = source.tell()
    source.seek(position)
    return size


def _check_signature(source: IO[bytes], *, max_bytes: int) -> None:
    source.seek(0)
    head = source.read(8)
    source.seek(0)
    if not head:
        raise ImportFileError(_("Tệp rỗng."))
    if head.startswith(OLE_MAGIC):
        raise ImportFileError(
            _("Đây là tệp Excel 97-2003 (.xls); hãy mở bằng Excel và lưu lại dạng .xlsx.")
        )
    if not head.startswith(ZIP_MAGIC):
        raise ImportFileError(_("Tệp không phải bảng tính Excel .xlsx; hãy dùng tệp mẫu."))
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ImportFileError(_("Tệp Excel bị hỏng, không mở được.")) from exc
    finally:
        source.seek(0)
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names:
        raise ImportFileError(_("Tệp không phải bảng tính Excel .xlsx; hãy dùng tệp mẫu."))
    if sum(info.file_size for info in infos) > UNPACKED_RATIO * max_bytes:
        raise ImportFileError(_("Tệp giải nén ra quá lớn; không nhận."))


@dataclass
class StaffSheet:
    """An opened staff list: the column position of each key, and the open workbook."""

    workbook: Workbook
    positions: dict[str, int]

    def rows(self) -> Iterator[tuple[int, dict[str, Cell]]]:
        """Non-empty data rows as (row number as Excel shows it, cells by column key)."""
        sheet = self.workbook[_sheet_title(self.workbook)]
        count = 0
        for number, row in enumerate(sheet.iter_rows(min_row=HEADER_ROW + 1), HEADER_ROW + 1):
            cells = {
                key: Cell(row[pos].value, row[pos].data_type) if pos < len(row) else Cell(None)
                for key, pos in self.positions.items()
            }
            if is_blank_row(cells.values()):
                continue
            count += 1
            if count > MAX_DATA_ROWS:
                raise ImportFileError(
                    _("Tệp có hơn %(n)s dòng; hãy chia thành nhiều tệp.") % {"n": MAX_DATA_ROWS}
                )
            yield number, cells

    def close(self) -> None:
        self.workbook.close()


def _sheet_title(workbook: Workbook) -> str:
    for title in workbook.sheetnames:
        if nfc(title).casefold() == SHEET_NAME.casefold():
            return title
    found = ", ".join(f"“{title}”" for title in workbook.sheetnames)
    raise ImportFileError(
        _("Không thấy trang tính “%(expected)s”; tệp chỉ có: %(found)s. Hãy dùng tệp mẫu.")
        % {"expected": SHEET_NAME, "found": found}
    )


def _header_positions(workbook: Workbook) -> dict[str, int]:
    sheet = workbook[_sheet_title(workbook)]
    header = next(sheet.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW, values_only=True), ())
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        column = HEADER_KEYS.get(header_key(value))
        if column is None:
            continue  # extra columns (STT, notes) are ignored
        if column.key in positions:
            raise ImportFileError(
                _("Cột “%(column)s” xuất hiện hai lần ở dòng tiêu đề.") % {"column": column.header}
            )
        positions[column.key] = index
    missing = [
        column.header
        for column in COLUMNS
        if column.key not in positions and column.key not in OPTIONAL_HEADERS
    ]
    if missing:
        raise ImportFileError(
            _("Thiếu cột: %(columns)s (dòng tiêu đề phải là dòng %(row)s).")
            % {"columns": ", ".join(f"“{name}”" for name in missing), "row": HEADER_ROW}
        )
    return positions


def open_staff_sheet(source: IO[bytes], *, max_bytes: int, size: int | None = None) -> StaffSheet:
    """Check and open the file; raise ImportFileError with a Vietnamese reason."""
    check_size(stream_size(source) if size is None else size, max_bytes=max_bytes)
    _check_signature(source, max_bytes=max_bytes)
    try:
        workbook = load_workbook(source, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken package
        raise ImportFileError(_("Tệp Excel bị hỏng, không mở được.")) from exc
    try:
        return StaffSheet(workbook=workbook, positions=_header_positions(workbook))
    except Exception:
        workbook.close()
        raise
