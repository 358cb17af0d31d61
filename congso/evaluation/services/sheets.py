"""Periodic sheets: open, self-assess, head's assessment, finalise, change after final (with a
written reason), push from a KPI system. Every change is audited; a rejected input writes
nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.accounts.models import RoleGrant
from congso.common.audit import audit_record
from congso.common.permissions import Cap, Role
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.evaluation import rules
from congso.evaluation.models import EvaluationSettings, Sheet, SheetLine, SheetState
from congso.evaluation.rules import EvaluationError
from congso.evaluation.services import lines as lines_mod
from congso.org.models import Assignment, OrgUnit, Person


def settings_for(unit_id: int) -> EvaluationSettings | None:
    """The settings of the unit or the nearest unit above it that has any."""
    unit = OrgUnit.unscoped.only("path").get(pk=unit_id)
    ids = [int(pk) for pk in unit.path.strip("/").split("/") if pk]
    found = {s.unit_id: s for s in EvaluationSettings.unscoped.filter(unit_id__in=ids)}
    for pk in reversed(ids):
        if pk in found:
            return found[pk]
    return None


def weights_for(unit_id: int) -> dict[str, Decimal]:
    config = settings_for(unit_id)
    return rules.weights_of(config.weights if config else None)


def _in_unit(person: Person, unit_id: int, start: date, end: date) -> bool:
    return (
        Assignment.unscoped.filter(person=person, unit_id=unit_id, start_date__lt=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
        .exists()
    )


def sheet_open(
    *,
    actor: Actor | None,
    person: Person,
    unit_id: int,
    year: int,
    period_kind: str,
    number: int,
    external_ref: str | None = None,
) -> Sheet:
    """Open the person's sheet for one period in the unit where they worked then."""
    if actor is not None and actor.person_id != person.pk:
        require(actor, Cap.EVALUATION_MANAGE, unit_id)
    start, end = rules.period_bounds(year, period_kind, number)
    if not _in_unit(person, unit_id, start, end):
        raise EvaluationError(
            _("%(name)s không công tác tại đơn vị này trong kỳ %(period)s.")
            % {"name": person.full_name, "period": rules.period_label(period_kind, number, year)},
            "person",
        )
    overlapping = Sheet.unscoped.filter(person=person, start__lt=end, end__gt=start)
    if overlapping.exists():
        raise EvaluationError(
            _("Kỳ %(period)s của %(name)s đã có phiếu đánh giá.")
            % {"period": rules.period_label(period_kind, number, year), "name": person.full_name},
            "number",
        )
    with transaction.atomic():
        sheet = Sheet.unscoped.create(
            unit_id=unit_id,
            person=person,
            year=year,
            period_kind=period_kind,
            number=number,
            start=start,
            end=end,
            uses_points=rules.uses_points(person.category, year),
            due_on=rules.sheet_due(end),
            external_ref=external_ref,
        )
        audit_record(
            actor=actor,
            action="evaluation.sheet_open",
            obj=sheet,
            new={"person": person.pk, "year": year, "kind": period_kind, "number": number},
        )
    return sheet


def _task_points(raw: Mapping[str, Any], lines: list[SheetLine]) -> Decimal:
    """From the product lines when there are any, else the points as typed (or pushed)."""
    if lines:
        return lines_mod.task_points_of(lines)
    return rules.check_points(
        raw.get("task_points", ""),
        maximum=rules.TASK_MAX,
        field="task_points",
        label=_("Điểm kết quả thực hiện nhiệm vụ"),
    )


def _shares(raw: Mapping[str, Any]) -> dict[str, Decimal]:
    return {
        "on_time_share": rules.check_share(
            raw.get("on_time_share", ""), field="on_time_share", label=_("Tỷ lệ nhiệm vụ đúng hạn")
        ),
        "exceeded_share": rules.check_share(
            raw.get("exceeded_share", ""),
            field="exceeded_share",
            label=_("Tỷ lệ nhiệm vụ vượt mức"),
        ),
        "failed_share": rules.check_share(
            raw.get("failed_share", ""),
            field="failed_share",
            label=_("Tỷ lệ tiêu chí không đạt"),
        ),
    }


def _snapshot(sheet: Sheet) -> dict[str, Any]:
    return {
        "state": sheet.state,
        "self_common": sheet.self_common,
        "head_common": sheet.head_common,
        "common_points": sheet.common_points,
        "task_points": sheet.task_points,
        "on_time_share": sheet.on_time_share,
        "exceeded_share": sheet.exceeded_share,
        "failed_share": sheet.failed_share,
        "lines": lines_mod.lines_snapshot(sheet),
    }


