"""The staff export in the import file's format: an export is a valid import file.

Same sheet name ("Danh sách cán bộ") and the same Vietnamese column headers as the template
whatever the page language (the headers are the file format), the values as the import reads
them (Nam/Nữ, the category labels, Có/Không, the unit's electronic code or its id, the start
of the open assignment as dd/mm/yyyy text, "Đang công tác"), and one extra column, the unit's
name, for the reader (the import ignores columns it does not know). Importing an export back
changes nothing (docs/staff-import.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from congso.org.imports.columns import CATEGORY_LABELS, COLUMNS, NO, SEX_LABELS, YES

UNIT_NAME_HEADER = "Tên đơn vị"
_WIDTHS = {
    "staff_code": 14,
    "full_name": 30,
    "sex": 10,
    "birth_year": 10,
    "category": 18,
    "is_party_member": 10,
    "position": 28,
    "is_leader": 10,
    "serves_citizens": 14,
    "unit": 18,
    "start_date": 14,
    "is_active": 12,
}


def export_headers() -> list[tuple[str, int]]:
    """(header, column width) of every import column, then the unit name."""
    return [(column.header, _WIDTHS.get(column.key, 14)) for column in COLUMNS] + [
        (UNIT_NAME_HEADER, 40)
    ]


def _yes_no(value: bool) -> str:
    return YES if value else NO


def export_rows(values: Iterable[tuple]) -> Iterator[tuple[Any, ...]]:
    """Rows of `org.selectors.person_export_rows` (EXPORT_COLUMNS order) → cells in the order
    of export_headers()."""
    for (
        staff_code,
        full_name,
        sex,
        birth_year,
        category,
        is_party_member,
        position,
        is_leader,
        serves_citizens,
        unit_id,
        unit_code,
        open_start,
        is_active,
        unit_name,
    ) in values:
        cells = {
            "staff_code": staff_code,
            "full_name": full_name,
            "sex": SEX_LABELS.get(sex, sex),
            "birth_year": birth_year,
            "category": CATEGORY_LABELS.get(category, category),
            "is_party_member": _yes_no(is_party_member),
            "position": position,
            "is_leader": _yes_no(is_leader),
            "serves_citizens": _yes_no(serves_citizens),
            "unit": unit_code or str(unit_id),
            "start_date": open_start.strftime("%d/%m/%Y") if isinstance(open_start, date) else "",
            "is_active": _yes_no(is_active),
        }
        yield (*(cells[column.key] for column in COLUMNS), unit_name)
