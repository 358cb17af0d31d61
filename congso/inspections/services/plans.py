"""Plans and visits: scheduling, starting (the checklist is drawn), finishing."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from congso.cases.choices import FreezeReason
from congso.cases.services import award_freeze_close, award_freeze_open
from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.services import fields_update
from congso.common.text import nfc
from congso.conduct.selectors import version_in_force
from congso.inspections.models import (
    ChecklistItem,
    InspectionPlan,
    PlanStatus,
    Visit,
    VisitKind,
    VisitStatus,
)
from congso.inspections.rules import pending_items, visit_transition_allowed
from congso.inspections.services.base import NO_INSPECTION_RIGHT, require_person_in_unit, visit_ref

MIN_YEAR, MAX_YEAR = 2019, 2100
PLAN_NEXT: dict[str, str] = {
    PlanStatus.DRAFT: PlanStatus.APPROVED,
    PlanStatus.APPROVED: PlanStatus.CLOSED,
}


def plan_create(
    *, actor: Actor | None, unit, year: int, title: str, targets: list, description: str = ""
) -> InspectionPlan:
    """An annual plan of the inspecting `unit`. The same title twice in a year is stored once."""
    require(actor, Cap.INSPECTIONS_MANAGE, unit.pk, message=NO_INSPECTION_RIGHT)
    title = nfc(title)
    errors = {}
    if not title:
        errors["title"] = _("Hãy nhập tên kế hoạch.")
    if not MIN_YEAR <= year <= MAX_YEAR:
        errors["year"] = _("Năm không hợp lệ.")
    if not targets:
        errors["targets"] = _("Hãy chọn ít nhất một đơn vị được kiểm tra.")
    if errors:
        raise ValidationError(errors)
    for target in targets:
        require(actor, Cap.INSPECTIONS_MANAGE, target.pk, message=NO_INSPECTION_RIGHT)
    with transaction.atomic():
        plan, created = InspectionPlan.objects.get_or_create(
            unit=unit, year=year, title=title[:300], defaults={"description": description.strip()}
        )
        if created:
            plan.targets.set(targets)
            audit_record(
                actor=actor,
                action="inspections.plan_create",
                obj=plan,
                new={"year": year, "title": plan.title, "targets": sorted(t.pk for t in targets)},
            )
    return plan


def plan_advance(*, actor: Actor | None, plan: InspectionPlan) -> InspectionPlan:
    """Draft → approved → closed."""
    require(actor, Cap.INSPECTIONS_MANAGE, plan.unit_id, message=NO_INSPECTION_RIGHT)
    nxt = PLAN_NEXT.get(plan.status)
    if nxt is None:
        raise ValidationError(_("Kế hoạch đã kết thúc."))
    with transaction.atomic():
        fields_update(
            actor=actor, obj=plan, action="inspections.plan_status", values={"status": nxt}
        )
    return plan


def visit_schedule(
    *,
    actor: Actor | None,
    target,
    visit_on: date,
    kind: str,
    inspecting_unit,
    plan: InspectionPlan | None = None,
    inspectors: list | None = None,
    subjects: list | None = None,
    purpose: str = "",
) -> Visit:
    """Schedule a visit to `target`. A scheduled visit belongs to an approved plan of its year
    that lists the target; a surprise visit may stand alone."""
    require(actor, Cap.INSPECTIONS_MANAGE, target.pk, message=NO_INSPECTION_RIGHT)
    if kind not in VisitKind.values:
        raise ValidationError({"kind": _("Hình thức kiểm tra không hợp lệ.")})
    if kind == VisitKind.SCHEDULED and plan is None:
        raise ValidationError({"plan": _("Cuộc kiểm tra theo kế hoạch phải thuộc một kế hoạch.")})
    if plan is not None:
        if plan.status != PlanStatus.APPROVED:
            raise ValidationError({"plan": _("Kế hoạch chưa được phê duyệt hoặc đã kết thúc.")})
        if plan.year != visit_on.year:
            raise ValidationError({"visit_on": _("Ngày kiểm tra phải thuộc năm của kế hoạch.")})
        if not plan.targets.filter(pk=target.pk).exists():
            raise ValidationError({"plan": _("Đơn vị này không có trong kế hoạch.")})
        inspecting_unit = plan.unit
    for person in subjects or []:
        require_person_in_unit(person, target, "subjects")
    with transaction.atomic():
        visit = Visit.objects.create(
            unit=target,
            plan=plan,
            inspecting_unit=inspecting_unit,
            kind=kind,
            visit_on=visit_on,
            purpose=nfc(purpose)[:500],
        )
        visit.inspectors.set(inspectors or [])
        visit.subjects.set(subjects or [])
        audit_record(
            actor=actor,
            action="inspections.visit_schedule",
            obj=visit,
            new={
                "kind": kind,
                "visit_on": visit_on,
                "plan": plan.pk if plan else None,
                "inspectors": sorted(p.pk for p in inspectors or []),
                "subjects": sorted(p.pk for p in subjects or []),
            },
        )
    return visit


def _transition(actor: Actor | None, visit: Visit, to: str) -> str:
    if not visit_transition_allowed(visit.status, to):
        raise ValidationError(
            _("Không thể chuyển cuộc kiểm tra từ “%(frm)s” sang “%(to)s”.")
            % {"frm": visit.get_status_display(), "to": VisitStatus(to).label}
        )
    old = visit.status
    visit.status = to
    return old


def _open_freeze(actor: Actor | None, visit: Visit, person) -> None:
    award_freeze_open(
        actor=actor,
        person=person,
        reason=FreezeReason.INSPECTION,
        ref=visit_ref(visit),
        note=_("Cuộc kiểm tra ngày %(day)s") % {"day": date_format(visit.visit_on, "d/m/Y")},
    )


def visit_start(*, actor: Actor | None, visit: Visit) -> Visit:
    """Begin the visit: draw the checklist from the target's code in force on the visit date
    (one item per clause) and pause award proposals for the persons inspected."""
    require(actor, Cap.INSPECTIONS_MANAGE, visit.unit_id, message=NO_INSPECTION_RIGHT)
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        old = _transition(actor, visit, VisitStatus.IN_PROGRESS)
        version = version_in_force(unit_id=visit.unit_id, on=visit.visit_on)
        visit.version = version
        visit.started_at = timezone.now()
        visit.save(update_fields=["status", "version", "started_at"])
        if version is not None:
            ChecklistItem.objects.bulk_create(
                ChecklistItem(visit=visit, unit_id=visit.unit_id, clause=c, ordering=c.ordering)
                for c in version.clauses.order_by("ordering", "id")
            )
        for person in visit.subjects.all():
            _open_freeze(actor, visit, person)
        audit_record(
            actor=actor,
            action="inspections.visit_start",
            obj=visit,
            old={"status": old},
            new={"status": visit.status, "version": version.pk if version else None},
        )
    return visit


def visit_add_subject(*, actor: Actor | None, visit: Visit, person) -> Visit:
    """Add a person the visit concerns; their awards pause while the visit is open."""
    require(actor, Cap.INSPECTIONS_MANAGE, visit.unit_id, message=NO_INSPECTION_RIGHT)
    if visit.status == VisitStatus.DONE:
        raise ValidationError(_("Cuộc kiểm tra đã kết thúc."))
    require_person_in_unit(person, visit.unit, "person")
    with transaction.atomic():
        if not visit.subjects.filter(pk=person.pk).exists():
            visit.subjects.add(person)
            audit_record(
                actor=actor,
                action="inspections.visit_subject",
                obj=visit,
                new={"person": person.pk},
            )
        if visit.status == VisitStatus.IN_PROGRESS:
            _open_freeze(actor, visit, person)
    return visit


def visit_finish(*, actor: Actor | None, visit: Visit, conclusion: str) -> Visit:
    """Conclude the visit once every checklist item has a result; lift the award pause it put
    on the persons inspected (an open case keeps its own pause)."""
    require(actor, Cap.INSPECTIONS_MANAGE, visit.unit_id, message=NO_INSPECTION_RIGHT)
    conclusion = (conclusion or "").strip()
    if not conclusion:
        raise ValidationError({"conclusion": _("Hãy nhập kết luận cuộc kiểm tra.")})
    with transaction.atomic():
        visit = Visit.objects.select_for_update().get(pk=visit.pk)
        if visit.status != VisitStatus.IN_PROGRESS:
            _transition(actor, visit, VisitStatus.DONE)
        left = pending_items(list(visit.items.values_list("result", flat=True)))
        if left:
            raise ValidationError(_("Còn %(n)s nội dung kiểm tra chưa đánh giá.") % {"n": left})
        old = _transition(actor, visit, VisitStatus.DONE)
        visit.conclusion = conclusion
        visit.finished_at = timezone.now()
        visit.save(update_fields=["status", "conclusion", "finished_at"])
        for person in visit.subjects.all():
            award_freeze_close(actor=actor, person=person, ref=visit_ref(visit))
        audit_record(
            actor=actor,
            action="inspections.visit_finish",
            obj=visit,
            old={"status": old},
            new={"status": visit.status, "conclusion": conclusion},
        )
    return visit
