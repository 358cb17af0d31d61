"""The one entry point used by the page, the command line and the benchmark.

`staff_import(actor=..., source=...)` reads the file, checks every row, and hands the clean
rows to `org.services.people_import_apply`, which writes all or nothing. When any row is bad
the report lists every problem and nothing is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import IO

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.org.imports.columns import COLUMNS
from congso.org.imports.reader import ImportFileError, open_staff_sheet
from congso.org.imports.rules import RowError, StaffRow, UnitIndex, duplicate_codes, parse_row
from congso.org.imports.template import build_template
from congso.org.models import OrgUnit
from congso.org.rules import is_valid_on
from congso.org.services import people_import_apply


@dataclass
class ImportReport:
    """What an import did (or, on a dry run, would do), or why it did nothing."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    transferred: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> int:
        return len({error.row for error in self.errors if error.row is not None})

    def summary(self) -> str:
        if not self.ok and not self.error_rows:
            return _("Không nhập tệp này; chưa ghi gì vào cơ sở dữ liệu.")
        if not self.ok:
            n = len(self.errors)
            message = ngettext(
                "Không nhập: tệp có %(n)s lỗi (số dòng có lỗi: %(rows)s); chưa ghi gì vào cơ sở "
                "dữ liệu.",
                "Không nhập: tệp có %(n)s lỗi (số dòng có lỗi: %(rows)s); chưa ghi gì vào cơ sở "
                "dữ liệu.",
                n,
            )
            return message % {"n": n, "rows": self.error_rows}
        values = {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "transferred": self.transferred,
            "unchanged": self.unchanged,
        }
        if self.dry_run:
            return (
                _(
                    "Kiểm tra xong %(rows)s dòng, không có lỗi (chưa ghi gì): sẽ tạo %(created)s, "
                    "cập nhật %(updated)s (trong đó điều chuyển %(transferred)s), "
                    "giữ nguyên %(unchanged)s."
                )
                % values
            )
        return (
            _(
                "Đã nhập %(rows)s dòng: tạo mới %(created)s, cập nhật %(updated)s (trong đó điều "
                "chuyển %(transferred)s), không đổi %(unchanged)s."
            )
            % values
        )


def import_unit_rows(
    *, actor: Actor | None, today: date
) -> list[tuple[int, str, str, date | None]]:
    """(id, electronic code, name, valid from) of the units in force today that the actor may
    import into (the whole province for a system job), in Vietnamese order, through the
    scoping function."""
    units = OrgUnit.objects.all()
    if actor is not None:
        units = units.for_actor(actor, Cap.PEOPLE_IMPORT)
    rows = units.order_by("sort_key").values_list("id", "code", "name", "valid_from", "valid_to")
    return [
        (unit_id, code, name, valid_from)
        for unit_id, code, name, valid_from, valid_to in rows
        if is_valid_on(today, valid_from, valid_to)
    ]


def template_bytes(*, actor: Actor | None, today: date | None = None) -> bytes:
    """The template with the actor's units listed (code, or id when the unit has none)."""
    rows = import_unit_rows(actor=actor, today=today or timezone.localdate())
    return build_template(units=[(code or str(unit_id), name) for unit_id, code, name, _ in rows])


def _digest(source: IO[bytes]) -> str:
    source.seek(0)
    digest = hashlib.sha256()
    for block in iter(lambda: source.read(1 << 20), b""):
        digest.update(block)
    source.seek(0)
    return digest.hexdigest()


def read_rows(
    *, source: IO[bytes], units: UnitIndex, today: date, max_bytes: int, size: int | None
) -> tuple[list[StaffRow], list[RowError], int]:
    """Every clean row, every row error, and the number of non-empty data rows."""
    sheet = open_staff_sheet(source, max_bytes=max_bytes, size=size)
    rows: list[StaffRow] = []
    errors: list[RowError] = []
    count = 0
    try:
        for number, cells in sheet.rows():
            count += 1
            staff_row, row_errors = parse_row(row=number, cells=cells, units=units, today=today)
            if staff_row is not None:
                rows.append(staff_row)
            errors.extend(row_errors)
    finally:
        sheet.close()
    if count == 0:
        raise ImportFileError(_("Trang “Danh sách cán bộ” không có dòng dữ liệu nào."))
    return rows, errors + duplicate_codes(rows), count


def staff_import(
    *,
    actor: Actor | None,
    source: IO[bytes],
    filename: str = "",
    size: int | None = None,
    dry_run: bool = False,
    today: date | None = None,
) -> ImportReport:
    """Import a staff list file (xlsx) all-or-nothing; see docs/staff-import.md."""
    today = today or timezone.localdate()
    max_bytes = settings.STAFF_IMPORT_MAX_BYTES
    report = ImportReport(dry_run=dry_run)
    try:
        rows, errors, report.rows = read_rows(
            source=source,
            units=UnitIndex.build(import_unit_rows(actor=actor, today=today)),
            today=today,
            max_bytes=max_bytes,
            size=size,
        )
    except ImportFileError as exc:
        report.errors = [RowError(None, "", str(exc))]
        return report
    source_label = f"{filename} sha256:{_digest(source)}"
    try:
        plan = people_import_apply(
            actor=actor,
            rows=rows,
            today=today,
            dry_run=dry_run or bool(errors),
            source=source_label,
        )
    except IntegrityError:
        # Another import created one of these staff codes meanwhile; nothing was written.
        report.errors = [RowError(None, "", _("Dữ liệu vừa bị thay đổi đồng thời; hãy nhập lại."))]
        return report
    order = {column.header: index for index, column in enumerate(COLUMNS)}
    report.errors = sorted(
        errors + plan.errors, key=lambda error: (error.row or 0, order.get(error.column, 99))
    )
    if report.ok:
        report.created, report.updated = len(plan.creates), len(plan.updates)
        report.transferred, report.unchanged = plan.transferred, plan.unchanged
    return report
