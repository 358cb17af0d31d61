"""Screening of new reports: spam, duplicate, forward to the right unit, or accept as a case."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.cases.choices import CaseSource, ReportStatus
from congso.cases.models import Case, Evidence, Report
from congso.cases.rules import RuleError
from congso.cases.services.base import clean_text
from congso.cases.services.workflow import case_create
from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require

PENDING = (ReportStatus.NEW, ReportStatus.FORWARDED)


def _check(actor: Actor, report: Report) -> None:
    require(actor, Cap.CASES_SCREEN, report.unit_id)
    if report.status not in PENDING:
        raise RuleError(_("Phản ánh này đã được sàng lọc."))


def _screen(
    *,
    actor: Actor,
    report: Report,
    status: str,
    note: str,
    extra: dict | None = None,
    old_unit: int | None = None,
) -> Report:
    old = {"status": report.status, "unit": old_unit or report.unit_id}
    report.status = status
    report.screening_note = clean_text(note)
    report.screened_at = timezone.now()
    report.save(
        update_fields=[
            "status",
            "screening_note",
            "screened_at",
            "unit",
            "duplicate_of",
            "forwarded_to",
            "case",
        ]
    )
    audit_record(
        actor=actor,
        action="cases.report_screen",
        obj=report,
        old=old,
        new={"status": status, "unit": report.unit_id, **(extra or {})},
    )
    return report


def report_mark_spam(*, actor: Actor, report: Report, note: str = "") -> Report:
    _check(actor, report)
    with transaction.atomic():
        return _screen(actor=actor, report=report, status=ReportStatus.SPAM, note=note)


def report_mark_duplicate(
    *, actor: Actor, report: Report, original: Report, note: str = ""
) -> Report:
    """Link the report to the first one about the same thing."""
    first = original.duplicate_of or original
    if first.pk == report.pk:
        raise RuleError(_("Không thể đánh dấu phản ánh trùng với chính nó."))
    _check(actor, report)
    require(actor, Cap.CASES_SCREEN, first.unit_id)
    with transaction.atomic():
        report.duplicate_of = first
        return _screen(
            actor=actor,
            report=report,
            status=ReportStatus.DUPLICATE,
            note=note,
            extra={"duplicate_of": first.pk},
        )


def report_forward(*, actor: Actor, report: Report, to_unit, note: str) -> Report:
    """Out of scope here: hand the report to the competent unit with a note; it lands in
    that unit's screening queue."""
    if not clean_text(note):
        raise RuleError(_("Cần ghi chú khi chuyển phản ánh sang đơn vị khác."))
    if to_unit.pk == report.unit_id:
        raise RuleError(_("Phản ánh đã thuộc đơn vị này."))
    _check(actor, report)
    with transaction.atomic():
        from_unit = report.unit_id
        report.forwarded_to = to_unit
        report.unit = to_unit
        Evidence.unscoped.filter(report=report).update(unit=to_unit)
        return _screen(
            actor=actor,
            report=report,
            status=ReportStatus.FORWARDED,
            note=note,
            extra={"from_unit": from_unit},
            old_unit=from_unit,
        )


def report_accept(
    *,
    actor: Actor,
    report: Report,
    person=None,
    category=None,
    urgent: bool = False,
    summary: str = "",
) -> Case:
    """Accept the report as a case (source: public report, or social monitor)."""
    _check(actor, report)
    if report.duplicate_of_id:
        raise RuleError(_("Phản ánh trùng không được tiếp nhận thành vụ việc riêng."))
    with transaction.atomic():
        unit = person.unit if person is not None else report.unit
        source = CaseSource.SOCIAL_MONITOR if report.is_social_monitor else CaseSource.PUBLIC_REPORT
        case = case_create(
            actor=actor,
            unit=unit,
            source=source,
            summary=clean_text(summary) or report.description,
            person=person,
            category=category,
            occurred_on=report.occurred_on,
            kind=report.kind,
            urgent=urgent,
            origin_ref=f"cases.report:{report.pk}",
        )
        report.case = case
        _screen(
            actor=actor,
            report=report,
            status=ReportStatus.ACCEPTED,
            note="",
            extra={"case": case.pk},
        )
    return case
