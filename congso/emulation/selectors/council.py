"""Reads of council meetings (agenda, a member's seat and ballot page), decisions and
awards, with the actor."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from congso.common.scoping import Actor, get_for_actor
from congso.emulation.models import (
    Award,
    Ballot,
    BallotReceipt,
    Decision,
    Meeting,
    MeetingMember,
    Proposal,
    ProposalState,
    VoteCount,
)


def ballot_of(*, proposal: Proposal):
    return Ballot.objects.filter(proposal=proposal).select_related("meeting").first()


def meeting_list(*, actor: Actor) -> QuerySet[Meeting]:
    return Meeting.objects.for_actor(actor).select_related("unit")


def meeting_get(*, actor: Actor, pk) -> Meeting:
    return get_for_actor(Meeting.objects.select_related("unit"), actor, pk)


def meeting_membership(*, actor: Actor, meeting: Meeting) -> MeetingMember | None:
    """The actor's own seat at a meeting (None when they are not a member)."""
    if not actor.person_id:
        return None
    return (
        MeetingMember.objects.filter(meeting=meeting, person_id=actor.person_id)
        .select_related("person")
        .first()
    )


def meeting_for_voter(*, actor: Actor, pk) -> tuple[Meeting, MeetingMember]:
    """A meeting read by one of its members (the ballot page): the seat is the scope, so a
    member from another unit votes without reading the unit's other rows; 404 otherwise."""
    meeting = (
        Meeting.unscoped.select_related("unit").filter(pk=pk).first() if str(pk).isdigit() else None
    )
    member = meeting_membership(actor=actor, meeting=meeting) if meeting else None
    if meeting is None or member is None:
        raise Http404
    return meeting, member


def ballot_page(*, meeting: Meeting, member: MeetingMember) -> dict:
    """What a member's ballot page shows: the candidates they may vote on, those they are
    recused from, whether they have voted and how many have (never the counts before the
    chair closes the ballot)."""
    counts = list(
        VoteCount.objects.filter(meeting=meeting)
        .select_related("proposal__person", "proposal__unit", "proposal__title")
        .order_by("id")
    )
    return {
        "candidates": [c for c in counts if member.person_id not in c.recused],
        "recused": [c for c in counts if member.person_id in c.recused],
        "voted": BallotReceipt.objects.filter(meeting=meeting, member=member).exists(),
        "ballots": BallotReceipt.objects.filter(meeting=meeting).count(),
        "present": MeetingMember.objects.filter(meeting=meeting, present=True).count(),
        "results": list(
            Ballot.objects.filter(meeting=meeting)
            .select_related("proposal__person", "proposal__unit", "proposal__title")
            .order_by("id")
        )
        if meeting.voting_closed_at
        else [],
    }


def meeting_agenda(*, actor: Actor, meeting: Meeting) -> QuerySet[Proposal]:
    """Proposals of the meeting's year under the meeting's unit, waiting or tallied here."""
    return (
        Proposal.objects.for_actor(actor)
        .in_subtree(meeting.unit)
        .filter(year=meeting.year)
        .exclude(state=ProposalState.WITHDRAWN)
        .filter(Q(ballot__isnull=True) | Q(ballot__meeting=meeting))
        .select_related("person", "unit", "title", "ballot")
        .order_by("title__sort", "id")
    )


def decision_list(*, actor: Actor) -> QuerySet[Decision]:
    return Decision.objects.for_actor(actor).select_related("unit")


def decision_get(*, actor: Actor, pk) -> Decision:
    return get_for_actor(Decision.objects.select_related("unit"), actor, pk)


def award_get(*, actor: Actor, pk) -> Award:
    return get_for_actor(
        Award.objects.select_related(
            "decision__unit", "title", "person", "unit__parent", "proposal"
        ),
        actor,
        pk,
    )


def my_awards(*, actor: Actor) -> QuerySet[Award]:
    if not actor.person_id:
        return Award.objects.for_actor(actor).none()
    return (
        Award.objects.for_actor(actor)
        .filter(person_id=actor.person_id)
        .select_related("decision", "title")
    )
