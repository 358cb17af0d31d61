"""Handling of a confirmed violation (measures, discipline, the 90/150-day limit) and appeals."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.cases.choices import AppealOutcome, CaseState, MeasureKind
from congso.cases.models import Appeal, Case, CaseEvent, Measure
from congso.cases.rules import RuleError, check_discipline
from congso.cases.services.base import case_lock
from congso.cases.services.workflow import add_event, move, stage_due
from congso.cases.signals import violation_changed
from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc


def measure_record(
    *,
    actor: Actor | None,
    case: Case,
    kind: str,
    discipline_form: str = "",
    decision_number: str = "",
    decision_date: date | None = None,
    duration_months: int | None = None,
    note: str = "",
) -> Measure:
    """Record a measure on a case being handled. Discipline needs a decision (number, date)
    and a form of the regime in force for the person's category on the decision date."""
    if kind not in MeasureKind.values:
        raise RuleError(_("Biện pháp xử lý không hợp lệ."))
    cap = Cap.CASES_DECIDE if kind == MeasureKind.DISCIPLINE else Cap.CASES_HANDLE
    require(actor, cap, case.unit_id)
    with transaction.atomic():
        case = case_lock(
            case,
            states={CaseState.HANDLING},
            refusal=_("Chỉ ghi biện pháp khi vụ việc đang xử lý."),
        )
        regime = ""
        if kind == MeasureKind.DISCIPLINE:
            if not decision_number.strip() or decision_date is None:
                raise RuleError(_("Kỷ luật cần số và ngày quyết định."))
            person = case.person
            if person is None:
                raise RuleError(_("Kỷ luật cần xác định người vi phạm."))
            regime = check_discipline(
                category=person.category,
                on=decision_date,
                form=discipline_form,
                is_leader=person.is_leader,
            ).code
        else:
            discipline_form = ""
        measure = Measure.objects.create(
            case=case,
            kind=kind,
            discipline_form=discipline_form,
            regime=regime,
            decision_number=nfc(decision_number),
            decision_date=decision_date,
            duration_months=duration_months,
            note=nfc(note),
            created_by_id=actor.user_id if actor else None,
        )
        add_event(actor=actor, case=case, action="measure", note=str(MeasureKind(kind).label))
        audit_record(
            actor=actor,
            action="cases.measure_record",
            obj=case,
            new={
                "measure": measure.pk,
                "kind": kind,
                "form": discipline_form,
                "regime": regime,
                "decision": measure.decision_number,
                "decision_date": decision_date,
                "duration_months": duration_months,
            },
        )
    return measure


def processing_extend(*, actor: Actor | None, case: Case, reason: str) -> Case:
    """Extend the discipline processing limit from 90 to 150 days (NĐ 172/2025)."""
    require(actor, Cap.CASES_DECIDE, case.unit_id)
    if not nfc(reason):
        raise RuleError(_("Cần ghi lý do gia hạn."))
    with transaction.atomic():
        locked = case_lock(case)
        if locked.processing_started_on is None or locked.processing_extended:
            raise RuleError(_("Vụ việc chưa xử lý kỷ luật hoặc đã được gia hạn."))
        locked.processing_extended = True
        locked.save(update_fields=["processing_extended", "updated_at"])
        add_event(actor=actor, case=locked, action="extend", note=nfc(reason))
        audit_record(
            actor=actor,
            action="cases.processing_extend",
            obj=locked,
            old={"extended": False},
            new={"extended": True, "reason": nfc(reason)},
        )
    case.refresh_from_db()
    return case


def appeal_file(*, actor: Actor, case: Case, reason: str) -> Appeal:
    """The person concerned appeals the confirmed violation, within the appeal window."""
    reason = nfc(reason)
    if not reason:
        raise RuleError(_("Cần ghi lý do khiếu nại."))
    with transaction.atomic():
        locked = case_lock(case)
        move(actor=actor, case=locked, to=CaseState.APPEALED, note=reason)
        appeal = Appeal.objects.create(
            case=locked,
            filed_by_id=actor.user_id,
            reason=reason,
            review_due_on=locked.due_on,
        )
    case.refresh_from_db()
    return appeal


def _confirmed_by(case: Case) -> int | None:
    event = (
        CaseEvent.objects.filter(case=case, to_state=CaseState.CONFIRMED)
        .order_by("-at", "-id")
        .first()
    )
    return event.actor_user_id if event else None


def appeal_review(*, actor: Actor | None, case: Case, outcome: str, note: str = "") -> Appeal:
    """A higher level decides the pending appeal. `reversed` annuls the finding: it leaves
    confirmed_violations, and the award freeze is recomputed."""
    if outcome not in (AppealOutcome.UPHELD, AppealOutcome.REVERSED):
        raise RuleError(_("Cần chọn kết quả xem xét khiếu nại."))
    if actor is not None and actor.user_id is not None and actor.user_id == _confirmed_by(case):
        raise RuleError(_("Người đã kết luận vi phạm không tự xem xét khiếu nại của kết luận đó."))
    with transaction.atomic():
        locked = case_lock(case)
        appeal = locked.appeals.filter(outcome=AppealOutcome.PENDING).last()
        if appeal is None:
            raise RuleError(_("Không có khiếu nại đang chờ xem xét."))
        if outcome == AppealOutcome.REVERSED:
            locked.reversed = True
            locked.save(update_fields=["reversed", "updated_at"])
            audit_record(
                actor=actor,
                action="cases.finding_reverse",
                obj=locked,
                old={"reversed": False},
                new={"reversed": True, "note": nfc(note)},
            )
            if locked.person_id:
                person_id, code = locked.person_id, locked.code
                transaction.on_commit(
                    lambda: violation_changed.send(
                        sender=Case, person_id=person_id, case_code=code, change="reversed"
                    )
                )
        move(actor=actor, case=locked, to=CaseState.REVIEWED, note=nfc(note), outcome=outcome)
        appeal.outcome = outcome
        appeal.review_note = nfc(note)
        appeal.reviewed_by_id = actor.user_id if actor else None
        appeal.reviewed_at = timezone.now()
        appeal.save(update_fields=["outcome", "review_note", "reviewed_by", "reviewed_at"])
    case.refresh_from_db()
    return appeal


__all__ = ["appeal_file", "appeal_review", "measure_record", "processing_extend", "stage_due"]
