"""The columns of the staff list file (sheet "Danh sách cán bộ").

Headers are part of the file format, so they stay Vietnamese whatever the page language is; a
header is recognised by its diacritic-free, lower-case form with any "(…)" hint removed, so
"Giới tính (Nam/Nữ)", "GIỚI TÍNH" and "Gioi tinh" all name the same column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from congso.common.text import search_key

SHEET_NAME = "Danh sách cán bộ"
GUIDE_SHEET_NAME = "Hướng dẫn"
UNITS_SHEET_NAME = "Mã đơn vị"
HEADER_ROW = 1

SEX_LABELS = {"M": "Nam", "F": "Nữ"}
CATEGORY_LABELS = {
    "can_bo": "Cán bộ",
    "cong_chuc": "Công chức",
    "vien_chuc": "Viên chức",
    "nguoi_lao_dong": "Người lao động",
    "luc_luong_vu_trang": "Lực lượng vũ trang",
}
YES, NO = "Có", "Không"


@dataclass(frozen=True)
class Column:
    """One column: its key in a parsed row, its header, whether a value is required, the
    allowed values (for the template's drop-down list), a help text and an example."""

    key: str
    header: str
    required: bool
    help: str
    example: str
    choices: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(
        "staff_code",
        "Mã cán bộ",
        True,
        "Mã riêng của mỗi người, không trùng trong tệp và trong tỉnh (chữ, số, dấu . - _ /; "
        "tối đa 32 ký tự). Nhập lại cùng mã sẽ cập nhật người đã có, không tạo người mới.",
        "CB000123",
    ),
    Column("full_name", "Họ và tên", True, "Họ và tên đầy đủ, có dấu.", "Nguyễn Thị Mai"),
    Column("sex", "Giới tính", True, "Nam hoặc Nữ.", "Nữ", tuple(SEX_LABELS.values())),
    Column(
        "birth_year",
        "Năm sinh",
        True,
        "Năm sinh bốn chữ số; người từ 15 đến 80 tuổi trong năm nhập.",
        "1988",
    ),
    Column(
        "category",
        "Đối tượng",
        True,
        "Một trong: " + ", ".join(CATEGORY_LABELS.values()) + ".",
        "Công chức",
        tuple(CATEGORY_LABELS.values()),
    ),
    Column(
        "is_party_member", "Đảng viên", False, "Có hoặc Không; để trống là Không.", NO, (YES, NO)
    ),
    Column("position", "Chức vụ", False, "Chức vụ hiện tại; có thể để trống.", "Chuyên viên"),
    Column("is_leader", "Lãnh đạo", False, "Có hoặc Không; để trống là Không.", NO, (YES, NO)),
    Column(
        "serves_citizens",
        "Trực tiếp phục vụ người dân",
        False,
        "Có nếu người này trực tiếp tiếp nhận, giải quyết việc của người dân, tổ chức; "
        "để trống là Không.",
        YES,
        (YES, NO),
    ),
    Column(
        "unit",
        "Mã đơn vị",
        True,
        "Mã định danh điện tử của đơn vị (ví dụ 000.00.12.H38); đơn vị chưa có mã định danh thì "
        "ghi số hiệu (ID) của đơn vị, hoặc đúng tên đơn vị. Xem trang “Mã đơn vị”.",
        "000.00.12.H38",
    ),
    Column(
        "start_date",
        "Ngày bắt đầu",
        False,
        "Ngày bắt đầu công tác ở đơn vị, dạng dd/mm/yyyy (ô ngày của Excel hoặc chữ), không trước "
        "ngày đơn vị có hiệu lực. Để trống là ngày nhập. Chỉ dùng khi tạo người mới hoặc khi người "
        "đó chuyển sang đơn vị khác (trùng ngày bắt đầu hiện tại thì coi là sửa lại đơn vị).",
        "01/07/2025",
    ),
    Column(
        "is_active",
        "Đang công tác",
        False,
        "Có hoặc Không; để trống là Có. Không: người đã nghỉ hưu, thôi việc (danh sách xuất từ "
        "trang Cán bộ ghi cột này, để nhập lại không làm đổi gì).",
        YES,
        (YES, NO),
    ),
)

# Columns a file may leave out altogether (files made from the template before the column
# existed): "Đang công tác" was added so that an export imports back unchanged.
OPTIONAL_HEADERS = frozenset({"is_active"})

COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
_HINT = re.compile(r"\(.*?\)")


def header_key(text: object) -> str:
    """The comparable form of a header cell: no diacritics, lower case, no "(…)" hint."""
    return search_key(_HINT.sub(" ", str(text or "")))


HEADER_KEYS = {header_key(column.header): column for column in COLUMNS}