def sheet_self_assess(
    *, actor: Actor | None, sheet: Sheet, data: Mapping[str, Any], submit: bool = False
) -> Sheet:
    """The person fills their own sheet (and may submit it to the head)."""
    if actor is not None and actor.person_id != sheet.person_id:
        raise EvaluationError(_("Chỉ người được đánh giá tự đánh giá phiếu của mình."))
    with transaction.atomic():
        sheet = Sheet.unscoped.select_for_update().get(pk=sheet.pk)
        if sheet.state != SheetState.SELF:  # checked on the locked row
            raise EvaluationError(_("Phiếu đã nộp; không sửa phần tự đánh giá được nữa."))
        old = _snapshot(sheet)
        lines: list[SheetLine] = []
        if sheet.uses_points:
            sheet.self_common = rules.check_common(
                data.get("common", {}), weights_for(sheet.unit_id)
            )
            lines = lines_mod.build_lines(sheet, data.get("lines", []))
            sheet.self_task_points = _task_points(data, lines)
        else:
            for name, value in _shares(data).items():
                setattr(sheet, name, value)
        sheet.self_comment = nfc(str(data.get("comment", "")))
        if submit:
            sheet.state = SheetState.HEAD
        if sheet.uses_points and (lines or "lines" in data):
            lines_mod.replace_lines(sheet, lines)
        sheet.save()
        audit_record(
            actor=actor, action="evaluation.sheet_self", obj=sheet, old=old, new=_snapshot(sheet)
        )
    return sheet


def check_assessor(actor: Actor | None, sheet: Sheet) -> None:
    """A head never assesses their own sheet; the head of a unit is assessed by the level
    above (whoever holds the assessment on the parent unit)."""
    if actor is None:
        return
    if actor.person_id == sheet.person_id:
        raise EvaluationError(
            _("Thủ trưởng không tự đánh giá phiếu của mình; cấp trên trực tiếp đánh giá.")
        )
    unit = OrgUnit.unscoped.only("parent_id").get(pk=sheet.unit_id)
    head = RoleGrant.objects.filter(
        user__person_id=sheet.person_id, role=Role.UNIT_HEAD, unit_id=sheet.unit_id
    ).exists()
    target = unit.parent_id if head and unit.parent_id else sheet.unit_id
    require(actor, Cap.EVALUATION_ASSESS, target)


def sheet_assess(
    *, actor: Actor | None, sheet: Sheet, data: Mapping[str, Any], finalise: bool = False
) -> Sheet:
    """The head's assessment (the points that count), optionally finalising the sheet."""
    check_assessor(actor, sheet)
    with transaction.atomic():
        sheet = Sheet.unscoped.select_for_update().get(pk=sheet.pk)
        if sheet.state == SheetState.FINAL:  # checked on the locked row
            raise EvaluationError(_("Phiếu đã hoàn tất; muốn sửa phải ghi rõ lý do điều chỉnh."))
        old = _snapshot(sheet)
        _apply_head(sheet, data)
        sheet.head_comment = nfc(str(data.get("comment", "")))
        sheet.assessed_by_id = actor.person_id if actor else None
        if finalise:
            sheet.state = SheetState.FINAL
            sheet.finalised_at = timezone.now()
        elif sheet.state == SheetState.SELF:
            sheet.state = SheetState.HEAD
        sheet.save()
        audit_record(
            actor=actor, action="evaluation.sheet_assess", obj=sheet, old=old, new=_snapshot(sheet)
        )
    return sheet


def _apply_head(sheet: Sheet, data: Mapping[str, Any]) -> None:
    if sheet.uses_points:
        common = rules.check_common(data.get("common", {}), weights_for(sheet.unit_id))
        sheet.head_common = common
        sheet.common_points = rules.common_total(common)
        lines = lines_mod.build_lines(sheet, data.get("lines") or [])
        sheet.task_points = _task_points(data, lines)
        if lines or "lines" in data:  # the page sent its lines: they replace the stored ones
            lines_mod.replace_lines(sheet, lines)
    else:
        for name, value in _shares(data).items():
            setattr(sheet, name, value)


def sheet_finalise(*, actor: Actor | None, sheet: Sheet) -> Sheet:
    """Finalise a sheet the head has assessed."""
    check_assessor(actor, sheet)
    if sheet.state == SheetState.FINAL:
        return sheet
    missing = (
        (sheet.common_points is None or sheet.task_points is None)
        if sheet.uses_points
        else (sheet.on_time_share is None)
    )
    if missing:
        raise EvaluationError(_("Thủ trưởng chưa chấm điểm phiếu này."))
    with transaction.atomic():
        old = sheet.state
        sheet.state = SheetState.FINAL
        sheet.finalised_at = timezone.now()
        sheet.save(update_fields=["state", "finalised_at"])
        audit_record(
            actor=actor,
            action="evaluation.sheet_finalise",
            obj=sheet,
            old={"state": old},
            new={"state": sheet.state},
        )
    return sheet


