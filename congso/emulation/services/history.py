"""The record of titles and awards (hồ sơ thành tích), importable from Excel for years before
the system. All rows are checked first: one bad row, nothing is written."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.common.xlsx import ImportErrors, import_rows
from congso.emulation.models import AwardTitle, RecordSource, Subject, TitleRecord
from congso.org.models import OrgUnit, Person

HISTORY_COLUMNS = ("Mã cán bộ", "Mã đơn vị", "Năm", "Mã danh hiệu", "Số quyết định")


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value if value is not None else "")).strip()


def _rows(content: bytes):
    for number, row in import_rows(content, HISTORY_COLUMNS):
        yield number, {c: _text(value) for c, value in row.items()}


def history_import(*, actor: Actor | None, unit: OrgUnit, content: bytes, this_year: int) -> int:
    """Add past titles of people and collectives under `unit`. A person is named by staff
    code; a collective by unit code with the staff code empty. Years before `this_year` only
    (later years come from decisions made in the system)."""
    require(actor, Cap.EMULATION_MANAGE, unit.pk)
    titles = {t.code: t for t in AwardTitle.objects.all()}
    parsed = list(_rows(content))
    codes = {row["Mã cán bộ"] for _n, row in parsed if row["Mã cán bộ"]}
    people = {
        p.staff_code: p for p in Person.unscoped.in_subtree(unit).filter(staff_code__in=codes)
    }
    unit_codes = {row["Mã đơn vị"] for _n, row in parsed if row["Mã đơn vị"]}
    units = {
        u.code: u for u in OrgUnit.unscoped.filter(path__startswith=unit.path, code__in=unit_codes)
    }
    errors: list[tuple[int, str, str]] = []
    items: dict[tuple, TitleRecord] = {}
    for number, row in parsed:
        person = unit_row = None
        if row["Mã cán bộ"]:
            person = people.get(row["Mã cán bộ"])
            if person is None:
                errors.append((number, "Mã cán bộ", _("không có người này trong đơn vị.")))
        elif row["Mã đơn vị"]:
            unit_row = units.get(row["Mã đơn vị"])
            if unit_row is None:
                errors.append((number, "Mã đơn vị", _("không có đơn vị này trong phạm vi.")))
        else:
            errors.append((number, "Mã cán bộ", _("ghi mã cán bộ hoặc mã đơn vị.")))
        try:
            year = int(row["Năm"])
            if not 1990 <= year < this_year:
                raise ValueError
        except ValueError:
            errors.append(
                (number, "Năm", _("phải là năm từ 1990 đến %(last)s.") % {"last": this_year - 1})
            )
            year = None
        title = titles.get(row["Mã danh hiệu"])
        if title is None:
            errors.append((number, "Mã danh hiệu", _("không có trong danh mục.")))
        elif (title.subject == Subject.INDIVIDUAL) != bool(row["Mã cán bộ"]):
            errors.append((number, "Mã danh hiệu", _("danh hiệu không dành cho đối tượng này.")))
        if (person is None and unit_row is None) or year is None or title is None:
            continue
        key = (person.pk if person else None, unit_row.pk if unit_row else None, year, title.pk)
        if key in items:
            errors.append((number, "Năm", _("trùng với một dòng phía trên.")))
            continue
        items[key] = TitleRecord(
            unit_id=person.unit_id if person is not None else unit_row.pk,  # type: ignore[union-attr]
            person=person,
            year=year,
            title=title,
            decision_ref=row["Số quyết định"][:60],
            source=RecordSource.IMPORT,
        )
    if errors:
        raise ImportErrors(errors)
    with transaction.atomic():
        created = TitleRecord.unscoped.bulk_create(items.values(), ignore_conflicts=True)
        audit_record(
            actor=actor,
            action="emulation.history_import",
            obj=unit,
            unit_id=unit.pk,
            new={"rows": len(created)},
        )
    return len(items)
