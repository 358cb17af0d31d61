"""The steps after the proposal: collective review → head's approval → published → appeal
window (working days, the province's calendar) → final; appeals; decisions after final; results
marked for review when a violation is confirmed or reversed after a result exists."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.accounts.models import RoleGrant, User
from congso.cases.models import Notification
from congso.common.audit import audit_record
from congso.common.calendar import deadline_after
from congso.common.permissions import Cap, Role
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.evaluation import gather as gathering
from congso.evaluation.models import AppealState, Result, ResultAppeal, Run, RunState
from congso.evaluation.rules import EvaluationError
from congso.evaluation.services.classification import (
    INCOMPLETE,
    decide_person,
    policy_of,
    unit_titles,
)
from congso.evaluation.services.sheets import settings_for
from congso.org.models import OrgUnit

LEVELS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV", "not_rated")


def _step(actor: Actor | None, run: Run, expected: str, to: str, action: str, **fields) -> Run:
    require(actor, Cap.EVALUATION_APPROVE, run.unit_id)
    with transaction.atomic():
        run = Run.unscoped.select_for_update().get(pk=run.pk)
        if run.state != expected:
            raise EvaluationError(
                _("Đợt xếp loại đang ở bước “%(state)s”, không chuyển được.")
                % {"state": run.get_state_display()}
            )
        old = {"state": run.state}
        run.state = to
        for name, value in fields.items():
            setattr(run, name, value)
        run.save()
        audit_record(
            actor=actor,
            action=action,
            obj=run,
            old=old,
            new={"state": to, **{k: str(v) for k, v in fields.items()}},
        )
    return run


def run_review(
    *,
    actor: Actor | None,
    run: Run,
    meeting_date: date,
    attendees: str,
    minutes=None,
    collective_level: str = "",
) -> Run:
    """The collective review: meeting date, attendees and the minutes attached; the
    collective's own level (given by the level above) when known, for R15's titles."""
    attendees = nfc(attendees or "").strip()
    if collective_level and collective_level not in LEVELS[:4]:
        raise EvaluationError(_("Mức xếp loại không hợp lệ."), "collective_level")
    if not meeting_date or not attendees:
        raise EvaluationError(_("Cần ghi ngày họp và thành phần dự họp."), "meeting_date")
    if minutes is None:
        raise EvaluationError(_("Cần đính kèm biên bản cuộc họp."), "minutes")
    fields = {"meeting_date": meeting_date, "attendees": attendees, "minutes": minutes}
    if collective_level:
        results = list(run.results.all())
        fields["collective_level"] = collective_level
        fields["titles"] = unit_titles(results, collective_level, policy_of(run))
    return _step(
        actor, run, RunState.PROPOSAL, RunState.REVIEWED, "evaluation.run_review", **fields
    )


def run_approve(*, actor: Actor | None, run: Run) -> Run:
    """The head approves the reviewed list (nothing incomplete or awaiting review left)."""
    require(actor, Cap.EVALUATION_APPROVE, run.unit_id)
    open_items = run.results.filter(classification=INCOMPLETE).count()
    if open_items or run.results.filter(needs_review=True).exists():
        raise EvaluationError(
            _("Còn kết quả chưa đủ dữ liệu hoặc đang chờ xem xét lại; chưa duyệt được.")
        )
    return _step(
        actor,
        run,
        RunState.REVIEWED,
        RunState.APPROVED,
        "evaluation.run_approve",
        approved_at=timezone.now(),
    )


def run_publish(*, actor: Actor | None, run: Run, today: date | None = None) -> Run:
    """Publish to each person; the appeal window runs in working days from today."""
    day = today or timezone.localdate()
    config = settings_for(run.unit_id)
    days = config.appeal_working_days if config else 5
    run = _step(
        actor,
        run,
        RunState.APPROVED,
        RunState.PUBLISHED,
        "evaluation.run_publish",
        published_on=day,
        appeal_deadline=deadline_after(day, days),
    )
    users = list(
        User.objects.filter(
            person_id__in=run.results.values("person_id"), is_active=True
        ).values_list("id", flat=True)
    )
    text = _("Kết quả xếp loại năm %(year)s đã công khai; kiến nghị trước %(day)s.") % {
        "year": run.year,
        "day": deadline_after(day, days).strftime("%d/%m/%Y"),
    }
    Notification.objects.bulk_create([Notification(user_id=u, text=text) for u in users])
    return run


def run_finalise(*, actor: Actor | None, run: Run, today: date | None = None) -> Run:
    """Final once the appeal window has passed and every appeal is answered."""
    require(actor, Cap.EVALUATION_APPROVE, run.unit_id)
    day = today or timezone.localdate()
    if run.appeal_deadline and day <= run.appeal_deadline:
        raise EvaluationError(
            _("Chưa hết thời hạn kiến nghị (đến hết ngày %(day)s).")
            % {"day": run.appeal_deadline.strftime("%d/%m/%Y")}
        )
    if ResultAppeal.unscoped.filter(result__run=run, state=AppealState.PENDING).exists():
        raise EvaluationError(_("Còn kiến nghị chưa trả lời."))
    return _step(
        actor,
        run,
        RunState.PUBLISHED,
        RunState.FINAL,
        "evaluation.run_finalise",
        final_at=timezone.now(),
    )


def appeal_file(*, actor: Actor, result: Result, text: str, today: date | None = None):
    """The person objects to their published result, inside the window."""
    day = today or timezone.localdate()
    if actor.person_id != result.person_id:
        raise EvaluationError(_("Chỉ người được xếp loại mới kiến nghị về kết quả của mình."))
    run = result.run
    if run.state != RunState.PUBLISHED or not run.appeal_deadline:
        raise EvaluationError(_("Kết quả chưa công khai hoặc đã chốt; không nhận kiến nghị."))
    if day > run.appeal_deadline:
        raise EvaluationError(
            _("Đã hết thời hạn kiến nghị (hết ngày %(day)s).")
            % {"day": run.appeal_deadline.strftime("%d/%m/%Y")}
        )
    text = nfc(text or "").strip()
    if not text:
        raise EvaluationError(_("Cần ghi nội dung kiến nghị."), "text")
    with transaction.atomic():
        appeal = ResultAppeal.unscoped.create(
            unit_id=result.unit_id,
            result=result,
            person_id=result.person_id,
            text=text,
            filed_on=day,
        )
        audit_record(actor=actor, action="evaluation.appeal_file", obj=appeal, new={"text": text})
    return appeal


def appeal_answer(
    *, actor: Actor | None, appeal: ResultAppeal, answer: str, classification: str = ""
) -> ResultAppeal:
    """The head answers; a changed level is recorded on the result with the answer as reason."""
    require(actor, Cap.EVALUATION_APPROVE, appeal.result.run.unit_id)
    answer = nfc(answer or "").strip()
    if not answer:
        raise EvaluationError(_("Cần ghi nội dung trả lời."), "answer")
    if appeal.state != AppealState.PENDING:
        raise EvaluationError(_("Kiến nghị này đã được trả lời."))
    with transaction.atomic():
        if classification and classification != appeal.result.classification:
            _set_level(actor, appeal.result, classification, answer, "evaluation.appeal_change")
            appeal.state = AppealState.CHANGED
        else:
            appeal.state = AppealState.UPHELD
        appeal.answer = answer
        appeal.save(update_fields=["state", "answer"])
        audit_record(
            actor=actor,
            action="evaluation.appeal_answer",
            obj=appeal,
            new={"state": appeal.state, "answer": answer},
        )
    return appeal


def _set_level(actor, result: Result, level: str, why: str, action: str) -> None:
    if level not in LEVELS:
        raise EvaluationError(_("Mức xếp loại không hợp lệ."), "classification")
    old = result.classification
    result.classification = level
    result.reasons = [
        *result.reasons,
        {"code": "DECISION", "text_vi": f"Điều chỉnh từ {old} thành {level}: {why}", "basis": ""},
    ]
    result.needs_review = False
    result.save(update_fields=["classification", "reasons", "needs_review"])
    audit_record(
        actor=actor,
        action=action,
        obj=result,
        old={"classification": old},
        new={"classification": level, "reason": why},
    )


def result_decide(*, actor: Actor | None, result: Result, classification: str, decision: str):
    """A change to a result after final, or settling a result marked for review: only with a
    recorded decision (number and content), audited."""
    require(actor, Cap.EVALUATION_APPROVE, result.run.unit_id)
    decision = nfc(decision or "").strip()
    if len(decision) < 10:
        raise EvaluationError(
            _("Cần ghi quyết định (số, ngày, nội dung) để thay đổi kết quả."), "decision"
        )
    with transaction.atomic():
        _set_level(actor, result, classification, decision, "evaluation.result_decide")
    return result


def results_mark_for_review(*, person_id: int, why: str) -> int:
    """A violation of the person was confirmed or reversed after a result exists: recompute
    the proposal, mark each stored result of the violation's years for review with the new
    proposal and why, and tell the person and the heads. Returns how many were marked."""
    results = list(Result.unscoped.filter(person_id=person_id).select_related("run", "run__unit"))
    marked = 0
    notices = []
    for result in results:
        run = result.run
        items = gathering.gather(year=run.year, unit=_root_of(run.unit), person_ids=[person_id])
        if not items:
            continue
        fresh = decide_person(items[0], policy_of(run))
        with transaction.atomic():
            result.needs_review = True
            result.review_note = nfc(why)
            result.review_proposal = {
                "classification": fresh.classification,
                "ldtt_eligible": fresh.ldtt_eligible,
                "reasons": fresh.reasons,
                "inputs": fresh.inputs,
            }
            result.save(update_fields=["needs_review", "review_note", "review_proposal"])
            audit_record(
                actor=None,
                action="evaluation.result_mark_review",
                obj=result,
                old={"classification": result.classification},
                new={"proposal": fresh.classification, "why": why},
            )
        marked += 1
        text = _("Kết quả xếp loại năm %(year)s cần xem xét lại: %(why)s") % {
            "year": run.year,
            "why": why,
        }
        heads = RoleGrant.objects.filter(
            role=Role.UNIT_HEAD, unit__path__in=_ancestor_paths(run.unit)
        ).values_list("user_id", flat=True)
        users = set(heads) | set(
            User.objects.filter(person_id=person_id).values_list("id", flat=True)
        )
        notices += [Notification(user_id=u, text=text[:300]) for u in users]
    Notification.objects.bulk_create(notices)
    return marked


def _root_of(unit: OrgUnit) -> OrgUnit:
    root_id = int(unit.path.strip("/").split("/")[0])
    return OrgUnit.unscoped.get(pk=root_id)


def _ancestor_paths(unit: OrgUnit) -> list[str]:
    ids = unit.path.strip("/").split("/")
    return ["/" + "/".join(ids[: i + 1]) + "/" for i in range(len(ids))]
