"""Findings of a visit: about a person (→ a case) or about the unit (→ remediation tasks)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.cases.choices import CaseSource
from congso.cases.rules import RuleError
from congso.cases.services import case_create
from congso.common.audit import audit_record
from congso.common.calendar import deadline_after
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.inspections.models import (
    Finding,
    FindingKind,
    RemediationTask,
    TaskStatus,
    Visit,
    VisitStatus,
)
from congso.inspections.rules import MAX_REMEDIATION_DAYS
from congso.inspections.services.base import NO_INSPECTION_RIGHT, require_person_in_unit
from congso.inspections.services.plans import visit_add_subject

MAX_TEXT = 5000


def _text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    if len(value) > MAX_TEXT:
        raise ValidationError({field: _("Nội dung dài quá %(n)s ký tự.") % {"n": MAX_TEXT}})
    return value


def finding_record(
    *,
    actor: Actor | None,
    visit: Visit,
    kind: str,
    description: str,
    person=None,
    category=None,
    item=None,
) -> Finding:
    """Record a finding. A finding about a person adds them to the visit's subjects (pausing
    their awards) and opens a case for them through congso.cases at once."""
    require(actor, Cap.INSPECTIONS_MANAGE, visit.unit_id, message=NO_INSPECTION_RIGHT)
    if visit.status != VisitStatus.IN_PROGRESS:
        raise ValidationError(_("Chỉ ghi kết luận khi cuộc kiểm tra đang diễn ra."))
    if kind not in FindingKind.values:
        raise ValidationError({"kind": _("Loại kết luận không hợp lệ.")})
    description = _text(description, "description", _("Hãy nhập nội dung kết luận."))
    if item is not None and item.visit_id != visit.pk:
        raise ValidationError({"item": _("Nội dung kiểm tra không thuộc cuộc kiểm tra này.")})
    if kind == FindingKind.PERSON:
        require_person_in_unit(person, visit.unit, "person")
        if category is None:
            raise ValidationError({"category": _("Hãy chọn loại vi phạm.")})
    else:
        person = None
    with transaction.atomic():
        finding = Finding.objects.create(
            visit=visit,
            unit_id=visit.unit_id,
            item=item,
            kind=kind,
            person=person,
            category=category,
            description=description,
        )
        audit_record(
            actor=actor,
            action="inspections.finding_record",
            obj=finding,
            new={
                "visit": visit.pk,
                "kind": kind,
                "person": person.pk if person else None,
                "category": category.code if category else None,
            },
        )
        if person is not None:
            visit_add_subject(actor=actor, visit=visit, person=person)
            finding = finding_to_case(actor=actor, finding=finding)
    return finding


def finding_to_case(*, actor: Actor | None, finding: Finding) -> Finding:
    """Open the case for a finding about a person (once: a second call changes nothing)."""
    require(actor, Cap.INSPECTIONS_MANAGE, finding.unit_id, message=NO_INSPECTION_RIGHT)
    if finding.kind != FindingKind.PERSON:
        raise ValidationError(_("Chỉ kết luận về cá nhân mới chuyển thành vụ việc."))
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if finding.case_id:
            return finding
        visit, person = finding.visit, finding.person
        if person is None:
            raise ValidationError(_("Kết luận về cá nhân phải ghi rõ cán bộ."))
        try:
            case = case_create(
                actor=actor,
                unit=person.unit,
                source=CaseSource.INSPECTION,
                summary=finding.description,
                person=person,
                category=finding.category,
                occurred_on=visit.visit_on,
                inspection_visit=visit,
            )
        except RuleError as exc:
            raise ValidationError(exc.message) from exc
        finding.case = case
        finding.save(update_fields=["case"])
        audit_record(
            actor=actor, action="inspections.finding_to_case", obj=finding, new={"case": case.pk}
        )
    return finding


def task_create(
    *,
    actor: Actor | None,
    finding: Finding,
    title: str,
    owner,
    working_days: int,
    assigned_on: date | None = None,
) -> RemediationTask:
    """A remediation task for a finding about the unit, due `working_days` working days after
    `assigned_on` (today by default; holidays and make-up Saturdays counted by the province
    calendar)."""
    require(actor, Cap.INSPECTIONS_MANAGE, finding.unit_id, message=NO_INSPECTION_RIGHT)
    if finding.kind != FindingKind.UNIT:
        raise ValidationError(_("Việc khắc phục chỉ giao cho kết luận về đơn vị."))
    title = nfc(title)
    if not title:
        raise ValidationError({"title": _("Hãy nhập việc cần khắc phục.")})
    if not 1 <= working_days <= MAX_REMEDIATION_DAYS:
        raise ValidationError(
            {
                "working_days": _("Thời hạn từ 1 đến %(n)s ngày làm việc.")
                % {"n": MAX_REMEDIATION_DAYS}
            }
        )
    require_person_in_unit(owner, finding.visit.unit, "owner")
    due_on = deadline_after(assigned_on or timezone.localdate(), working_days)
    with transaction.atomic():
        task = RemediationTask.objects.create(
            finding=finding,
            unit_id=finding.unit_id,
            title=title[:300],
            owner=owner,
            working_days=working_days,
            due_on=due_on,
        )
        audit_record(
            actor=actor,
            action="inspections.task_create",
            obj=task,
            new={"title": task.title, "owner": owner.pk, "due_on": due_on},
        )
    return task


def task_complete(*, actor: Actor | None, task: RemediationTask, note: str) -> RemediationTask:
    """Report a task done: its owner, the inspected unit's head or an inspector."""
    if actor is not None and not (
        actor.can(Cap.INSPECTIONS_MANAGE, task.unit_id)
        or actor.can(Cap.INSPECTIONS_REMEDIATE, task.unit_id)
        or (actor.person_id is not None and actor.person_id == task.owner_id)
    ):
        raise PermissionDenied(_("Bạn không phụ trách việc khắc phục này."))
    note = _text(note, "note", _("Hãy ghi kết quả khắc phục."))
    with transaction.atomic():
        task = RemediationTask.objects.select_for_update().get(pk=task.pk)
        if task.status == TaskStatus.DONE:
            return task
        task.status, task.done_on, task.done_note = TaskStatus.DONE, timezone.localdate(), note
        task.save(update_fields=["status", "done_on", "done_note"])
        audit_record(
            actor=actor,
            action="inspections.task_complete",
            obj=task,
            old={"status": TaskStatus.OPEN},
            new={"status": TaskStatus.DONE, "note": note},
        )
    return task
