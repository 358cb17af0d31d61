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
