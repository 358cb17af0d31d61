"""The completion counts stay right at once when people join, leave or change category:
org's services move them in their own transaction (org.signals.people_changed)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from congso.common.testing import actor_of, make_person
from congso.dissemination import selectors, services
from congso.dissemination.models import CompletionCount
from congso.dissemination.rollup import rebuild
from congso.dissemination.tests.factories import make_campaign
from congso.org import services as org

pytestmark = pytest.mark.django_db


def counts(campaign) -> dict:
    return {
        (row.unit_id, row.category): (row.acknowledged, row.on_time)
        for row in CompletionCount.objects.filter(campaign=campaign)
        if row.acknowledged
    }


def acknowledge(user, campaign) -> None:
    actor = actor_of(user)
    services.receipt_open(actor=actor, campaign=campaign)
    services.acknowledge(actor=actor, campaign=campaign)


def rebuilt(campaign) -> dict:
    rebuild(campaign_ids=[campaign.pk])
    return counts(campaign)


def by_unit(world, campaign) -> dict:
    rows = selectors.campaign_completion(
        actor=actor_of(world.boss), campaign=campaign, unit=world.province
    )
    return {r.name: (r.recipients, r.acknowledged) for r in rows}


def test_a_transfer_moves_the_acknowledgement_to_the_new_unit_at_once(world):
    campaign = make_campaign(world.province)
    acknowledge(world.alice, campaign)
    assert by_unit(world, campaign)["Sở Nội vụ"] == (2, 1)
    org.person_transfer(
        actor=None, person=world.alice.person, to_unit=world.agency_b, on=timezone.localdate()
    )
    assert by_unit(world, campaign)["Sở Nội vụ"] == (1, 0)
    assert by_unit(world, campaign)["Sở Y tế"] == (2, 1)
    assert counts(campaign) == {(world.agency_b.pk, "cong_chuc"): (1, 1)}
    assert rebuilt(campaign) == {(world.agency_b.pk, "cong_chuc"): (1, 1)}


def test_leaving_service_drops_the_acknowledgement_and_returning_restores_it(world):
    campaign = make_campaign(world.province)
    acknowledge(world.alice, campaign)
    person = world.alice.person
    org.person_update(actor=None, person=person, is_active=False)
    assert counts(campaign) == {}
    assert by_unit(world, campaign)["Sở Nội vụ"] == (1, 0)
    org.person_update(actor=None, person=person, is_active=True)
    assert counts(campaign) == {(world.agency_a.pk, "cong_chuc"): (1, 1)}


def test_a_category_change_moves_the_count_out_of_a_targeted_category(world):
    campaign = make_campaign(world.province, categories="cong_chuc")
    acknowledge(world.alice, campaign)
    assert by_unit(world, campaign)["Sở Nội vụ"] == (2, 1)
    org.person_category_change(
        actor=None, person=world.alice.person, category="vien_chuc", on=timezone.localdate()
    )
    assert by_unit(world, campaign)["Sở Nội vụ"] == (1, 0)
    assert counts(campaign) == {(world.agency_a.pk, "vien_chuc"): (1, 1)}
    assert rebuilt(campaign) == {(world.agency_a.pk, "vien_chuc"): (1, 1)}


def test_the_staff_import_moves_the_counts_of_the_people_it_transfers(world):
    from congso.org.tests.test_import_apply import run
    from congso.org.tests.test_import_files import staff_values

    campaign = make_campaign(world.province)
    code = world.alice.person.staff_code
    acknowledge(world.alice, campaign)
    report = run([staff_values(code, world.division_a.pk, full_name="Nguyễn Thị Hoa", sex="Nữ")])
    assert report.transferred == 1
    assert counts(campaign) == {(world.division_a.pk, "cong_chuc"): (1, 1)}
    assert rebuilt(campaign) == counts(campaign)


def test_the_counts_equal_a_rebuild_after_many_moves(world):
    campaign = make_campaign(world.province)
    people = [make_person(world.agency_a, full_name=f"Cán Bộ {i}") for i in range(4)]
    from congso.common.permissions import Role
    from congso.common.testing import make_user

    users = [
        make_user(f"cb{i}", roles=[(Role.STAFF, world.agency_a)], person=p)
        for i, p in enumerate(people)
    ]
    for user in users:
        acknowledge(user, campaign)
    today = timezone.localdate()
    org.person_transfer(actor=None, person=people[0], to_unit=world.agency_b, on=today)
    org.person_transfer(actor=None, person=people[0], to_unit=world.division_a, on=today)
    org.person_category_change(actor=None, person=people[1], category="can_bo", on=today)
    org.person_update(actor=None, person=people[2], is_active=False)
    live = counts(campaign)
    assert live == rebuilt(campaign)
    assert sum(n for n, _t in live.values()) == 3
