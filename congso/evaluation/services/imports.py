"""Excel imports: the product catalogue of a unit and leave records. Every row is checked
first; one bad row (row and column named) and nothing is written."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.common.xlsx import ImportErrors, import_rows
from congso.evaluation import rules
from congso.evaluation.models import LeaveKind, LeaveRecord, Product
from congso.org.models import OrgUnit, Person

CATALOGUE_COLUMNS = (
    "Vị trí việc làm",
    "Mã sản phẩm",
    "Tên sản phẩm",
    "Đơn vị tính",
    "Số sản phẩm chuẩn",
)
LEAVE_COLUMNS = ("Mã cán bộ", "Loại nghỉ", "Từ ngày", "Đến ngày")
LEAVE_KINDS = {str(label).lower(): value for value, label in LeaveKind.choices} | {
    v: v for v in LeaveKind.values
}


def _text(value) -> str:
    return nfc(str(value if value is not None else "")).strip()


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(_text(value), "%d/%m/%Y").date()
    except ValueError:
        return None


def catalogue_import(*, actor: Actor | None, unit: OrgUnit, content: bytes) -> int:
    """Add or update the unit's products from an Excel sheet (columns CATALOGUE_COLUMNS); a
    retired product imported again is in use again."""
    require(actor, Cap.EVALUATION_MANAGE, unit.pk)
    errors, items = [], {}
    keys = ("position", "code", "name", "measure", "standard_units")
    column = dict(zip(keys, CATALOGUE_COLUMNS, strict=True))
    for number, row in import_rows(content, CATALOGUE_COLUMNS):
        clean, problems = rules.check_product(
            {key: row[col] for key, col in zip(keys, CATALOGUE_COLUMNS, strict=True)}
        )
        errors += [(number, column[field], message) for field, message in problems]
        if problems:
            continue
        code = clean["code"]
        if code in items:
            errors.append((number, "Mã sản phẩm", _("mã trùng với một dòng phía trên.")))
        items[code] = (clean["position"], clean["name"], clean["measure"], clean["standard_units"])
    if errors:
        raise ImportErrors(errors)
    with transaction.atomic():
        for code, (position, name, measure, units) in items.items():
            Product.unscoped.update_or_create(
                unit=unit,
                code=code,
                defaults={
                    "position": position,
                    "name": name,
                    "measure": measure,
                    "standard_units": units,
                    "retired_on": None,
                },
            )
        audit_record(
            actor=actor,
            action="evaluation.catalogue_import",
            obj=unit,
            unit_id=unit.pk,
            new={"products": sorted(items)},
        )
    return len(items)


def leave_import(*, actor: Actor | None, unit: OrgUnit, content: bytes) -> int:
    """Add leave records (columns LEAVE_COLUMNS) for people of the unit or below it."""
    require(actor, Cap.EVALUATION_MANAGE, unit.pk)
    parsed = list(import_rows(content, LEAVE_COLUMNS))
    codes = {_text(row["Mã cán bộ"]) for _n, row in parsed}
    people = dict(
        Person.unscoped.in_subtree(unit)
        .filter(staff_code__in=codes)
        .values_list("staff_code", "id")
    )
    units = dict(Person.unscoped.filter(id__in=people.values()).values_list("id", "unit_id"))
    errors, records = [], []
    for number, row in parsed:
        code = _text(row["Mã cán bộ"])
        person_id = people.get(code)
        if person_id is None:
            errors.append((number, "Mã cán bộ", _("không có cán bộ mã này trong đơn vị.")))
        kind = LEAVE_KINDS.get(_text(row["Loại nghỉ"]).lower())
        if kind is None:
            errors.append((number, "Loại nghỉ", _("loại nghỉ không hợp lệ.")))
        start, end = _day(row["Từ ngày"]), _day(row["Đến ngày"])
        if start is None:
            errors.append((number, "Từ ngày", _("ngày phải theo dạng dd/mm/yyyy.")))
        if end is None:
            errors.append((number, "Đến ngày", _("ngày phải theo dạng dd/mm/yyyy.")))
        elif start and end < start:
            errors.append((number, "Đến ngày", _("phải sau hoặc bằng “Từ ngày”.")))
        if person_id and kind and start and end and end >= start:
            records.append(
                LeaveRecord(
                    unit_id=units[person_id], person_id=person_id, kind=kind, start=start, end=end
                )
            )
    if errors:
        raise ImportErrors(errors)
    with transaction.atomic():
        LeaveRecord.unscoped.bulk_create(records)
        audit_record(
            actor=actor,
            action="evaluation.leave_import",
            obj=unit,
            unit_id=unit.pk,
            new={"records": len(records)},
        )
    return len(records)
