"""Initiatives, award proposals, the council's tally, decisions, awards and revocation.
Every change to an award writes an audit row."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from congso.common.audit import Change, audit_record, audit_record_many
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.emulation import rules, selectors
from congso.emulation.models import (
    Award,
    AwardKind,
    AwardTitle,
    Ballot,
    BallotMode,
    BaseSalary,
    Decision,
    Initiative,
    InitiativeScope,
    InitiativeState,
    Meeting,
    MeetingMember,
    Proposal,
    ProposalState,
    RecordSource,
    TitleCoefficient,
    TitleRecord,
)
from congso.emulation.rules import EmulationError
from congso.evaluation import services as evaluation
from congso.org.models import OrgUnit, Person
from congso.policy import awards as policy

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def initiative_submit(
    *,
    actor: Actor | None,
    person: Person,
    year: int,
    name: str,
    summary: str,
    scope: str = InitiativeScope.BASE,
) -> Initiative:
    if actor is not None and person.pk != actor.person_id:
        require(actor, Cap.EMULATION_REGISTER, person.unit_id)
    name, summary = nfc(name).strip(), nfc(summary).strip()
    if not name or not summary:
        raise EmulationError(_("Ghi tên và tóm tắt nội dung, hiệu quả của sáng kiến."), "name")
    with transaction.atomic():
        row = Initiative.unscoped.create(
            unit_id=person.unit_id,
            person=person,
            year=year,
            name=name,
            summary=summary,
            scope=scope,
        )
        audit_record(
            actor=actor,
            action="emulation.initiative_submit",
            obj=row,
            new={"name": name, "year": year, "scope": scope},
        )
    return row


def initiative_decide(
    *, actor: Actor | None, initiative: Initiative, recognise: bool, on: date, note: str = ""
) -> Initiative:
    """The competent council recognises (or not) a sáng kiến; recognition sets the person's
    `recognised_initiative` for the year in the evaluation app (R13)."""
    require(actor, Cap.EMULATION_MANAGE, initiative.unit_id)
    with transaction.atomic():
        row = (
            Initiative.unscoped.select_for_update(of=("self",))
            .select_related("person")
            .get(pk=initiative.pk)
        )
        if row.state != InitiativeState.SUBMITTED:
            raise EmulationError(_("Sáng kiến này đã được Hội đồng xét."))
        row.state = InitiativeState.RECOGNISED if recognise else InitiativeState.REJECTED
        row.recognised_on = on if recognise else None
        row.council_note = nfc(note).strip()
        row.save(update_fields=["state", "recognised_on", "council_note"])
        audit_record(
            actor=actor,
            action="emulation.initiative_decide",
            obj=row,
            old={"state": InitiativeState.SUBMITTED},
            new={"state": row.state},
        )
        if recognise:
            evaluation.year_facts_set_initiative(
                actor=actor,
                person=row.person,
                unit_id=row.unit_id,
                year=row.year,
                recognised=True,
            )
    return row


def proposal_create(
    *,
    actor: Actor,
    title: AwardTitle,
    year: int,
    achievement: str,
    person: Person | None = None,
    unit: OrgUnit | None = None,
) -> Proposal:
    """Propose an eligible person (or collective `unit`) for a title. The rules decide: a
    blocked subject is refused with the reasons and the articles."""
    if person is None and unit is None:
        raise Http404
    unit_id = person.unit_id if person is not None else unit.pk  # type: ignore[union-attr]
    require(actor, Cap.EMULATION_PROPOSE, unit_id)
    achievement = nfc(achievement).strip()
    if not achievement:
        raise EmulationError(_("Báo cáo thành tích không được để trống."), field="achievement")
    found = selectors.eligibility_of(actor=actor, title=title, year=year, person=person, unit=unit)
    if not found.eligible:
        why = "; ".join(f"{r['text_vi']} ({r['basis']})" for r in found.blocking)
        raise EmulationError(
            _("Không thể đề nghị %(title)s: %(why)s") % {"title": title.name, "why": why},
            field="title",
        )
    dossier = {"reasons": list(found.reasons), "title": title.code, "year": year}
    if person is not None:
        dossier["initiatives"] = list(
            Initiative.unscoped.filter(
                person=person, state=InitiativeState.RECOGNISED, year__gte=year - 2
            ).values("name", "year", "scope")
        )
    try:
        with transaction.atomic():
            row = Proposal.unscoped.create(
                unit_id=unit_id,
                year=year,
                title=title,
                person=person,
                achievement=achievement,
                dossier=dossier,
                proposed_by=actor.display_name if actor else "",
                proposed_by_person_id=actor.person_id if actor else None,
            )
            audit_record(
                actor=actor,
                action="emulation.proposal_create",
                obj=row,
                new={"title": title.code, "year": year, "person": row.person_id},
            )
    except IntegrityError as exc:
        raise EmulationError(
            _("Đã có đề nghị danh hiệu này cho đối tượng này trong năm."), field="title"
        ) from exc
    return row


def proposal_withdraw(*, actor: Actor | None, proposal: Proposal) -> Proposal:
    require(actor, Cap.EMULATION_PROPOSE, proposal.unit_id)
    with transaction.atomic():
        row = Proposal.unscoped.select_for_update(of=("self",)).get(pk=proposal.pk)
        if row.state != ProposalState.PROPOSED:
            raise EmulationError(_("Chỉ rút được đề nghị chưa đưa ra Hội đồng."))
        row.state = ProposalState.WITHDRAWN
        row.save(update_fields=["state"])
        audit_record(
            actor=actor,
            action="emulation.proposal_withdraw",
            obj=row,
            old={"state": ProposalState.PROPOSED},
            new={"state": row.state},
        )
    return row


def meeting_create(
    *,
    actor: Actor | None,
    unit: OrgUnit,
    year: int,
    held_on: date,
    place: str,
    members: list[tuple[Person, str, bool]],
    ballot_mode: str = BallotMode.PAPER,
) -> Meeting:
    """A council meeting with its members: (person, role, present), voted on paper (the
    secretary enters the tally) or electronically (services.ballot)."""
    require(actor, Cap.EMULATION_MANAGE, unit.pk)
    if ballot_mode not in BallotMode.values:
        raise EmulationError(_("Chọn hình thức bỏ phiếu."), field="ballot_mode")
    if not members:
        raise EmulationError(_("Hội đồng phải có thành viên."), field="members")
    if len({p.pk for p, _r, _p in members}) != len(members):
        raise EmulationError(_("Một người được ghi hai lần trong thành phần Hội đồng."), "members")
    with transaction.atomic():
        meeting = Meeting.unscoped.create(
            unit=unit,
            year=year,
            held_on=held_on,
            place=nfc(place).strip(),
            ballot_mode=ballot_mode,
        )
        MeetingMember.objects.bulk_create(
            MeetingMember(meeting=meeting, person=p, role=role, present=present)
            for p, role, present in members
        )
        audit_record(
            actor=actor,
            action="emulation.meeting_create",
            obj=meeting,
            new={
                "held_on": held_on.isoformat(),
                "members": [p.pk for p, *_x in members],
                "ballot_mode": ballot_mode,
            },
        )
    return meeting


def tally_record(
    *,
    actor: Actor | None,
    meeting: Meeting,
    proposal: Proposal,
    agree: int,
    disagree: int,
    invalid: int = 0,
    recused: Sequence[int] = (),
) -> Ballot:
    """Record the secret-ballot tally of one proposal. A present member who is the proposed
    person or who made the proposal must be recused (they do not vote on it); the ballots
    cannot exceed the members present who may vote; quorum is two thirds of the members; the
    threshold is the title's, counted on the members entitled to vote."""
    require(actor, Cap.EMULATION_MANAGE, meeting.unit_id)
    if meeting.closed:
        raise EmulationError(_("Phiên họp đã kết thúc."))
    if meeting.ballot_mode == BallotMode.ELECTRONIC:
        raise EmulationError(
            _("Phiên họp này bỏ phiếu điện tử: kết quả do hệ thống kiểm khi Chủ tịch kết thúc.")
        )
    if min(agree, disagree, invalid) < 0:
        raise EmulationError(_("Số phiếu không được âm."), field="agree")
    if not proposal.unit.path.startswith(meeting.unit.path) or proposal.year != meeting.year:
        raise EmulationError(_("Đề nghị này không thuộc phiên họp."))
    members = list(MeetingMember.objects.filter(meeting=meeting).select_related("person"))
    present = {m.person_id: m for m in members if m.present}
    recused_set = {int(pk) for pk in recused}
    if not recused_set <= set(present):
        raise EmulationError(_("Người rút khỏi biểu quyết phải là thành viên có mặt."), "recused")
    for conflicted in (proposal.person_id, proposal.proposed_by_person_id):
        if conflicted in present and conflicted not in recused_set:
            raise EmulationError(
                _(
                    "%(name)s là người được đề nghị hoặc người đề nghị: không được bỏ phiếu cho "
                    "đề nghị này, phải ghi rút khỏi biểu quyết."
                )
                % {"name": present[conflicted].person.full_name},
                field="recused",
            )
    if not policy.quorum_met(present=len(present), members=len(members)):
        raise EmulationError(
            _("Không đủ số thành viên có mặt (ít nhất hai phần ba: %(present)s/%(members)s).")
            % {"present": len(present), "members": len(members)}
        )
    rules.check_tally(
        present=len(present),
        recused=len(recused_set),
        agree=agree,
        disagree=disagree,
        invalid=invalid,
    )
    voters = len(members) - len(recused_set)
    threshold = proposal.title.vote_threshold_pct
    passed = policy.vote_passes(agree=agree, members=voters, threshold_pct=threshold)
    with transaction.atomic():
        row = Proposal.unscoped.select_for_update(of=("self",)).get(pk=proposal.pk)
        if row.state != ProposalState.PROPOSED:
            raise EmulationError(_("Đề nghị này đã được biểu quyết hoặc đã rút."))
        ballot = Ballot.objects.create(
            meeting=meeting,
            proposal=row,
            members=voters,
            present=len(present),
            recused=sorted(recused_set),
            agree=agree,
            disagree=disagree,
            invalid=invalid,
            threshold_pct=threshold,
            passed=passed,
        )
        row.state = ProposalState.PASSED if passed else ProposalState.FAILED
        row.save(update_fields=["state"])
        audit_record(
            actor=actor,
            action="emulation.tally_record",
            obj=row,
            old={"state": ProposalState.PROPOSED},
            new={
                "state": row.state,
                "agree": agree,
                "disagree": disagree,
                "invalid": invalid,
                "voters": voters,
                "threshold": str(threshold),
            },
        )
    return ballot


