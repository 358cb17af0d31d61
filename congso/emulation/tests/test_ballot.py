"""The council's electronic secret ballot: secrecy, one ballot per member, recusal, closing by
the chair, the title's threshold, and the paper tally kept for paper meetings."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.urls import reverse

from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import (
    actor_of,
    build_world,
    login_client,
    make_person,
    make_user,
    unchanged_database,
)
from congso.emulation import services
from congso.emulation.models import (
    Ballot,
    BallotReceipt,
    MeetingMember,
    ProposalState,
    VoteCount,
)
from congso.emulation.rules import EmulationError
from congso.emulation.tests.factories import published_result, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def officer(world):
    person = make_person(world.province, full_name="Đỗ Thị Thu")
    return make_user("thidua", roles=[(Role.EMULATION_OFFICER, world.province)], person=person)


def _member(world, name, username):
    person = make_person(world.province, full_name=name)
    return make_user(username, roles=[(Role.STAFF, world.province)], person=person)


@pytest.fixture
def council(world, officer):
    """Two candidates (Alice for LĐTT, Bình for LĐTT), a meeting voted electronically: the
    chair, three members and Alice herself (proposed: she may not vote on her own case)."""
    published_result(world.alice.person)
    published_result(world.head_a.person)
    actor = actor_of(officer)
    alice_p = services.proposal_create(
        actor=actor, title=title("ldtt"), year=2025, person=world.alice.person, achievement="Tốt"
    )
    binh_p = services.proposal_create(
        actor=actor, title=title("ldtt"), year=2025, person=world.head_a.person, achievement="Tốt"
    )
    chair = _member(world, "Vũ Văn Chủ", "chutich")
    members = [_member(world, f"Ủy viên {i}", f"uyvien{i}") for i in range(1, 4)]
    meeting = services.meeting_create(
        actor=actor,
        unit=world.province,
        year=2025,
        held_on=date(2025, 12, 20),
        place="Phòng họp số 1",
        members=[(chair.person, "chair", True)]
        + [(u.person, "member", True) for u in members]
        + [(world.alice.person, "member", True)],
        ballot_mode="electronic",
    )
    return {
        "meeting": meeting,
        "chair": chair,
        "members": members,
        "alice_p": alice_p,
        "binh_p": binh_p,
        "officer": actor,
    }


def _open(c, recused=None):
    return services.voting_open(actor=c["officer"], meeting=c["meeting"], recused=recused)


def _vote(user, c, **choices):
    return services.ballot_cast(
        actor=actor_of(user),
        meeting=c["meeting"],
        choices={c[key].pk: value for key, value in choices.items()},
    )


def test_ballots_are_counted_without_any_link_between_member_and_choice(world, council):
    c = council
    _open(c)
    _vote(c["chair"], c, alice_p="agree", binh_p="agree")
    _vote(c["members"][0], c, alice_p="disagree", binh_p="agree")
    # Who voted is stored; what they voted is stored only as counts.
    voter_ids = {c["chair"].person_id, c["members"][0].person_id}
    assert {
        MeetingMember.objects.get(pk=r.member_id).person_id for r in BallotReceipt.objects.all()
    } == voter_ids
    assert [f.name for f in BallotReceipt._meta.concrete_fields] == ["id", "meeting", "member"]
    assert {f.name for f in VoteCount._meta.concrete_fields} == {
        "id",
        "meeting",
        "proposal",
        "recused",
        "agree",
        "disagree",
    }
    alice_count = VoteCount.objects.get(proposal=c["alice_p"])
    assert (alice_count.agree, alice_count.disagree) == (1, 1)
    # No row of any emulation table names a voter next to a choice, and the audit rows of the
    # ballots carry no choice.
    for model in apps.get_app_config("emulation").get_models():
        names = {f.attname for f in model._meta.concrete_fields}
        if names & {"agree", "disagree"}:
            related = {f.related_model for f in model._meta.concrete_fields if f.is_relation}
            assert not related & {MeetingMember, type(world.alice.person)}, model
    for entry in AuditEntry.objects.filter(action="emulation.ballot_cast"):
        text = repr((entry.old, entry.new)).lower()
        assert "agree" not in text and "disagree" not in text


def test_a_second_ballot_of_the_same_member_is_refused_and_changes_nothing(council):
    c = council
    _open(c)
    _vote(c["members"][1], c, alice_p="agree", binh_p="agree")
    with unchanged_database(), pytest.raises(EmulationError) as err:
        _vote(c["members"][1], c, alice_p="disagree", binh_p="disagree")
    assert "phiếu chỉ được ghi một lần" in str(err.value.message)
    assert BallotReceipt.objects.count() == 1
    assert VoteCount.objects.get(proposal=c["binh_p"]).agree == 1


def test_a_proposed_member_cannot_vote_on_their_own_case(world, council):
    c = council
    _open(c)
    assert world.alice.person_id in VoteCount.objects.get(proposal=c["alice_p"]).recused
    with unchanged_database(), pytest.raises(EmulationError) as err:
        _vote(world.alice, c, alice_p="agree", binh_p="agree")
    assert "Bạn không được bỏ phiếu cho Nguyễn Thị Hoa" in str(err.value.message)
    assert _vote(world.alice, c, binh_p="agree") == 1


def test_a_member_declared_related_cannot_vote_on_that_candidate(council):
    c = council
    related = c["members"][2]
    _open(c, recused={c["binh_p"].pk: [related.person_id]})
    with pytest.raises(EmulationError):
        _vote(related, c, alice_p="agree", binh_p="agree")
    assert _vote(related, c, alice_p="agree") == 1
    assert VoteCount.objects.get(proposal=c["binh_p"]).agree == 0


def test_an_incomplete_ballot_writes_nothing(council):
    c = council
    _open(c)
    with unchanged_database(), pytest.raises(EmulationError) as err:
        _vote(c["chair"], c, alice_p="agree")
    assert "Chọn đồng ý hoặc không đồng ý cho Trần Văn Bình" in str(err.value.message)
    with unchanged_database(), pytest.raises(EmulationError):
        _vote(c["chair"], c, alice_p="agree", binh_p="có lẽ")


def test_voting_after_the_chair_closes_is_refused(world, council):
    c = council
    _open(c)
    for user in (c["chair"], *c["members"]):
        _vote(user, c, alice_p="agree", binh_p="disagree")
    services.voting_close(actor=actor_of(c["chair"]), meeting=c["meeting"])
    c["meeting"].refresh_from_db()
    with unchanged_database(), pytest.raises(EmulationError) as err:
        _vote(world.alice, c, binh_p="agree")
    assert "đã kết thúc bỏ phiếu" in str(err.value.message)


def test_closing_applies_the_threshold_on_the_members_entitled_to_vote(council):
    c = council
    _open(c)
    # Alice's case: 4 members may vote (5 − Alice); 4 agree ≥ 50 %. Bình's: 5 may vote, 2
    # agree < 50 % of 5.
    for user in (c["chair"], *c["members"]):
        agree_binh = user in (c["chair"], c["members"][0])
        _vote(user, c, alice_p="agree", binh_p="agree" if agree_binh else "disagree")
    ballots = services.voting_close(actor=actor_of(c["chair"]), meeting=c["meeting"])
    assert len(ballots) == 2
    alice_b, binh_b = (
        Ballot.objects.get(proposal=c["alice_p"]),
        Ballot.objects.get(proposal=c["binh_p"]),
    )
    assert (alice_b.members, alice_b.agree, alice_b.passed) == (4, 4, True)
    assert (binh_b.members, binh_b.agree, binh_b.disagree, binh_b.passed) == (5, 2, 2, False)
    c["alice_p"].refresh_from_db()
    c["binh_p"].refresh_from_db()
    assert c["alice_p"].state == ProposalState.PASSED
    assert c["binh_p"].state == ProposalState.FAILED
    assert AuditEntry.objects.filter(action="emulation.voting_close").count() == 1
    assert AuditEntry.objects.filter(action="emulation.tally_record").count() == 2


def test_only_the_chair_closes_the_ballot(council):
    c = council
    _open(c)
    with unchanged_database(), pytest.raises(EmulationError) as err:
        services.voting_close(actor=actor_of(c["members"][0]), meeting=c["meeting"])
    assert "Chỉ Chủ tịch Hội đồng" in str(err.value.message)


def test_paper_tally_is_refused_on_an_electronic_meeting_and_the_reverse(world, council):
    c = council
    with unchanged_database(), pytest.raises(EmulationError) as err:
        services.tally_record(
            actor=c["officer"], meeting=c["meeting"], proposal=c["alice_p"], agree=4, disagree=0
        )
    assert "bỏ phiếu điện tử" in str(err.value.message)
    paper = services.meeting_create(
        actor=c["officer"],
        unit=world.province,
        year=2025,
        held_on=date(2025, 12, 21),
        place="",
        members=[(c["chair"].person, "chair", True)],
    )
    with unchanged_database(), pytest.raises(EmulationError) as err:
        services.voting_open(actor=c["officer"], meeting=paper)
    assert "phiếu giấy" in str(err.value.message)


def test_a_non_member_gets_404_on_the_ballot_page(world, council):
    _open(council)
    url = reverse("emulation:ballot", args=[council["meeting"].pk])
    assert login_client(world.charlie).get(url).status_code == 404
    assert login_client(world.charlie).post(url, {"v1": "agree"}).status_code == 404


def test_members_vote_from_the_page_and_the_chair_closes_it(world, officer, council):
    c = council
    page_url = reverse("emulation:meeting", args=[c["meeting"].pk])
    client = login_client(officer)
    assert "Mở bỏ phiếu điện tử" in client.get(page_url).text
    opened = client.post(
        reverse("emulation:voting_open", args=[c["meeting"].pk]),
        {f"recused-{c['binh_p'].pk}": str(c["members"][2].person_id)},
        follow=True,
    )
    assert "Đã mở bỏ phiếu điện tử" in opened.text
    ballot_url = reverse("emulation:ballot", args=[c["meeting"].pk])
    member = login_client(c["members"][0])
    form = member.get(ballot_url)
    assert "Trần Văn Bình" in form.text and 'value="agree"' in form.text
    missing = member.post(ballot_url, {f"v{c['alice_p'].pk}": "agree"})
    assert "Chọn đồng ý hoặc không đồng ý cho Trần Văn Bình" in missing.text
    done = member.post(
        ballot_url,
        {f"v{c['alice_p'].pk}": "agree", f"v{c['binh_p'].pk}": "agree"},
        follow=True,
    )
    assert "Đã ghi phiếu bầu của bạn" in done.text and "Bạn đã bỏ phiếu" in done.text
    again = member.post(
        ballot_url,
        {f"v{c['alice_p'].pk}": "disagree", f"v{c['binh_p'].pk}": "disagree"},
        follow=True,
    )
    assert "phiếu chỉ được ghi một lần" in again.text
    assert "Kết thúc bỏ phiếu" not in member.get(ballot_url).text
    chair = login_client(c["chair"])
    closed = chair.post(reverse("emulation:voting_close", args=[c["meeting"].pk]), follow=True)
    assert "Đã kết thúc bỏ phiếu và kiểm phiếu." in closed.text
    assert "Kết quả kiểm phiếu" in closed.text
    assert Ballot.objects.get(proposal=c["binh_p"]).agree == 1


def test_a_member_s_tasks_link_to_the_ballot_until_the_chair_closes_it(council):
    from congso.common.inbox import collect

    c = council
    _open(c)
    member = actor_of(c["members"][0])
    items = [i for i in collect(member) if i.kind == "Bỏ phiếu kín Hội đồng Thi đua – Khen thưởng"]
    assert [i.url for i in items] == [reverse("emulation:ballot", args=[c["meeting"].pk])]
    services.voting_close(actor=actor_of(c["chair"]), meeting=c["meeting"])
    assert not [i for i in collect(member) if "Hội đồng" in i.kind]
