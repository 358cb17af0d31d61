"""The shared "set the fields, save, audit old → new" step (common/services.py)."""

import json

from congso.common.models import AuditEntry
from congso.common.services import fields_update
from congso.common.testing import actor_of
from congso.org.models import Person


def test_fields_update_saves_and_audits_only_the_fields_that_change(world):
    person = Person.unscoped.get(pk=world.alice.person_id)
    changed = fields_update(
        actor=actor_of(world.head_a),
        obj=person,
        action="org.test_update",
        values={"position": "Chuyên viên chính", "unit": world.agency_a},
        context={"staff_code": person.staff_code},
    )
    assert changed == {"position": ("", "Chuyên viên chính")}
    person.refresh_from_db()
    assert person.position == "Chuyên viên chính"
    entry = AuditEntry.objects.get(action="org.test_update")
    assert json.loads(entry.old) == {"staff_code": person.staff_code, "position": ""}
    assert json.loads(entry.new) == {"staff_code": person.staff_code, "position": person.position}
    assert entry.actor_user_id == world.head_a.pk


def test_fields_update_writes_nothing_when_no_value_changes(world, django_assert_num_queries):
    person = Person.unscoped.get(pk=world.alice.person_id)
    with django_assert_num_queries(0):
        changed = fields_update(
            actor=None, obj=person, action="org.test_update", values={"unit": world.agency_a}
        )
    assert changed == {}
    assert not AuditEntry.objects.filter(action="org.test_update").exists()


# The three services that audit snapshots go through fields_update too; their audit rows keep
# their shape: object, old and new exactly as before.


def _entry(action: str) -> tuple:
    entry = AuditEntry.objects.get(action=action)
    return entry.object_type, entry.object_id, json.loads(entry.old), json.loads(entry.new)


def test_holiday_update_audits_the_changed_values_under_the_old_date(world):
    from datetime import date

    from congso.common.models import Holiday
    from congso.common.permissions import Role
    from congso.common.services import holiday_update
    from congso.common.testing import make_user

    admin = actor_of(make_user("quantri", roles=[(Role.ADMIN, world.province)]))
    holiday = Holiday.objects.create(
        date=date(2031, 1, 2), kind="holiday", name="Nghỉ bù", basis="Thông báo 1"
    )
    holiday_update(
        actor=admin,
        holiday=holiday,
        day=date(2031, 1, 3),
        kind="holiday",
        name="Nghỉ bù Tết",
        basis="Thông báo 1",
        projected=False,
    )
    assert _entry("common.holiday_update") == (
        "common.holiday",
        "2031-01-02",
        {"date": "2031-01-02", "name": "Nghỉ bù"},
        {"date": "2031-01-03", "name": "Nghỉ bù Tết"},
    )
    holiday.refresh_from_db()
    assert (holiday.date, holiday.name) == (date(2031, 1, 3), "Nghỉ bù Tết")
    holiday_update(  # the same values again: nothing saved, no second row
        actor=admin,
        holiday=holiday,
        day=date(2031, 1, 3),
        kind="holiday",
        name="Nghỉ bù Tết",
        basis="Thông báo 1",
        projected=False,
    )
    assert AuditEntry.objects.filter(action="common.holiday_update").count() == 1
