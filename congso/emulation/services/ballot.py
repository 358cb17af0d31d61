"""The council's electronic secret ballot.

The officer (or secretary) opens voting on the candidates waiting at the meeting; each member
present casts one ballot from their phone, voting on every candidate they may vote on; the
chair closes it, and the counts become the meeting's tally with the title's threshold.

Secrecy: a ballot adds one to the counters of each candidate (`VoteCount`: no member, no time)
and stores a receipt that the member voted (`BallotReceipt`: no choice). Nothing in the
database links a member to a choice; the audit row of a ballot names the member and the
meeting, never the choices. A meeting is voted either on paper (the secretary enters the
tally: `awards.tally_record`) or electronically, never both.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import Change, audit_record, audit_record_many
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.emulation import selectors
from congso.emulation.models import (
    Ballot,
    BallotMode,
    BallotReceipt,
    Meeting,
    MeetingMember,
    MemberRole,
    Proposal,
    ProposalState,
    VoteCount,
)
from congso.emulation.rules import EmulationError
from congso.policy import awards as policy

AGREE, DISAGREE = "agree", "disagree"


def _members(meeting: Meeting) -> list[MeetingMember]:
    return list(MeetingMember.objects.filter(meeting=meeting).select_related("person"))


def voting_open(
    *,
    actor: Actor | None,
    meeting: Meeting,
    recused: Mapping[int, Sequence[int]] | None = None,
) -> list[VoteCount]:
    """Open the electronic ballot on every candidate waiting at the meeting. `recused` maps a
    proposal to the present members declared related (by person id); the proposed person and
    the proposer, when present, are recused on their own."""
    require(actor, Cap.EMULATION_MANAGE, meeting.unit_id)
    recused = recused or {}
    with transaction.atomic():
        row = Meeting.unscoped.select_for_update(of=("self",)).get(pk=meeting.pk)
        if row.ballot_mode != BallotMode.ELECTRONIC:
            raise EmulationError(
                _("Phiên họp này bỏ phiếu bằng phiếu giấy: thư ký nhập kết quả kiểm phiếu.")
            )
        if row.voting_opened_at:
            raise EmulationError(_("Bỏ phiếu điện tử của phiên họp này đã được mở."))
        members = _members(row)
        present = {m.person_id: m for m in members if m.present}
        if not any(m.role == MemberRole.CHAIR and m.present for m in members):
            raise EmulationError(
                _("Cần một Chủ tịch Hội đồng có mặt để kết thúc bỏ phiếu: ghi vai trò chair.")
            )
        if not policy.quorum_met(present=len(present), members=len(members)):
            raise EmulationError(
                _("Không đủ số thành viên có mặt (ít nhất hai phần ba: %(present)s/%(members)s).")
                % {"present": len(present), "members": len(members)}
            )
        candidates = [
            p
            for p in Proposal.unscoped.select_for_update(of=("self",))
            .in_subtree(row.unit)
            .filter(year=row.year, state=ProposalState.PROPOSED, ballot__isnull=True)
            .order_by("title__sort", "id")
        ]
        if not candidates:
            raise EmulationError(_("Không có đề nghị nào chờ Hội đồng biểu quyết."))
        by_id = {p.pk: p for p in candidates}
        if not set(recused) <= set(by_id):
            raise EmulationError(_("Đề nghị này không thuộc phiên họp."), field="recused")
        counts = []
        for p in candidates:
            declared = {int(pk) for pk in recused.get(p.pk, ())}
            if not declared <= set(present):
                raise EmulationError(
                    _("Người rút khỏi biểu quyết phải là thành viên có mặt."), "recused"
                )
            conflicted = {p.person_id, p.proposed_by_person_id} & set(present)
            counts.append(VoteCount(meeting=row, proposal=p, recused=sorted(declared | conflicted)))
        VoteCount.objects.bulk_create(counts)
        row.voting_opened_at = timezone.now()
        row.save(update_fields=["voting_opened_at"])
        audit_record(
            actor=actor,
            action="emulation.voting_open",
            obj=row,
            new={"candidates": [c.proposal_id for c in counts]},
        )
    return counts


def ballot_cast(*, actor: Actor, meeting: Meeting, choices: Mapping[int, str]) -> int:
    """One member's ballot: `choices` maps each candidate (proposal id) the member may vote on
    to 'agree' or 'disagree'. All or nothing; a second ballot of the same member is refused
    and changes nothing. Returns the number of candidates voted on."""
    member = selectors.meeting_membership(actor=actor, meeting=meeting)
    if member is None:
        raise Http404
    if not member.present:
        raise EmulationError(_("Bạn không có tên trong danh sách thành viên có mặt."))
    with transaction.atomic():
        row = Meeting.unscoped.select_for_update(of=("self",)).get(pk=meeting.pk)
        if row.ballot_mode != BallotMode.ELECTRONIC or not row.voting_opened_at:
            raise EmulationError(_("Bỏ phiếu điện tử chưa được mở."))
        if row.voting_closed_at:
            raise EmulationError(
                _("Chủ tịch Hội đồng đã kết thúc bỏ phiếu: không nhận thêm phiếu.")
            )
        if BallotReceipt.objects.filter(meeting=row, member=member).exists():
            raise EmulationError(
                _("Bạn đã bỏ phiếu trong phiên họp này; phiếu chỉ được ghi một lần.")
            )
        counts = list(VoteCount.objects.filter(meeting=row).select_related("proposal__person"))
        allowed = {c.proposal_id: c for c in counts if member.person_id not in c.recused}
        barred = {c.proposal_id: c for c in counts if member.person_id in c.recused}
        if not allowed:
            raise EmulationError(_("Không có trường hợp nào bạn được bỏ phiếu."))
        for proposal_id in choices:
            if proposal_id in barred:
                raise EmulationError(
                    _("Bạn không được bỏ phiếu cho %(name)s (rút khỏi biểu quyết).")
                    % {"name": barred[proposal_id].proposal.subject_name},
                    field=f"v{proposal_id}",
                )
            if proposal_id not in allowed:
                raise EmulationError(_("Đề nghị này không thuộc phiên họp."))
        for proposal_id, count in allowed.items():
            if choices.get(proposal_id) not in (AGREE, DISAGREE):
                raise EmulationError(
                    _("Chọn đồng ý hoặc không đồng ý cho %(name)s.")
                    % {"name": count.proposal.subject_name},
                    field=f"v{proposal_id}",
                )
        try:
            with transaction.atomic():
                BallotReceipt.objects.create(meeting=row, member=member)
        except IntegrityError as exc:
            raise EmulationError(
                _("Bạn đã bỏ phiếu trong phiên họp này; phiếu chỉ được ghi một lần.")
            ) from exc
        for choice in (AGREE, DISAGREE):
            ids = [pid for pid in allowed if choices[pid] == choice]
            if ids:
                VoteCount.objects.filter(meeting=row, proposal_id__in=ids).update(
                    **{choice: F(choice) + 1}
                )
        # The audit names the member and the meeting, never the choices.
        audit_record(
            actor=actor,
            action="emulation.ballot_cast",
            obj=row,
            new={"candidates": len(allowed)},
        )
    return len(allowed)


def voting_close(*, actor: Actor, meeting: Meeting) -> list[Ballot]:
    """The chair closes the ballot: each candidate's counts become its tally (the title's
    threshold on the members entitled to vote: members − recused)."""
    member = selectors.meeting_membership(actor=actor, meeting=meeting)
    if member is None:
        raise Http404
    if member.role != MemberRole.CHAIR:
        raise EmulationError(_("Chỉ Chủ tịch Hội đồng kết thúc bỏ phiếu."))
    with transaction.atomic():
        row = Meeting.unscoped.select_for_update(of=("self",)).get(pk=meeting.pk)
        if not row.voting_opened_at:
            raise EmulationError(_("Bỏ phiếu điện tử chưa được mở."))
        if row.voting_closed_at:
            raise EmulationError(_("Bỏ phiếu đã kết thúc."))
        members = _members(row)
        present = sum(1 for m in members if m.present)
        counts = list(
            VoteCount.objects.filter(meeting=row).select_related("proposal__title").order_by("id")
        )
        proposals = {
            p.pk: p
            for p in Proposal.unscoped.select_for_update(of=("self",)).filter(
                pk__in=[c.proposal_id for c in counts]
            )
        }
        ballots, changes = [], []
        for count in counts:
            proposal = proposals[count.proposal_id]
            if proposal.state != ProposalState.PROPOSED:
                continue  # withdrawn while voting was open: nothing to decide
            voters = len(members) - len(count.recused)
            threshold = count.proposal.title.vote_threshold_pct
            passed = policy.vote_passes(agree=count.agree, members=voters, threshold_pct=threshold)
            ballots.append(
                Ballot(
                    meeting=row,
                    proposal=proposal,
                    members=voters,
                    present=present,
                    recused=count.recused,
                    agree=count.agree,
                    disagree=count.disagree,
                    invalid=0,
                    threshold_pct=threshold,
                    passed=passed,
                )
            )
            proposal.state = ProposalState.PASSED if passed else ProposalState.FAILED
            changes.append(
                Change(
                    "emulation.tally_record",
                    "emulation.proposal",
                    str(proposal.pk),
                    proposal.unit_id,
                    {"state": ProposalState.PROPOSED},
                    {
                        "state": proposal.state,
                        "agree": count.agree,
                        "disagree": count.disagree,
                        "voters": voters,
                        "threshold": str(threshold),
                        "electronic": True,
                    },
                )
            )
        Ballot.objects.bulk_create(ballots)
        Proposal.unscoped.bulk_update([b.proposal for b in ballots], ["state"])
        row.voting_closed_at = timezone.now()
        row.save(update_fields=["voting_closed_at"])
        changes.append(
            Change(
                "emulation.voting_close",
                "emulation.meeting",
                str(row.pk),
                row.unit_id,
                None,
                {"ballots": BallotReceipt.objects.filter(meeting=row).count()},
            )
        )
        audit_record_many(actor=actor, changes=changes)
    return ballots
