"""Pure rules for the staff list import: cell values in, a clean row or row errors out.

No ORM and no request here; the unit index and the "may import into this unit" test are passed
in. Error messages are Vietnamese msgids, formatted at call time in the active language.

Legal basis of the checks:
- Năm sinh: Bộ luật Lao động 2019 art. 143 (working age from 15); the upper bound (80 years)
  only catches typing errors.
- Mã đơn vị: the electronic identifier of QĐ 20/2020/QĐ-TTg (see org.rules.agency_code_is_valid).
- Personal data: only the columns the system needs (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15,
  minimisation), so there is no ID number, address or phone column.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from congso.common.text import nfc, search_key
from congso.org.imports.columns import CATEGORY_LABELS, COLUMN_BY_KEY, COLUMNS, SEX_LABELS

MIN_AGE, MAX_AGE = 15, 80
EARLIEST_START = date(1950, 1, 1)
MAX_NAME, MAX_POSITION, MAX_CODE = 120, 120, 32

_CODE_RE = re.compile(r"^[^\W_][\w.\-/]*$")
_DATE_RE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_SEX = {search_key(label): value for value, label in SEX_LABELS.items()}
_CATEGORY = {search_key(label): value for value, label in CATEGORY_LABELS.items()}
_BOOL = {"co": True, "khong": False}


@dataclass(frozen=True, order=True)
class RowError:
    """One problem: the row as Excel numbers it (None for the whole file), the column header
    and the reason."""

    row: int | None
    column: str
    message: str


@dataclass(frozen=True)
class Cell:
    """A cell as read: its value and openpyxl's data type ('s', 'n', 'd', 'b', 'f', …)."""

    value: Any
    data_type: str = "s"


@dataclass(frozen=True)
class StaffRow:
    """A valid row, values already in the form the database stores (NFC, upper-case code)."""

    row: int
    staff_code: str
    full_name: str
    sex: str
    birth_year: int
    category: str
    is_party_member: bool
    position: str
    is_leader: bool
    serves_citizens: bool
    unit_id: int
    start_date: date | None
    is_active: bool = True

    def person_fields(self) -> dict[str, Any]:
        """The Person fields this row sets (unit and start date are handled as assignments)."""
        return {
            "staff_code": self.staff_code,
            "full_name": self.full_name,
            "sex": self.sex,
            "birth_year": self.birth_year,
            "category": self.category,
            "is_party_member": self.is_party_member,
            "position": self.position,
            "is_leader": self.is_leader,
            "serves_citizens": self.serves_citizens,
            "is_active": self.is_active,
        }


class CellError(ValueError):
    """A cell's value is not acceptable; the message is user-facing Vietnamese."""


# ---------------------------------------------------------------------------------- unit index


