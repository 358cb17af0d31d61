"""Services of codes of conduct: template copy, drafts, immutability, publishing, attestation."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congso.common.models import AuditEntry
from congso.common.testing import actor_of, unchanged_database
from congso.conduct import services
from congso.conduct.models import Attestation, CodeOfConduct, CodeVersion, ViolationCategory
from congso.conduct.selectors import clause_in_force
from congso.conduct.template import TEMPLATE_CLAUSES

pytestmark = pytest.mark.django_db


def _published_code(world, *, day=date(2025, 1, 1)):
    head = actor_of(world.head_a)
    code = services.code_create_from_template(actor=head, unit=world.agency_a)
    services.version_publish(actor=head, version=code.versions.get(), effective_from=day)
    return head, code


def test_code_from_template_copies_every_clause_with_its_category(world):
    code = services.code_create_from_template(actor=actor_of(world.head_a), unit=world.agency_a)
    draft = code.versions.get()
    assert draft.status == "draft"
    assert draft.clauses.count() == len(TEMPLATE_CLAUSES)
    smoking = draft.clauses.get(category__code="smoking")
    assert "hút thuốc" in smoking.text
    assert AuditEntry.objects.filter(action="conduct.code_create").count() == 1


def test_template_maps_every_category_code_that_exists():
    known = set(ViolationCategory.objects.values_list("code", flat=True))
    assert {c.category for c in TEMPLATE_CLAUSES if c.category} <= known


def test_second_create_for_same_unit_returns_the_same_code(world):
    head = actor_of(world.head_a)
    first = services.code_create_from_template(actor=head, unit=world.agency_a)
    second = services.code_create_from_template(actor=head, unit=world.agency_a)
    assert first.pk == second.pk
    assert CodeOfConduct.objects.count() == 1


def test_staff_member_cannot_create_or_edit_a_code(world):
    with unchanged_database(), pytest.raises(PermissionDenied):
        services.code_create_from_template(actor=actor_of(world.alice), unit=world.agency_a)


def test_head_of_other_agency_cannot_create_code_for_agency_a(world):
    with unchanged_database(), pytest.raises(PermissionDenied):
        services.code_create_from_template(actor=actor_of(world.charlie), unit=world.agency_a)


def test_published_version_is_immutable(world):
    head, code = _published_code(world)
    version = code.versions.get()
    clause = version.clauses.first()
    with unchanged_database(), pytest.raises(ValidationError):
        services.clause_update(
            actor=head, clause=clause, number="Điều 1", title="Mới", text="Mới", category=None
        )
    with unchanged_database(), pytest.raises(ValidationError):
        services.clause_delete(actor=head, clause=clause)
    with unchanged_database(), pytest.raises(ValidationError):
        services.clause_create(actor=head, version=version, number="Điều 99", title="a", text="b")


def test_publishing_a_new_version_closes_the_previous_one(world):
    head, code = _published_code(world)
    draft = services.version_draft_create(actor=head, code=code)
    assert services.version_draft_create(actor=head, code=code).pk == draft.pk  # one draft
    smoking = draft.clauses.get(category__code="smoking")
    services.clause_update(
        actor=head,
        clause=smoking,
        number="Điều 11",
        title="Không hút thuốc lá, thuốc lá điện tử",
        text="Không hút thuốc lá, thuốc lá điện tử trong khuôn viên cơ quan.",
        category=smoking.category,
    )
    services.version_publish(actor=head, version=draft, effective_from=date(2025, 9, 1))
    first = CodeVersion.objects.get(code=code, number=1)
    assert first.effective_to == date(2025, 9, 1)
    old = clause_in_force(unit_id=world.agency_a.pk, category_code="smoking", on=date(2025, 8, 31))
    new = clause_in_force(unit_id=world.agency_a.pk, category_code="smoking", on=date(2025, 9, 1))
    assert old.version_id == first.pk
    assert "thuốc lá điện tử" in new.text
    assert AuditEntry.objects.filter(action="conduct.version_close").count() == 1


def test_new_version_must_start_after_the_previous_one(world):
    head, code = _published_code(world, day=date(2025, 6, 1))
    draft = services.version_draft_create(actor=head, code=code)
    with unchanged_database(), pytest.raises(ValidationError) as caught:
        services.version_publish(actor=head, version=draft, effective_from=date(2025, 6, 1))
    assert "01/06/2025" in str(caught.value)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_empty_draft_cannot_be_published(world):
    head, code = _published_code(world)
    draft = services.version_draft_create(actor=head, code=code)
    for clause in list(draft.clauses.all()):
        services.clause_delete(actor=head, clause=clause)
    with unchanged_database(), pytest.raises(ValidationError):
        services.version_publish(actor=head, version=draft, effective_from=date(2026, 1, 1))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"number": "", "title": "a", "text": "b"}, "number"),
        ({"number": "Điều 1", "title": "  ", "text": "b"}, "title"),
        ({"number": "Điều 1", "title": "a", "text": ""}, "text"),
        ({"number": "Điều 1", "title": "a", "text": "x" * 10_001}, "text"),
    ],
)
def test_bad_clause_fields_are_refused(world, fields, field):
    head, code = _published_code(world)
    draft = services.version_draft_create(actor=head, code=code)
    with unchanged_database(), pytest.raises(ValidationError) as caught:
        services.clause_create(actor=head, version=draft, **fields)
    assert field in caught.value.message_dict


def test_script_in_clause_is_stored_as_text(world):
    head, code = _published_code(world)
    draft = services.version_draft_create(actor=head, code=code)
    clause = services.clause_create(
        actor=head, version=draft, number="Điều 18", title="<b>x</b>", text="<script>1</script>"
    )
    assert clause.text == "<script>1</script>"


def test_staff_attests_the_version_in_force_once(world):
    _published_code(world, day=timezone.localdate() - timedelta(days=10))
    alice = actor_of(world.alice)
    version = CodeVersion.objects.get(code__unit=world.agency_a)
    first = services.attestation_create(actor=alice, version=version)
    again = services.attestation_create(actor=alice, version=version)
    assert first.pk == again.pk
    assert Attestation.objects.count() == 1
    assert AuditEntry.objects.filter(action="conduct.attest").count() == 1


def test_cannot_attest_a_version_not_in_force(world):
    head, code = _published_code(world, day=timezone.localdate() - timedelta(days=10))
    draft = services.version_draft_create(actor=head, code=code)
    with unchanged_database(), pytest.raises(ValidationError):
        services.attestation_create(actor=actor_of(world.alice), version=draft)


def test_account_without_person_cannot_attest(world):
    _published_code(world, day=timezone.localdate() - timedelta(days=10))
    version = CodeVersion.objects.get(code__unit=world.agency_a)
    with unchanged_database(), pytest.raises(PermissionDenied):
        services.attestation_create(actor=actor_of(world.boss), version=version)


def test_clause_update_audits_the_whole_clause_before_and_after(world):
    head = actor_of(world.head_a)
    code = services.code_create_from_template(actor=head, unit=world.agency_a)
    clause = code.versions.get().clauses.get(category__code="smoking")
    before = {
        "number": clause.number,
        "ordering": clause.ordering,
        "title": clause.title,
        "text": clause.text,
        "category": "smoking",
    }
    services.clause_update(
        actor=head,
        clause=clause,
        number=clause.number,
        title="Không hút thuốc lá",
        text=clause.text,
        category=None,
    )
    entry = AuditEntry.objects.get(action="conduct.clause_update")
    assert (entry.object_type, entry.object_id) == ("conduct.clause", str(clause.pk))
    assert json.loads(entry.old) == before
    assert json.loads(entry.new) == {**before, "title": "Không hút thuốc lá", "category": None}
    services.clause_update(  # the same values again: no second row
        actor=head,
        clause=clause,
        number=clause.number,
        title="Không hút thuốc lá",
        text=clause.text,
        category=None,
    )
    assert AuditEntry.objects.filter(action="conduct.clause_update").count() == 1