def base_salary_on(day: date) -> int:
    row = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if row is None:
        raise EmulationError(_("Chưa khai báo mức lương cơ sở áp dụng tại ngày ký quyết định."))
    return row.amount


def coefficients_on(title_ids, day: date) -> dict[int, Decimal]:
    """The bonus coefficient of each title in force on `day` (one query)."""
    found: dict[int, Decimal] = {}
    rows = (
        TitleCoefficient.objects.filter(title_id__in=title_ids, valid_from__lte=day)
        .order_by("title_id", "-valid_from")
        .values_list("title_id", "coefficient")
    )
    for title_id, coefficient in rows:
        found.setdefault(title_id, coefficient)
    return found


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(10))


def decision_issue(
    *,
    actor: Actor | None,
    unit: OrgUnit,
    year: int,
    number: int,
    signed_on: date,
    signer: str,
    signer_title: str,
    subject: str,
    proposals: list[Proposal],
    meeting: Meeting | None = None,
) -> Decision:
    """Issue an award decision for proposals the council passed: one award each, with the
    bonus (the coefficient and the base salary in force on the signing day) and a
    certificate code; the titles enter the history. The number is unique per issuing unit
    and year."""
    require(actor, Cap.EMULATION_MANAGE, unit.pk)
    if number <= 0:
        raise EmulationError(_("Số quyết định phải là số nguyên dương."), field="number")
    if not proposals:
        raise EmulationError(_("Chọn ít nhất một đề nghị đã được Hội đồng thông qua."))
    signer, signer_title = nfc(signer).strip(), nfc(signer_title).strip()
    if not signer or not signer_title:
        raise EmulationError(_("Ghi người ký và chức vụ."), field="signer")
    if Decision.unscoped.filter(unit=unit, year=year, number=number).exists():
        raise EmulationError(
            _("Số %(ref)s đã dùng cho một quyết định khác trong năm %(year)s.")
            % {"ref": f"{number}/QĐ-UBND", "year": year},
            field="number",
        )
    salary = base_salary_on(signed_on)
    try:
        with transaction.atomic():
            locked = list(
                Proposal.unscoped.select_for_update(of=("self",))
                .filter(pk__in=[p.pk for p in proposals])
                .select_related("title", "person", "unit")
            )
            for p in locked:
                if p.state != ProposalState.PASSED or not p.unit.path.startswith(unit.path):
                    raise EmulationError(
                        _("Đề nghị của %(name)s chưa được Hội đồng thông qua.")
                        % {"name": p.subject_name}
                    )
            coefficients = coefficients_on({p.title_id for p in locked}, signed_on)
            for p in locked:
                if p.title_id not in coefficients:
                    raise EmulationError(
                        _("Chưa khai báo hệ số tiền thưởng của “%(title)s” áp dụng tại ngày ký.")
                        % {"title": p.title.name}
                    )
            decision = Decision.objects.create(
                unit=unit,
                year=year,
                number=number,
                signed_on=signed_on,
                signer=signer,
                signer_title=signer_title,
                subject=nfc(subject).strip(),
                meeting=meeting,
            )
            changes = [
                Change(
                    "emulation.decision_issue",
                    "emulation.decision",
                    str(decision.pk),
                    unit.pk,
                    None,
                    {"ref": decision.ref, "year": year, "count": len(locked)},
                )
            ]
            for p in locked:
                award = Award.unscoped.create(
                    unit_id=p.unit_id,
                    decision=decision,
                    proposal=p,
                    title=p.title,
                    person=p.person,
                    subject_name=p.subject_name,
                    amount=rules.bonus(coefficients[p.title_id], salary),
                    code=_code(),
                )
                p.state = ProposalState.AWARDED
                p.save(update_fields=["state"])
                if p.title.kind == AwardKind.TITLE:
                    TitleRecord.unscoped.get_or_create(
                        unit_id=p.unit_id,
                        person=p.person,
                        year=p.year,
                        title=p.title,
                        defaults={"decision_ref": decision.ref, "source": RecordSource.DECISION},
                    )
                changes.append(
                    Change(
                        "emulation.award_create",
                        "emulation.award",
                        str(award.pk),
                        p.unit_id,
                        None,
                        {
                            "decision": decision.ref,
                            "title": p.title.code,
                            "subject": p.subject_name,
                            "amount": award.amount,
                        },
                    )
                )
            audit_record_many(actor=actor, changes=changes)
    except IntegrityError as exc:
        raise EmulationError(
            _("Số %(ref)s đã dùng cho một quyết định khác trong năm %(year)s.")
            % {"ref": f"{number}/QĐ-UBND", "year": year},
            field="number",
        ) from exc
    return decision


