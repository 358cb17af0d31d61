"""The public honour roll and certificate verification pages: light (no script, no framework,
no login), final things only, by year and unit; and `honour_roll_for(unit, year)`, the selector
another app's public page per agency includes."""

from __future__ import annotations

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from congso.cases.models import Exemplar
from congso.cases.tests.helpers import confirmed_case
from congso.common.permissions import Role
from congso.common.testing import actor_of, build_world, make_person, make_user
from congso.emulation import selectors, services
from congso.emulation.models import Award, Decision
from congso.emulation.tests.factories import published_result, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def officer(world):
    person = make_person(world.province, full_name="Đỗ Thị Thu")
    return make_user("thidua", roles=[(Role.EMULATION_OFFICER, world.province)], person=person)


@pytest.fixture
def roll(world, officer):
    """Alice (agency A) decided; Cường (agency B) decided then revoked; Bình (agency A)
    proposed and passed by the council but not decided; a confirmed praise of Alice."""
    actor = actor_of(officer)
    for user in (world.alice, world.head_a, world.charlie):
        published_result(user.person)
    proposals = {
        user.username: services.proposal_create(
            actor=actor, title=title("ldtt"), year=2025, person=user.person, achievement="Tốt"
        )
        for user in (world.alice, world.head_a, world.charlie)
    }
    members = [(make_person(world.province, full_name=f"UV {i}"), "member", True) for i in range(3)]
    meeting = services.meeting_create(
        actor=actor,
        unit=world.province,
        year=2025,
        held_on=date(2025, 12, 20),
        place="",
        members=members,
    )
    for proposal in proposals.values():
        services.tally_record(actor=actor, meeting=meeting, proposal=proposal, agree=3, disagree=0)
    decision = services.decision_issue(
        actor=actor,
        unit=world.province,
        year=2025,
        number=30,
        signed_on=date(2025, 12, 28),
        signer="Nguyễn Văn Tỉnh",
        signer_title="Chủ tịch UBND tỉnh",
        subject="Khen thưởng",
        proposals=[proposals["alice"], proposals["charlie"]],
        meeting=meeting,
    )
    revoked = Award.unscoped.get(decision=decision, person=world.charlie.person)
    services.award_revoke(actor=actor, award=revoked, reason="Khai man", on=date(2026, 1, 5))
    case = confirmed_case(unit=world.agency_a, person=world.alice.person, kind="praise")
    exemplar = Exemplar.objects.get(case=case)
    exemplar.recognised_on = date(2025, 11, 2)
    exemplar.save(update_fields=["recognised_on"])
    return decision


def test_honour_roll_for_a_unit_lists_final_awards_and_exemplars_only(
    world, roll, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        found = selectors.honour_roll_for(world.agency_a, 2025)
    assert [a.subject_name for a in found.awards] == ["Nguyễn Thị Hoa"]
    entry = found.awards[0]
    assert (entry.title_name, entry.decision_ref, entry.unit_name) == (
        "Lao động tiên tiến",
        "30/QĐ-UBND",
        "Sở Nội vụ",
    )
    assert [e.person_name for e in found.exemplars] == ["Nguyễn Thị Hoa"]
    assert not hasattr(entry, "amount") and not hasattr(entry, "person_id")
    # Agency B: its only award was revoked; nothing else is public.
    assert not selectors.honour_roll_for(world.agency_b, 2025)
    assert not selectors.honour_roll_for(world.agency_a, 2024)


def test_the_included_fragment_renders_the_roll_without_script(world, roll):
    html = render_to_string(
        "emulation/public/_honour_roll.html",
        {"roll": selectors.honour_roll_for(world.agency_a, 2025), "heading_level": 3},
    )
    assert "Nguyễn Thị Hoa" in html and "<h3>" in html and "<script" not in html
    assert reverse("honour:verify", args=[Award.unscoped.get(person=world.alice.person).code]) in (
        html
    )


def test_public_pages_are_light_and_need_no_login(world, roll, client):
    award = Award.unscoped.get(person=world.alice.person)
    for url in (
        reverse("honour:roll") + "?nam=2025",
        reverse("honour:roll") + f"?nam=2025&don_vi={world.agency_a.pk}",
        reverse("honour:verify", args=[award.code]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert "<script" not in html.lower(), url
        assert 'name="viewport"' in html and "width=device-width" in html
        assert "htmx" not in html and "bootstrap" not in html.lower()
        assert len(page.content) < 20_000, (url, len(page.content))


def test_the_public_roll_shows_nothing_that_is_not_final(world, roll, client):
    text = client.get(reverse("honour:roll"), {"nam": "2025"}).content.decode()
    assert "Nguyễn Thị Hoa" in text
    assert "Trần Văn Bình" not in text  # passed by the council, no decision yet
    assert "Lê Văn Cường" not in text  # revoked
    assert "702.000" not in text and "702000" not in text  # amounts are not published


def test_the_public_roll_filters_by_unit(world, roll, client):
    page = client.get(reverse("honour:roll"), {"nam": "2025", "don_vi": world.agency_b.pk})
    assert page.status_code == 200 and "Nguyễn Thị Hoa" not in page.content.decode()
    units = [u.name for u in page.context["units"]]
    assert "Sở Nội vụ" in units and "Sở Y tế" not in units  # B's only award was revoked
    for bad in (world.division_a.pk, "abc", 999999):
        assert client.get(reverse("honour:roll"), {"nam": "2025", "don_vi": bad}).status_code == 404


def test_a_revoked_certificate_says_so_and_an_unknown_code_is_404(world, roll, client):
    revoked = Award.unscoped.get(person=world.charlie.person)
    page = client.get(reverse("honour:verify", args=[revoked.code])).content.decode()
    assert "đã bị hủy bỏ ngày 05/01/2026" in page and "hợp lệ" not in page
    assert client.get(reverse("honour:verify", args=["ZZZZZZZZZZ"])).status_code == 404
    assert Decision.unscoped.count() == 1