def sheet_amend(
    *, actor: Actor | None, sheet: Sheet, data: Mapping[str, Any], reason: str
) -> Sheet:
    """Change a finalised sheet: only with a written reason, audited with old and new values."""
    check_assessor(actor, sheet)
    reason = nfc(reason or "").strip()
    if len(reason) < 10:
        raise EvaluationError(
            _("Phiếu đã hoàn tất: phải ghi lý do điều chỉnh (ít nhất 10 ký tự)."), "reason"
        )
    with transaction.atomic():
        sheet = Sheet.unscoped.select_for_update().get(pk=sheet.pk)
        old = _snapshot(sheet)
        _apply_head(sheet, data)
        sheet.save()
        audit_record(
            actor=actor,
            action="evaluation.sheet_amend",
            obj=sheet,
            old=old,
            new={**_snapshot(sheet), "reason": reason},
        )
    return sheet


def sheet_push(
    *,
    actor: Actor | None,
    person: Person,
    unit_id: int,
    year: int,
    period_kind: str,
    number: int,
    external_ref: str,
    data: Mapping[str, Any],
) -> tuple[Sheet, bool]:
    """A KPI system pushes a period's task results (idempotent by its `external_ref`): the
    same reference again returns the sheet it made, unchanged. Returns (sheet, created)."""
    require(actor, Cap.EVALUATION_ASSESS, unit_id)
    existing = Sheet.objects.filter(external_ref=external_ref).first()
    if existing is not None:
        if existing.person_id != person.pk:
            raise EvaluationError(_("Mã tham chiếu đã dùng cho người khác."), "external_ref")
        return existing, False
    with transaction.atomic():
        sheet = sheet_open(
            actor=None,
            person=person,
            unit_id=unit_id,
            year=year,
            period_kind=period_kind,
            number=number,
            external_ref=external_ref,
        )
        if sheet.uses_points:
            sheet.task_points = rules.check_points(
                data.get("task_points", ""),
                maximum=rules.TASK_MAX,
                field="task_points",
                label=_("Điểm kết quả thực hiện nhiệm vụ"),
            )
        else:
            for name, value in _shares(data).items():
                setattr(sheet, name, value)
        sheet.state = SheetState.HEAD
        sheet.save()
        audit_record(
            actor=actor,
            action="evaluation.sheet_push",
            obj=sheet,
            new={**_snapshot(sheet), "external_ref": external_ref},
        )
    return sheet, True


def sheets_open_period(
    *, actor: Actor | None, unit: OrgUnit, year: int, period_kind: str, number: int
) -> int:
    """Open the period's sheet for everyone assigned to the unit (or below) in the period who
    has none yet; returns how many were opened (one audit row for the batch)."""
    require(actor, Cap.EVALUATION_MANAGE, unit.pk)
    start, end = rules.period_bounds(year, period_kind, number)
    rows = (
        Assignment.unscoped.in_subtree(unit)
        .filter(start_date__lt=end, person__category__in=("cong_chuc", "can_bo", "vien_chuc"))
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
        .exclude(person__in=Sheet.unscoped.filter(start__lt=end, end__gt=start).values("person"))
        .values_list("person_id", "unit_id", "person__category")
        .order_by("person_id", "-start_date")
    )
    seen: set[int] = set()
    sheets = []
    for person_id, unit_id, category in rows:
        if person_id in seen:
            continue
        seen.add(person_id)
        sheets.append(
            Sheet(
                unit_id=unit_id,
                person_id=person_id,
                year=year,
                period_kind=period_kind,
                number=number,
                start=start,
                end=end,
                uses_points=rules.uses_points(category, year),
                due_on=rules.sheet_due(end),
            )
        )
    with transaction.atomic():
        Sheet.unscoped.bulk_create(sheets, batch_size=2000)
        audit_record(
            actor=actor,
            action="evaluation.sheets_open",
            obj=unit,
            unit_id=unit.pk,
            new={"year": year, "kind": period_kind, "number": number, "count": len(sheets)},
        )
    return len(sheets)


def settings_update(
    *,
    actor: Actor | None,
    unit: OrgUnit,
    period_kind: str,
    weights: Mapping[str, object],
    appeal_working_days: int,
) -> EvaluationSettings:
    """The agency's choices: monthly or quarterly sheets, the six weights (together 30), the
    appeal window (1–30 working days). Audited with old and new values."""
    require(actor, Cap.EVALUATION_MANAGE, unit.pk)
    if period_kind not in ("month", "quarter"):
        raise EvaluationError(_("Kỳ đánh giá không hợp lệ."), "period_kind")
    clean = {k: str(v) for k, v in rules.weights_of(dict(weights)).items()}
    if not 1 <= appeal_working_days <= 30:
        raise EvaluationError(_("Thời hạn kiến nghị phải từ 1 đến 30 ngày làm việc."), "appeal")
    with transaction.atomic():
        config, _created = EvaluationSettings.unscoped.get_or_create(unit=unit)
        old = {
            "period_kind": config.period_kind,
            "weights": config.weights,
            "appeal_working_days": config.appeal_working_days,
        }
        config.period_kind, config.weights = period_kind, clean
        config.appeal_working_days = appeal_working_days
        config.save()
        audit_record(
            actor=actor,
            action="evaluation.settings_update",
            obj=config,
            old=old,
            new={
                "period_kind": period_kind,
                "weights": clean,
                "appeal_working_days": appeal_working_days,
            },
        )
    return config