@dataclass
class UnitIndex:
    """Looks a unit up by electronic code, by numeric id, or by exact name (NFC, any case).

    Built from the units the actor may import into, so a unit outside the actor's reach is
    simply "not found", the same answer as for a unit that does not exist.
    """

    by_code: dict[str, int] = field(default_factory=dict)
    by_id: set[int] = field(default_factory=set)
    by_name: dict[str, list[int]] = field(default_factory=dict)
    valid_from: dict[int, date] = field(default_factory=dict)

    @classmethod
    def build(cls, units: Iterable[tuple[Any, ...]]) -> UnitIndex:
        """From (id, code, name) or (id, code, name, valid_from) tuples."""
        index = cls()
        for unit_id, code, name, *rest in units:
            index.by_id.add(unit_id)
            if rest and rest[0] is not None:
                index.valid_from[unit_id] = rest[0]
            if code:
                index.by_code[code.strip().upper()] = unit_id
            index.by_name.setdefault(nfc(name).casefold(), []).append(unit_id)
        return index

    def resolve(self, raw: str) -> int:
        text = nfc(raw)
        if text.upper() in self.by_code:
            return self.by_code[text.upper()]
        if text.isdigit() and int(text) in self.by_id:
            return int(text)
        matches = self.by_name.get(text.casefold(), [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise CellError(
                _("Có nhiều đơn vị cùng tên “%(name)s”; hãy ghi mã định danh hoặc số hiệu (ID).")
                % {"name": text}
            )
        raise CellError(
            _("Không tìm thấy đơn vị “%(unit)s” trong phạm vi bạn được quyền nhập.")
            % {"unit": text}
        )


# ------------------------------------------------------------------------------- cell parsers


def _text(cell: Cell) -> str:
    """The cell as text; whole numbers typed in a text column lose their '.0'."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        raise CellError(_("Ô chứa giá trị đúng/sai, cần chữ."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        raise CellError(_("Ô chứa ngày tháng, cần chữ."))
    return nfc(str(value))


def is_formula(cell: Cell) -> bool:
    """A formula cell, or text that Excel would run as a formula."""
    return cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))


def is_blank(cell: Cell) -> bool:
    return cell.value is None or (isinstance(cell.value, str) and not cell.value.strip())


def parse_staff_code(cell: Cell) -> str:
    code = _text(cell).upper()
    if len(code) > MAX_CODE:
        raise CellError(_("Mã cán bộ dài quá %(n)s ký tự.") % {"n": MAX_CODE})
    if not _CODE_RE.match(code):
        raise CellError(
            _("Mã cán bộ “%(code)s” chỉ gồm chữ, số và các dấu . - _ /, không có khoảng trắng.")
            % {"code": code}
        )
    return code


def parse_full_name(cell: Cell) -> str:
    name = _text(cell)
    if len(name) > MAX_NAME:
        raise CellError(_("Họ và tên dài quá %(n)s ký tự.") % {"n": MAX_NAME})
    if not all(char.isalpha() or char in " '-." for char in name):
        raise CellError(_("Họ và tên “%(name)s” chỉ được gồm chữ cái.") % {"name": name})
    return name


@functools.lru_cache(maxsize=512)
def _choice_key(text: str) -> str:
    """search_key of an enumerated value; cached, since a column repeats a few values."""
    return search_key(text)


def _choice(cell: Cell, mapping: Mapping[str, Any], allowed: Iterable[str]) -> Any:
    text = _text(cell)
    key = _choice_key(text)
    if key not in mapping:
        raise CellError(
            _("“%(value)s” không hợp lệ; chỉ nhận: %(allowed)s.")
            % {"value": text, "allowed": ", ".join(allowed)}
        )
    return mapping[key]


def parse_sex(cell: Cell) -> str:
    return _choice(cell, _SEX, SEX_LABELS.values())


def parse_category(cell: Cell) -> str:
    return _choice(cell, _CATEGORY, CATEGORY_LABELS.values())


def parse_yes_no(cell: Cell) -> bool:
    """Có/Không (any case, with or without diacritics), Excel TRUE/FALSE; blank is Không."""
    if isinstance(cell.value, bool):
        return cell.value
    if is_blank(cell):
        return False
    return _choice(cell, _BOOL, ("Có", "Không"))


def parse_active(cell: Cell) -> bool:
    """ "Đang công tác": like parse_yes_no, but blank is Có (a listed person works here)."""
    return True if is_blank(cell) else parse_yes_no(cell)


def parse_birth_year(cell: Cell, *, today: date) -> int:
    value = cell.value
    if isinstance(value, bool) or isinstance(value, datetime | date):
        raise CellError(_("Năm sinh phải là một số bốn chữ số, ví dụ 1988."))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = nfc(str(value))
    if not (text.isdigit() and len(text) == 4):
        raise CellError(_("Năm sinh “%(value)s” phải là một số bốn chữ số.") % {"value": text})
    year = int(text)
    low, high = today.year - MAX_AGE, today.year - MIN_AGE
    if not low <= year <= high:
        raise CellError(
            _("Năm sinh %(year)s ngoài khoảng %(low)s–%(high)s (từ %(min)s đến %(max)s tuổi).")
            % {"year": year, "low": low, "high": high, "min": MIN_AGE, "max": MAX_AGE}
        )
    return year


def parse_start_date(cell: Cell, *, today: date) -> date | None:
    """An Excel date cell, or text dd/mm/yyyy; blank means "the import day" (None)."""
    value = cell.value
    if is_blank(cell):
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, bool | int | float):
        raise CellError(_("Ô chứa số, không phải ngày; hãy nhập ngày dạng dd/mm/yyyy."))
    else:
        text = nfc(str(value))
        match = _DATE_RE.match(text)
        if not match:
            raise CellError(_("“%(value)s” không phải ngày dạng dd/mm/yyyy.") % {"value": text})
        day_part, month_part, year_part = (int(part) for part in match.groups())
        try:
            day = date(year_part, month_part, day_part)
        except ValueError as exc:
            raise CellError(_("Ngày “%(value)s” không có trên lịch.") % {"value": text}) from exc
    if day < EARLIEST_START or day > today:
        raise CellError(
            _("Ngày bắt đầu %(day)s phải trong khoảng 01/01/1950 đến hôm nay (%(today)s).")
            % {"day": day.strftime("%d/%m/%Y"), "today": today.strftime("%d/%m/%Y")}
        )
    return day


def parse_position(cell: Cell) -> str:
    position = _text(cell)
    if len(position) > MAX_POSITION:
        raise CellError(_("Chức vụ dài quá %(n)s ký tự.") % {"n": MAX_POSITION})
    return position


# ------------------------------------------------------------------------------------- a row


_EMPTY = Cell(None)
# Column key → (key in StaffRow, parser(cell, units, today)).
_PARSERS: dict[str, tuple[str, Callable[[Cell, UnitIndex, date], Any]]] = {
    "staff_code": ("staff_code", lambda cell, _units, _today: parse_staff_code(cell)),
    "full_name": ("full_name", lambda cell, _units, _today: parse_full_name(cell)),
    "sex": ("sex", lambda cell, _units, _today: parse_sex(cell)),
    "birth_year": ("birth_year", lambda cell, _units, today: parse_birth_year(cell, today=today)),
    "category": ("category", lambda cell, _units, _today: parse_category(cell)),
    "is_party_member": ("is_party_member", lambda cell, _units, _today: parse_yes_no(cell)),
    "position": ("position", lambda cell, _units, _today: parse_position(cell)),
    "is_leader": ("is_leader", lambda cell, _units, _today: parse_yes_no(cell)),
    "serves_citizens": ("serves_citizens", lambda cell, _units, _today: parse_yes_no(cell)),
    "unit": ("unit_id", lambda cell, units, _today: units.resolve(_text(cell))),
    "start_date": ("start_date", lambda cell, _units, today: parse_start_date(cell, today=today)),
    "is_active": ("is_active", lambda cell, _units, _today: parse_active(cell)),
}


def parse_row(
    *, row: int, cells: Mapping[str, Cell], units: UnitIndex, today: date
) -> tuple[StaffRow | None, list[RowError]]:
    """Check one data row; return the clean row, or None and every problem found in it."""
    values: dict[str, Any] = {}
    errors: list[RowError] = []
    for column in COLUMNS:
        cell = cells.get(column.key, _EMPTY)
        target, parser = _PARSERS[column.key]
        if is_formula(cell):
            errors.append(
                RowError(row, column.header, _("Ô chứa công thức; hãy dán giá trị (Paste Values)."))
            )
        elif column.required and is_blank(cell):
            errors.append(RowError(row, column.header, _("Ô bắt buộc đang để trống.")))
        else:
            try:
                values[target] = parser(cell, units, today)
            except CellError as exc:
                errors.append(RowError(row, column.header, str(exc)))
    start, unit_id = values.get("start_date"), values.get("unit_id")
    since = units.valid_from.get(unit_id) if unit_id is not None else None
    if start is not None and since is not None and start < since:
        # An assignment cannot begin before its unit existed (units keep their history:
        # work before a merger belongs to the predecessor unit).
        message = _("Đơn vị chỉ có hiệu lực từ %(since)s; ngày bắt đầu không được trước ngày đó.")
        errors.append(
            RowError(
                row,
                COLUMN_BY_KEY["start_date"].header,
                message % {"since": since.strftime("%d/%m/%Y")},
            )
        )
    if errors:
        return None, errors
    return StaffRow(row=row, **values), []


def duplicate_codes(rows: Iterable[StaffRow]) -> list[RowError]:
    """Every row whose staff code already appeared on an earlier row of the file."""
    first_row: dict[str, int] = {}
    errors: list[RowError] = []
    header = COLUMN_BY_KEY["staff_code"].header
    for staff_row in rows:
        seen = first_row.setdefault(staff_row.staff_code, staff_row.row)
        if seen != staff_row.row:
            errors.append(
                RowError(
                    staff_row.row,
                    header,
                    _("Mã cán bộ %(code)s trùng với dòng %(first)s.")
                    % {"code": staff_row.staff_code, "first": seen},
                )
            )
    return errors


def is_blank_row(cells: Iterable[Cell]) -> bool:
    return all(is_blank(cell) for cell in cells)
