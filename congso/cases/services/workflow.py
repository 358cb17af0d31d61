"""The one case workflow: create, assign, record the finding, move between states."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from congso.accounts.actors import build_actor
from congso.cases.choices import CaseKind, CaseSource, CaseState, Severity
from congso.cases.models import Case, CaseEvent, CaseTypeConfig, Exemplar
from congso.cases.rules import (
    DEFAULT_APPEAL_WINDOW_DAYS,
    CaseFacts,
    RuleError,
    check_transition,
    stage_working_days,
)
from congso.cases.services.base import actor_label, actor_user_id, case_lock, today
from congso.cases.services.freeze import award_freeze_close, case_ref, sync_case_freeze
from congso.cases.signals import violation_changed
from congso.common.audit import audit_record
from congso.common.calendar import deadline_after
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.conduct.selectors import clause_in_force


def _config(source: str) -> CaseTypeConfig | None:
    return CaseTypeConfig.objects.filter(source=source).first()


def stage_due(*, source: str, state: str, urgent: bool, start: date) -> date | None:
    """The deadline of `state` starting on `start` (working days, the province's calendar)."""
    config = _config(source)
    days = stage_working_days(
        state=state, urgent=urgent, overrides=config.overrides() if config else {}
    )
    return None if days is None else deadline_after(start, days)


def appeal_window_days(source: str) -> int:
    config = _config(source)
    if config is not None and config.appeal_window_days is not None:
        return config.appeal_window_days
    return DEFAULT_APPEAL_WINDOW_DAYS


def _may_create(actor: Actor | None, *, unit_id: int, source: str, person) -> bool:
    if actor is None or actor.can(Cap.CASES_HANDLE, unit_id):
        return True
    if source == CaseSource.SELF_REPORT and person is not None:
        return actor.person_id == person.pk
    return source == CaseSource.INSPECTION and actor.can(Cap.INSPECTIONS_MANAGE, unit_id)


def add_event(
    *,
    actor: Actor | None,
    case: Case,
    action: str,
    frm: str = "",
    to: str = "",
    note: str = "",
    public_note: str = "",
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        actor_user_id=actor_user_id(actor),
        actor_label=actor_label(actor),
        action=action,
        from_state=frm,
        to_state=to,
        note=note,
        public_note=public_note,
    )


def case_create(
    *,
    actor: Actor | None,
    unit,
    source: str,
    summary: str,
    person=None,
    category=None,
    occurred_on: date | None = None,
    inspection_visit: Any = None,
    kind: str = CaseKind.MISCONDUCT,
    urgent: bool = False,
    origin_ref: str = "",
) -> Case:
    """Open a case from any source. `inspection_visit` (a Visit or its id) is kept as the
    reference "inspections.visit:<id>" (inspections depends on cases, not the reverse)."""
    if source not in CaseSource.values:
        raise RuleError(_("Nguồn vụ việc không hợp lệ: %(v)s") % {"v": source})
    if kind not in CaseKind.values:
        raise RuleError(_("Loại vụ việc không hợp lệ: %(v)s") % {"v": kind})
    if not _may_create(actor, unit_id=unit.pk, source=source, person=person):
        raise PermissionDenied
    summary = nfc(summary)
    if not summary:
        raise RuleError(_("Cần nhập tóm tắt vụ việc."))
    if inspection_visit is not None:
        visit_id = getattr(inspection_visit, "pk", inspection_visit)
        origin_ref = f"inspections.visit:{visit_id}"
    start = today()
    with transaction.atomic():
        case = Case.objects.create(
            unit=unit,
            code=f"tmp-{uuid.uuid4().hex[:16]}",
            kind=kind,
            source=source,
            origin_ref=origin_ref[:60],
            summary=summary,
            urgent=urgent,
            person=person,
            category=category,
            occurred_on=occurred_on,
            stage_started_on=start,
            due_on=stage_due(source=source, state=CaseState.RECEIVED, urgent=urgent, start=start),
        )
        case.code = f"VV{start.year}-{case.pk:06d}"
        case.save(update_fields=["code"])
        add_event(actor=actor, case=case, action="create", to=CaseState.RECEIVED)
        audit_record(
            actor=actor,
            action="cases.case_create",
            obj=case,
            new={
                "code": case.code,
                "kind": kind,
                "source": source,
                "person": getattr(person, "pk", None),
                "category": getattr(category, "code", None),
                "origin_ref": case.origin_ref,
            },
        )
        sync_case_freeze(actor=actor, case=case)
    return case


def case_assign(*, actor: Actor | None, case: Case, handler) -> Case:
    """Give the case to a handler who may handle cases of its unit."""
    require(actor, Cap.CASES_DECIDE, case.unit_id)

    if handler is not None and not build_actor(handler).can(Cap.CASES_HANDLE, case.unit_id):
        raise RuleError(_("Người được phân công không có quyền xử lý vụ việc của đơn vị này."))
    with transaction.atomic():
        locked = case_lock(case)
        old = locked.handler_id
        locked.handler = handler
        locked.save(update_fields=["handler", "updated_at"])
        name = handler.get_full_name() or handler.username if handler else ""
        add_event(actor=actor, case=locked, action="assign", note=name)
        audit_record(
            actor=actor,
            action="cases.case_assign",
            obj=locked,
            old={"handler": old},
            new={"handler": getattr(handler, "pk", None)},
        )
    case.refresh_from_db()
    return case


def case_set_finding(
    *,
    actor: Actor | None,
    case: Case,
    person=None,
    category=None,
    severity: str = "",
    occurred_on: date | None = None,
) -> Case:
    """Record who, what and how serious, while the case is being verified."""
    require(actor, Cap.CASES_HANDLE, case.unit_id)
    if severity and severity not in Severity.values:
        raise RuleError(_("Mức độ vi phạm không hợp lệ."))
    if person is not None and actor is not None and not actor.can(Cap.CASES_HANDLE, person.unit_id):
        raise RuleError(_("Cán bộ này không thuộc phạm vi xử lý của bạn."))
    caller = case
    with transaction.atomic():
        case = case_lock(
            case,
            states={CaseState.RECEIVED, CaseState.VERIFYING},
            refusal=_("Chỉ ghi nội dung kết luận khi vụ việc đang tiếp nhận hoặc xác minh."),
        )
        old = {
            "person": case.person_id,
            "category": case.category_id,
            "severity": case.severity,
            "occurred_on": case.occurred_on,
        }
        if person is not None and case.person_id and case.person_id != person.pk:
            award_freeze_close(actor=actor, person=case.person, ref=case_ref(case))
        case.person = person or case.person
        case.category = category or case.category
        case.severity = severity or case.severity
        case.occurred_on = occurred_on or case.occurred_on
        case.save(update_fields=["person", "category", "severity", "occurred_on", "updated_at"])
        new = {
            "person": case.person_id,
            "category": case.category_id,
            "severity": case.severity,
            "occurred_on": case.occurred_on,
        }
        add_event(actor=actor, case=case, action="finding")
        audit_record(actor=actor, action="cases.case_finding", obj=case, old=old, new=new)
        sync_case_freeze(actor=actor, case=case)
    caller.refresh_from_db()
    return caller


def has_capability_on(actor: Actor | None, case: Case):
    """The capability test check_transition uses: reach on the case's unit, or a self
    capability when the actor is the person the case is about."""

    def test(capability: str) -> bool:
        if actor is None:
            return True
        if actor.can(capability, case.unit_id):
            return True
        return (
            capability in actor.self_capabilities
            and case.person_id is not None
            and actor.person_id == case.person_id
        )

    return test


def case_facts(
    case: Case, *, clause=None, dismiss_reason: str = "", outcome: str = ""
) -> CaseFacts:
    return CaseFacts(
        kind=case.kind,
        state=case.state,
        has_person=case.person_id is not None,
        has_category=case.category_id is not None,
        has_severity=bool(case.severity),
        has_clause=clause is not None or case.clause_id is not None,
        dismiss_reason=dismiss_reason,
        measure_count=case.measures.count() if case.pk else 0,
        reversed=case.reversed,
        appeal_deadline=case.appeal_deadline,
        review_outcome=outcome,
    )


def _clause_for(case: Case):
    category = case.category
    if case.kind != CaseKind.MISCONDUCT or category is None:
        return None

    return clause_in_force(
        unit_id=case.unit_id,
        category_code=category.code,
        on=case.occurred_on or case.created_at.date(),
    )


def move(
    *,
    actor: Actor | None,
    case: Case,
    to: str,
    note: str = "",
    public_note: str = "",
    outcome: str = "",
) -> Case:
    """Check the table and apply one transition (inside the caller's transaction)."""
    day = today()
    clause = _clause_for(case) if to == CaseState.CONFIRMED else None
    check_transition(
        case=case_facts(case, clause=clause, dismiss_reason=note, outcome=outcome),
        to=to,
        has_capability=has_capability_on(actor, case),
        today=day,
    )
    old_state = case.state
    fields = ["state", "stage_started_on", "due_on", "reminder_level", "updated_at"]
    case.state = to
    case.stage_started_on = day
    case.due_on = stage_due(source=case.source, state=to, urgent=False, start=day)
    case.reminder_level = 0
    if to == CaseState.DISMISSED:
        case.dismiss_reason = nfc(note)
        fields.append("dismiss_reason")
    if to == CaseState.CONFIRMED:
        # check_transition guarantees the person (and, for misconduct, the category).
        person, category = case.person, case.category
        assert person is not None
        case.confirmed_on = day
        fields.append("confirmed_on")
        if case.kind == CaseKind.MISCONDUCT:
            assert category is not None
            case.clause = clause
            case.culture = category.culture
            case.appeal_deadline = deadline_after(day, appeal_window_days(case.source))
            fields += ["clause", "culture", "appeal_deadline"]
            person_id, code = person.pk, case.code
            transaction.on_commit(
                lambda: violation_changed.send(
                    sender=Case, person_id=person_id, case_code=code, change="confirmed"
                )
            )
        else:
            Exemplar.objects.create(
                unit_id=person.unit_id,
                person=person,
                case=case,
                summary=case.summary,
                recognised_on=day,
                source=case.source,
            )
    if to == CaseState.HANDLING and case.processing_started_on is None:
        case.processing_started_on = day
        fields.append("processing_started_on")
    case.save(update_fields=fields)
    add_event(
        actor=actor,
        case=case,
        action="transition",
        frm=old_state,
        to=to,
        note=nfc(note),
        public_note=nfc(public_note),
    )
    audit_record(
        actor=actor,
        action="cases.case_transition",
        obj=case,
        old={"state": old_state},
        new={"state": to, "clause": case.clause_id, "note": nfc(note)},
    )
    sync_case_freeze(actor=actor, case=case)
    return case


def case_transition(
    *, actor: Actor | None, case: Case, to: str, note: str = "", public_note: str = ""
) -> Case:
    """Move a case to `to` per rules.TRANSITIONS (appeals go through appeal_file/review)."""
    if to in (CaseState.APPEALED, CaseState.REVIEWED):
        raise RuleError(_("Khiếu nại và xem xét khiếu nại dùng chức năng riêng."))
    with transaction.atomic():
        locked = case_lock(case)
        move(actor=actor, case=locked, to=to, note=note, public_note=public_note)
    case.refresh_from_db()
    return case
