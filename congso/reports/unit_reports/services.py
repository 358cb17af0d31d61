"""The one writer of unit reports: save the draft, submit (idempotent), accept, return.

Every change writes an audit row; a repeated submission changes nothing and is audited as a
repeat. Each move locks the report row (SELECT … FOR UPDATE) so two clicks, or two officials,
cannot both move it."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.scoping import Actor
from congso.reports.unit_reports import figures, rules, selectors
from congso.reports.unit_reports.models import UnitReport


class UnitReportError(Exception):
    """A move the report's state or the actor does not allow (Vietnamese message)."""


def _locked(pk) -> UnitReport:
    return UnitReport.unscoped.select_for_update(of=("self",)).select_related("unit").get(pk=pk)


def report_open(*, actor: Actor, unit, kind: str, year: int, seq: int) -> UnitReport:
    """The unit's report for the period, created as a draft the first time (one per period:
    the unique constraint settles two simultaneous first openings)."""
    if not selectors.may_write(actor, unit):
        raise Http404
    existing = selectors.report_for(actor=actor, unit=unit, kind=kind, year=year, seq=seq)
    if existing is not None:
        return existing
    due = selectors.due_on(unit, kind, year, seq)
    try:
        with transaction.atomic():
            report = UnitReport.objects.create(unit=unit, kind=kind, year=year, seq=seq, due_on=due)
            audit_record(
                actor=actor,
                action="reports.unit_report_create",
                obj=report,
                new={"kind": kind, "year": year, "seq": seq, "due_on": due},
            )
    except IntegrityError:
        report = UnitReport.unscoped.get(unit=unit, kind=kind, year=year, seq=seq)
    return report


def report_save(*, actor: Actor, report: UnitReport, narrative: dict) -> UnitReport:
    """Save what the unit wrote (draft or returned report only)."""
    if not selectors.may_write(actor, report.unit):
        raise Http404
    clean = rules.clean_narrative(narrative, figures.SECTION_KEYS)
    with transaction.atomic():
        locked = _locked(report.pk)
        if not rules.can_edit(locked.state):
            raise UnitReportError(
                _("Báo cáo đã gửi lên cấp trên, không sửa được nữa (trừ khi bị trả lại).")
            )
        if clean == locked.narrative:
            return locked
        old = locked.narrative
        locked.narrative = clean
        locked.save(update_fields=["narrative", "updated_at"])
        audit_record(
            actor=actor,
            action="reports.unit_report_save",
            obj=locked,
            old={"sections": sorted(old)},
            new={"sections": sorted(clean)},
        )
    return locked


def report_submit(*, actor: Actor, report: UnitReport, narrative: dict | None = None) -> bool:
    """Send the report to the unit above: the sections are frozen as they stand now. A report
    already sent (or accepted) is kept as it is and the repeat is audited. True when this call
    sent it."""
    if not selectors.may_write(actor, report.unit):
        raise Http404
    if narrative is not None:
        clean = rules.clean_narrative(narrative, figures.SECTION_KEYS)
    with transaction.atomic():
        locked = _locked(report.pk)
        if rules.submit_outcome(locked.state) == rules.SubmitOutcome.REPEAT:
            audit_record(
                actor=actor,
                action="reports.unit_report_submit_repeat",
                obj=locked,
                new={"state": locked.state, "submissions": locked.submissions},
            )
            return False
        old_state = locked.state
        if narrative is not None:
            locked.narrative = clean
        sections = figures.live_sections(locked.unit, locked.kind, locked.year, locked.seq)
        now = timezone.now()
        locked.snapshot = figures.to_json(sections)
        locked.state = rules.SUBMITTED
        locked.submissions += 1
        locked.submitted_at = locked.submitted_at or now
        locked.last_submitted_at = now
        locked.submitted_by_id = actor.user_id
        locked.save()
        audit_record(
            actor=actor,
            action=(
                "reports.unit_report_resubmit"
                if old_state == rules.RETURNED
                else "reports.unit_report_submit"
            ),
            obj=locked,
            old={"state": old_state},
            new={
                "state": locked.state,
                "submissions": locked.submissions,
                "late": now.date() > locked.due_on,
            },
        )
    return True


def report_review(*, actor: Actor, report: UnitReport, accept: bool, reason: str = "") -> None:
    """The unit above accepts the report, or returns it with a reason."""
    if not selectors.may_review(actor, report.unit):
        raise Http404
    reason = (reason or "").strip()
    if not accept and not reason:
        raise UnitReportError(_("Nhập lý do trả lại báo cáo."))
    if len(reason) > rules.MAX_REASON:
        raise UnitReportError(_("Lý do trả lại dài quá %(n)s ký tự.") % {"n": rules.MAX_REASON})
    with transaction.atomic():
        locked = _locked(report.pk)
        if not rules.can_review(locked.state):
            raise UnitReportError(_("Báo cáo này không ở trạng thái chờ xem xét."))
        old = locked.state
        locked.state = rules.ACCEPTED if accept else rules.RETURNED
        locked.return_reason = "" if accept else reason
        locked.reviewed_at = timezone.now()
        locked.reviewed_by_id = actor.user_id
        locked.save()
        audit_record(
            actor=actor,
            action="reports.unit_report_accept" if accept else "reports.unit_report_return",
            obj=locked,
            old={"state": old},
            new={"state": locked.state, **({} if accept else {"reason": reason})},
        )
