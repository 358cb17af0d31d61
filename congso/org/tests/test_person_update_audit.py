"""person_update goes through the shared fields_update step; its audit row keeps its shape:
the person, and the old and new values of the changed fields after normalisation."""

import json

from congso.common.models import AuditEntry
from congso.common.testing import actor_of
from congso.org.models import Person
from congso.org.services import person_update


def test_person_update_audits_the_normalised_changed_fields(world):
    person = Person.objects.get(pk=world.alice.person_id)
    old_name, old_code = person.full_name, person.staff_code
    person_update(
        actor=actor_of(world.admin_a),
        person=person,
        full_name="Nguyễn  Thị   Hoà",
        staff_code=old_code.lower(),  # normalised back to the same code: not a change
        position="Chuyên viên",
        unit=world.agency_b,  # ignored: transfers go through person_transfer
    )
    entry = AuditEntry.objects.get(action="org.person_update")
    assert (entry.object_type, entry.object_id) == ("org.person", str(person.pk))
    assert entry.unit_id == world.agency_a.pk
    assert json.loads(entry.old) == {"full_name": old_name, "position": ""}
    assert json.loads(entry.new) == {"full_name": "Nguyễn Thị Hoà", "position": "Chuyên viên"}
    person.refresh_from_db()
    assert (person.full_name, person.given_name, person.unit_id) == (
        "Nguyễn Thị Hoà",
        "Hoà",
        world.agency_a.pk,
    )
    assert "hoa" in person.search_key


def test_person_update_with_the_same_values_writes_no_audit_row(world):
    person = Person.objects.get(pk=world.alice.person_id)
    person_update(actor=actor_of(world.admin_a), person=person, full_name=person.full_name)
    assert not AuditEntry.objects.filter(action="org.person_update").exists()