def award_revoke(
    *, actor: Actor | None, award: Award, reason: str, on: date, recover_amount: int | None = None
) -> Award:
    """Revoke an award (Luật TĐKT 2022 Ch. VII): the reason and the amount to recover (the
    whole bonus unless stated); the certificate page then says it was revoked."""
    require(actor, Cap.EMULATION_MANAGE, award.unit_id)
    reason = nfc(reason).strip()
    if not reason:
        raise EmulationError(_("Ghi lý do hủy bỏ khen thưởng."), field="reason")
    with transaction.atomic():
        row = Award.unscoped.select_for_update(of=("self",)).get(pk=award.pk)
        if row.revoked_on:
            raise EmulationError(_("Khen thưởng này đã bị hủy bỏ."))
        amount = row.amount if recover_amount is None else recover_amount
        if not 0 <= amount <= row.amount:
            raise EmulationError(
                _("Số tiền thu hồi phải từ 0 đến số tiền đã thưởng."), field="recover_amount"
            )
        row.revoked_on, row.revoke_reason, row.recover_amount = on, reason, amount
        row.save(update_fields=["revoked_on", "revoke_reason", "recover_amount"])
        audit_record(
            actor=actor,
            action="emulation.award_revoke",
            obj=row,
            old={"revoked_on": None},
            new={"revoked_on": on.isoformat(), "reason": reason, "recover": amount},
        )
    return row
