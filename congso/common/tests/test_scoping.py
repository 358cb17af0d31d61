import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from congso.common.permissions import Cap
from congso.common.scoping import ANONYMOUS, get_for_actor, require
from congso.common.testing import actor_of, make_person
from congso.org.models import OrgUnit, Person


@pytest.mark.django_db
def test_unit_head_sees_own_subtree_only(world):
    actor = actor_of(world.head_a)
    visible = set(OrgUnit.objects.for_actor(actor).values_list("id", flat=True))
    assert visible == {world.agency_a.pk, world.division_a.pk}


@pytest.mark.django_db
def test_leadership_on_the_root_sees_the_whole_province(world):
    actor = actor_of(world.boss)
    assert actor.unit_ids(Cap.PEOPLE_VIEW) is None
    assert Person.objects.for_actor(actor).count() == Person.unscoped.count()


@pytest.mark.django_db
def test_other_agency_person_is_404_not_403(world):
    bob_person = world.charlie.person
    with pytest.raises(Http404):
        get_for_actor(Person, actor_of(world.head_a), bob_person.pk)


@pytest.mark.django_db
def test_staff_member_sees_only_own_person_record(world):
    actor = actor_of(world.alice)
    assert list(Person.objects.for_actor(actor).values_list("id", flat=True)) == [
        world.alice.person_id
    ]


@pytest.mark.django_db
def test_anonymous_sees_nothing(world):
    assert Person.objects.for_actor(ANONYMOUS).count() == 0
    assert OrgUnit.objects.for_actor(ANONYMOUS).count() == 0


def test_require_lets_system_jobs_and_actors_with_the_capability_on_the_unit_pass(world):
    require(None, Cap.ORG_MANAGE, world.agency_a.pk)  # a system job (demo loader, migration)
    require(actor_of(world.head_a), Cap.PEOPLE_VIEW, world.agency_a.pk)


def test_require_refuses_a_unit_out_of_reach_with_the_services_message(world):
    head_a = actor_of(world.head_a)
    with pytest.raises(PermissionDenied) as bare:
        require(head_a, Cap.PEOPLE_VIEW, world.agency_b.pk)
    assert str(bare.value) == ""
    with pytest.raises(PermissionDenied, match="không có quyền"):
        require(head_a, Cap.PEOPLE_VIEW, world.agency_b.pk, message="Bạn không có quyền.")


def test_in_subtree_keeps_the_unit_and_everything_below_it(world):
    """The one subtree filter: by the row's unit, by another lookup, or on org units."""
    in_division = make_person(world.division_a, full_name="Phạm Văn Dũng")
    under_a = Person.unscoped.in_subtree(world.agency_a)
    assert in_division in under_a
    assert world.charlie.person not in under_a
    assert set(Person.unscoped.in_subtree(world.division_a)) == {in_division}
    assert set(OrgUnit.unscoped.in_subtree(world.agency_a)) == {world.agency_a, world.division_a}
    by_unit = Person.unscoped.in_subtree(world.agency_a, via="unit")
    assert set(by_unit) == set(under_a)
    scoped = Person.objects.for_actor(actor_of(world.boss)).in_subtree(world.agency_b)
    assert set(scoped) == {world.charlie.person}
