"""The only writers of org units, counters, people and assignments. Each writes audit rows."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from congso.accounts.permissions import Cap
from congso.common.audit import audit_record
from congso.common.scoping import Actor
from congso.common.text import nfc, person_sort_key, search_key, split_full_name
from congso.org.models import Assignment, OrgUnit, Person, ServiceCounter
from congso.org.rules import subtree_path

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


def _require(actor: Actor | None, capability: str, unit_id: int | None) -> None:
    """System jobs (actor=None: migrations, the demo loader) pass; people need the capability."""
    if actor is not None and not actor.can(capability, unit_id):
        raise PermissionDenied


def unit_create(
    *, actor: Actor | None, name: str, kind: str, parent: OrgUnit | None = None, **fields: Any
) -> OrgUnit:
    """Create an org unit under `parent` and set its materialised path."""
    _require(actor, Cap.ORG_MANAGE, parent.pk if parent else None)
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
    _require(actor, Cap.ORG_MANAGE, unit.pk)
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


def person_snapshot(person: Person) -> dict[str, Any]:
    return {field: getattr(person, field) for field in PERSON_FIELDS}


def person_create(*, actor: Actor | None, unit: OrgUnit, start_date: date, **fields: Any) -> Person:
    """Create a staff record with its first assignment."""
    _require(actor, Cap.PEOPLE_MANAGE, unit.pk)
    with transaction.atomic():
        person = person_prepare(Person(unit=unit, **fields))
        person.full_clean()
        person.save()
        Assignment.objects.create(
            person=person, unit=unit, position=person.position, start_date=start_date
        )
        audit_record(
            actor=actor, action="org.person_create", obj=person, new=person_snapshot(person)
        )
    return person


def person_update(*, actor: Actor | None, person: Person, **fields: Any) -> Person:
    """Change a person's own fields (not the unit: use person_transfer)."""
    _require(actor, Cap.PEOPLE_MANAGE, person.unit_id)
    fields.pop("unit", None)
    fields.pop("unit_id", None)
    with transaction.atomic():
        old = person_snapshot(person)
        for name, value in fields.items():
            setattr(person, name, value)
        person_prepare(person)
        person.full_clean()
        new = person_snapshot(person)
        changed = [k for k in new if new[k] != old[k]]
        if changed:
            person.save()
            audit_record(
                actor=actor,
                action="org.person_update",
                obj=person,
                old={k: old[k] for k in changed},
                new={k: new[k] for k in changed},
            )
    return person


def person_transfer(
    *, actor: Actor | None, person: Person, to_unit: OrgUnit, on: date, position: str | None = None
) -> Assignment:
    """Close the open assignment the day before `on` (end exclusive = on) and open a new one."""
    _require(actor, Cap.PEOPLE_MANAGE, person.unit_id)
    _require(actor, Cap.PEOPLE_MANAGE, to_unit.pk)
    with transaction.atomic():
        old_unit = person.unit_id
        Assignment.objects.filter(person=person, end_date__isnull=True).update(end_date=on)
        new_position = nfc(position) if position is not None else person.position
        assignment = Assignment.objects.create(
            person=person, unit=to_unit, position=new_position, start_date=on
        )
        person.unit = to_unit
        person.position = new_position
        person.save(update_fields=["unit", "position", "updated_at"])
        audit_record(
            actor=actor,
            action="org.person_transfer",
            obj=person,
            old={"unit_id": old_unit},
            new={"unit_id": to_unit.pk, "on": on, "position": new_position},
        )
    return assignment
