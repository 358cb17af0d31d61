"""The only writers of org units, counters, people and assignments. Each writes audit rows."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import Change, audit_record, audit_record_many
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.services import fields_update
from congso.common.text import nfc, person_sort_key, search_key, split_full_name
from congso.org.imports.plan import COMPARED_FIELDS, ExistingPerson, plan_import
from congso.org.models import (
    Assignment,
    CategoryRecord,
    OrgUnit,
    Person,
    ServiceCounter,
    StaffCategory,
)
from congso.org.rules import subtree_path
from congso.org.signals import PersonChange, Placement, send_people_changed

if TYPE_CHECKING:
    from congso.org.imports.plan import Plan, Update
    from congso.org.imports.rules import StaffRow

PERSON_FIELDS = (
    "staff_code",
    "full_name",
    "sex",
    "birth_year",
    "category",
    "is_party_member",
    "position",
    "is_leader",
    "serves_citizens",
    "is_active",
    "unit_id",
)


def unit_create(
    *, actor: Actor | None, name: str, kind: str, parent: OrgUnit | None = None, **fields: Any
) -> OrgUnit:
    """Create an org unit under `parent` and set its materialised path."""
    require(actor, Cap.ORG_MANAGE, parent.pk if parent else None)
    with transaction.atomic():
        unit = OrgUnit(name=name, kind=kind, parent=parent, **fields)
        unit.refresh_keys()
        unit.full_clean(exclude=["path", "depth"])
        unit.save()
        unit.path = subtree_path(parent.path if parent else "/", unit.pk)
        unit.depth = parent.depth + 1 if parent else 0
        unit.save(update_fields=["path", "depth"])
        audit_record(
            actor=actor,
            action="org.unit_create",
            obj=unit,
            unit_id=unit.pk,
            new={"name": unit.name, "kind": kind, "parent": parent.pk if parent else None},
        )
    return unit


def counter_create(
    *, actor: Actor | None, unit: OrgUnit, name: str, location: str = ""
) -> ServiceCounter:
    require(actor, Cap.ORG_MANAGE, unit.pk)
    with transaction.atomic():
        counter = ServiceCounter.objects.create(unit=unit, name=nfc(name), location=nfc(location))
        audit_record(
            actor=actor, action="org.counter_create", obj=counter, new={"name": counter.name}
        )
    return counter


def person_prepare(person: Person) -> Person:
    """Normalise text to NFC and derive the name parts and search/sort keys (no save)."""
    person.full_name = nfc(person.full_name)
    person.position = nfc(person.position)
    person.staff_code = nfc(person.staff_code).upper()
    person.family_name, person.middle_name, person.given_name = split_full_name(person.full_name)
    person.search_key = search_key(f"{person.full_name} {person.staff_code}")
    person.sort_key = person_sort_key(person.full_name)[:400]
    return person


def _placement(person: Person) -> Placement:
    return Placement(person.unit_id, person.category, person.is_active)


def person_snapshot(person: Person) -> dict[str, Any]:
    return {field: getattr(person, field) for field in PERSON_FIELDS}


def person_create(*, actor: Actor | None, unit: OrgUnit, start_date: date, **fields: Any) -> Person:
    """Create a staff record with its first assignment."""
    require(actor, Cap.PEOPLE_MANAGE, unit.pk)
    with transaction.atomic():
        person = person_prepare(Person(unit=unit, **fields))
        person.full_clean()
        person.save()
        Assignment.objects.create(
            person=person, unit=unit, position=person.position, start_date=start_date
        )
        CategoryRecord.objects.create(
            person=person, unit=unit, category=person.category, valid_from=start_date
        )
        audit_record(
            actor=actor, action="org.person_create", obj=person, new=person_snapshot(person)
        )
    return person


def person_update(*, actor: Actor | None, person: Person, **fields: Any) -> Person:
    """Change a person's own fields (not the unit: use person_transfer). A new category goes
    through person_category_change, valid from today."""
    require(actor, Cap.PEOPLE_MANAGE, person.unit_id)
    fields.pop("unit", None)
    fields.pop("unit_id", None)
    category = fields.pop("category", None)
    with transaction.atomic():
        before = _placement(person)
        changed = fields_update(
            actor=actor,
            obj=person,
            action="org.person_update",
            values=fields,
            prepare=_prepared_and_valid,
            snapshot=person_snapshot,
            save_fields="all",  # the derived name parts and keys, and updated_at
        )
        if changed:
            send_people_changed([PersonChange(person.pk, before, _placement(person))])
        if category is not None and category != person.category:
            person_category_change(
                actor=actor, person=person, category=category, on=timezone.localdate()
            )
    return person


def _prepared_and_valid(person: Person) -> None:
    person_prepare(person)
    person.full_clean()


def person_category_change(
    *, actor: Actor | None, person: Person, category: str, on: date
) -> CategoryRecord | None:
    """The one writer of a person's category: set it and record it valid from `on` (today
    or earlier, not before the latest record; a record of the same day is replaced).
    Campaigns target categories, so the history explains the recipients of a past day."""
    require(actor, Cap.PEOPLE_MANAGE, person.unit_id)
    if category not in StaffCategory.values:
        raise ValidationError({"category": _("Đối tượng không hợp lệ.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("Ngày thay đổi đối tượng không được sau hôm nay.")})
    with transaction.atomic():
        current = Person.unscoped.select_for_update().values_list("category", flat=True)
        old = current.get(pk=person.pk)
        latest = CategoryRecord.unscoped.filter(person=person).order_by("-valid_from").first()
        if latest is not None and on < latest.valid_from:
            raise ValidationError(
                {
                    "on": _(
                        "Đối tượng đã được ghi nhận từ ngày %(day)s; ngày thay đổi không được "
                        "trước ngày đó."
                    )
                    % {"day": latest.valid_from.strftime("%d/%m/%Y")}
                }
            )
        if category == old:
            return None
        before = Placement(person.unit_id, old, person.is_active)
        person.category = category
        person.save(update_fields=["category", "updated_at"])
        send_people_changed([PersonChange(person.pk, before, _placement(person))])
        record, _created = CategoryRecord.unscoped.update_or_create(
            person=person, valid_from=on, defaults={"category": category, "unit_id": person.unit_id}
        )
        audit_record(
            actor=actor,
            action="org.person_category",
            obj=person,
            old={"category": old},
            new={"category": category, "on": on},
        )
    return record


def person_transfer(
    *, actor: Actor | None, person: Person, to_unit: OrgUnit, on: date, position: str | None = None
) -> Assignment:
    """Close the open assignment the day before `on` (end exclusive = on) and open a new one."""
    require(actor, Cap.PEOPLE_MANAGE, person.unit_id)
    require(actor, Cap.PEOPLE_MANAGE, to_unit.pk)
    with transaction.atomic():
        old_unit = person.unit_id
        before = _placement(person)
        Assignment.objects.filter(person=person, end_date__isnull=True).update(end_date=on)
        new_position = nfc(position) if position is not None else person.position
        assignment = Assignment.objects.create(
            person=person, unit=to_unit, position=new_position, start_date=on
        )
        person.unit = to_unit
        person.position = new_position
        person.save(update_fields=["unit", "position", "updated_at"])
        send_people_changed([PersonChange(person.pk, before, _placement(person))])
        audit_record(
            actor=actor,
            action="org.person_transfer",
            obj=person,
            old={"unit_id": old_unit},
            new={"unit_id": to_unit.pk, "on": on, "position": new_position},
        )
    return assignment


# --------------------------------------------------------------------- staff list import (bulk)
# Imports are local to these functions: this block is appended to a module others edit.

_IMPORT_BATCH = 500


def _people_existing(codes: list[str]) -> dict[str, ExistingPerson]:
    """Existing people by staff code, with the start of their open assignment."""

    found: dict[str, ExistingPerson] = {}
    for start in range(0, len(codes), _IMPORT_BATCH):
        chunk = codes[start : start + _IMPORT_BATCH]
        people = Person.unscoped.filter(staff_code__in=chunk).values(
            "id", "staff_code", "unit_id", *COMPARED_FIELDS
        )
        by_id = {row["id"]: row for row in people}
        open_assignments = Assignment.unscoped.filter(
            person_id__in=list(by_id), end_date__isnull=True
        )
        opens = dict(open_assignments.values_list("person_id", "start_date"))
        for person_id, row in by_id.items():
            found[row["staff_code"]] = ExistingPerson(
                id=person_id,
                unit_id=row["unit_id"],
                values={name: row[name] for name in COMPARED_FIELDS},
                open_start=opens.get(person_id),
            )
    return found


def people_import_apply(
    *,
    actor: Actor | None,
    rows: list[StaffRow],
    today: date,
    dry_run: bool = False,
    source: str = "",
) -> Plan:
    """Write a checked staff list all-or-nothing: create, update, transfer (org.imports.plan).

    `rows` are `org.imports.rules.StaffRow`s whose units the caller resolved within the actor's
    reach (capability people.import). Returns the `Plan`; when it has errors, or on a dry run,
    nothing is written. Writes go in batches inside one transaction, with one audit row per
    person change (same actions as person_create/person_update/person_transfer) and one
    `org.people_import` summary row. A file that changes nothing writes nothing, not even the
    summary row, so importing the same file twice leaves the database as it was.
    """

    for unit_id in {row.unit_id for row in rows}:
        require(actor, Cap.PEOPLE_IMPORT, unit_id)
    with transaction.atomic():
        plan = plan_import(
            rows=rows,
            existing=_people_existing([row.staff_code for row in rows]),
            can_import=lambda unit_id: actor is None or actor.can(Cap.PEOPLE_IMPORT, unit_id),
            today=today,
        )
        if plan.errors or dry_run or not (plan.creates or plan.updates):
            return plan
        changes = _import_creates(plan.creates, today=today)
        changes += _import_updates(plan.updates, today=today)
        summary = {
            "source": source,
            "rows": len(rows),
            "created": len(plan.creates),
            "updated": len(plan.updates),
            "transferred": plan.transferred,
            "unchanged": plan.unchanged,
        }
        changes.append(Change(action="org.people_import", object_type="org.person", new=summary))
        audit_record_many(actor=actor, changes=changes)
    return plan


def _import_creates(rows: list[StaffRow], *, today: date) -> list[Change]:
    """Bulk-create people and their first assignments (person_create, in batches)."""

    people = [person_prepare(Person(unit_id=row.unit_id, **row.person_fields())) for row in rows]
    Person.unscoped.bulk_create(people, batch_size=_IMPORT_BATCH)
    assignments = [
        Assignment(
            person=person,
            unit_id=person.unit_id,
            position=person.position,
            start_date=row.start_date or today,
        )
        for person, row in zip(people, rows, strict=True)
    ]
    Assignment.unscoped.bulk_create(assignments, batch_size=_IMPORT_BATCH)
    CategoryRecord.unscoped.bulk_create(
        [
            CategoryRecord(
                person=p, unit_id=p.unit_id, category=p.category, valid_from=a.start_date
            )
            for p, a in zip(people, assignments, strict=True)
        ],
        batch_size=_IMPORT_BATCH,
    )
    return [
        Change(
            action="org.person_create",
            object_type="org.person",
            object_id=str(person.pk),
            unit_id=person.unit_id,
            new=person_snapshot(person),
        )
        for person in people
    ]


def _import_updates(updates: list[Update], *, today: date) -> list[Change]:
    """Bulk-update changed people; transfers close the open assignment and open a new one on
    the transfer day; a new category is recorded valid from today (person_update,
    person_transfer and person_category_change, in batches)."""
    now = timezone.now()
    people: list[Person] = []
    changes: list[Change] = []
    closing: dict[date, list[int]] = {}
    opening: list[Assignment] = []
    for update in updates:
        row = update.row
        person = person_prepare(
            Person(id=update.person.id, unit_id=row.unit_id, **row.person_fields())
        )
        person.updated_at = now
        people.append(person)
        if update.new:
            changes.append(
                Change(
                    action="org.person_update",
                    object_type="org.person",
                    object_id=str(person.pk),
                    unit_id=update.person.unit_id,
                    old=update.old,
                    new=update.new,
                )
            )
        if update.transfer_on is None:
            continue
        on = update.transfer_on
        if update.correction:
            Assignment.unscoped.filter(person_id=person.pk, end_date__isnull=True).update(
                unit_id=row.unit_id, position=person.position
            )
        else:
            closing.setdefault(on, []).append(person.pk)
            opening.append(
                Assignment(
                    person_id=person.pk,
                    unit_id=row.unit_id,
                    position=person.position,
                    start_date=on,
                )
            )
        changes.append(
            Change(
                action="org.person_transfer",
                object_type="org.person",
                object_id=str(person.pk),
                unit_id=row.unit_id,
                old={"unit_id": update.person.unit_id},
                new={
                    "unit_id": row.unit_id,
                    "on": on,
                    "position": person.position,
                    **({"correction": True} if update.correction else {}),
                },
            )
        )
    for on, ids in closing.items():
        for start in range(0, len(ids), _IMPORT_BATCH):
            chunk = ids[start : start + _IMPORT_BATCH]
            Assignment.unscoped.filter(person_id__in=chunk, end_date__isnull=True).update(
                end_date=on
            )
    Assignment.unscoped.bulk_create(opening, batch_size=_IMPORT_BATCH)
    _import_categories(
        [p for p, u in zip(people, updates, strict=True) if "category" in u.new], today=today
    )
    _import_bulk_update(people, updates)
    send_people_changed(
        [
            PersonChange(
                p.pk,
                Placement(
                    u.person.unit_id, u.person.values["category"], u.person.values["is_active"]
                ),
                _placement(p),
            )
            for p, u in zip(people, updates, strict=True)
        ]
    )
    return changes


def _import_categories(people: list[Person], *, today: date) -> None:
    """Record the new category of imported people valid from today (replacing a record of
    the same day, as person_category_change does)."""
    ids = [p.pk for p in people]
    for start in range(0, len(ids), _IMPORT_BATCH):
        chunk = ids[start : start + _IMPORT_BATCH]
        CategoryRecord.unscoped.filter(person_id__in=chunk, valid_from=today).delete()
    CategoryRecord.unscoped.bulk_create(
        [
            CategoryRecord(person_id=p.pk, unit_id=p.unit_id, category=p.category, valid_from=today)
            for p in people
        ],
        batch_size=_IMPORT_BATCH,
    )


def _import_bulk_update(people: list[Person], updates: list[Update]) -> None:
    """bulk_update grouped by the set of fields that changed: its CASE WHEN per field and row
    grows with batch size × fields, so writing only changed fields in small batches is far
    faster than rewriting every field."""
    derived = ("family_name", "middle_name", "given_name", "search_key", "sort_key")
    groups: dict[tuple[str, ...], list[Person]] = {}
    for person, update in zip(people, updates, strict=True):
        fields = list(update.new)
        if "full_name" in update.new:
            fields.extend(derived)
        if update.transfer_on is not None:
            fields.append("unit")
        groups.setdefault(tuple(sorted(fields)), []).append(person)
    for names, group in groups.items():
        Person.unscoped.bulk_update(group, [*names, "updated_at"], batch_size=100)
