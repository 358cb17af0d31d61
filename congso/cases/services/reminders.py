"""Reminders for cases near or past their stage deadline: the handler first, then the unit head.

Run by `congso cases send-reminders` (cron, or the db_worker task `send_reminders_task`).
Each step is taken once per stage: `Case.reminder_level` remembers it and is reset when the
case moves on. Notices are `Notification` rows shown on the staff pages (no mail server).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from congso.accounts.models import RoleGrant
from congso.cases.models import Case, Notification
from congso.cases.rules import TERMINAL_STATES, ReminderStep, reminder_step
from congso.cases.services.base import today as local_today
from congso.common.audit import Change, audit_record_many
from congso.common.calendar import load_calendar
from congso.common.permissions import Role
from congso.common.workdays import working_days_between


def _unit_heads() -> list[tuple[str, int]]:
    return list(
        RoleGrant.objects.filter(role=Role.UNIT_HEAD, user__is_active=True).values_list(
            "unit__path", "user_id"
        )
    )


def send_reminders(*, today: date | None = None) -> dict[str, int]:
    """Create the notices due today; returns how many of each were sent."""
    day = today or local_today()
    cases = list(
        Case.unscoped.exclude(state__in=TERMINAL_STATES)
        .filter(due_on__isnull=False, due_on__lte=day + timedelta(days=7))
        .select_related("unit")
        .exclude(due_on__isnull=True)
        .only("id", "code", "state", "due_on", "reminder_level", "handler_id", "unit__path")
    )
    if not cases:
        return {"handler": 0, "head": 0}
    dues = [c.due_on for c in cases if c.due_on is not None]
    calendar = load_calendar(min([*dues, day]), max([*dues, day]))
    heads = _unit_heads()
    notices: list[Notification] = []
    changes: list[Change] = []
    sent = {"handler": 0, "head": 0}
    for case in cases:
        if case.due_on is None:
            continue
        left = working_days_between(day, case.due_on, calendar)
        level = reminder_step(working_days_left=left, level=case.reminder_level)
        if level == case.reminder_level:
            continue
        head_ids = sorted({uid for path, uid in heads if case.unit.path.startswith(path)})
        due = case.due_on.strftime("%d/%m/%Y")
        if level >= ReminderStep.HANDLER and case.reminder_level < ReminderStep.HANDLER:
            targets = [case.handler_id] if case.handler_id else head_ids
            text = _(
                "Vụ việc %(code)s sắp đến hạn hoặc đã quá hạn bước hiện tại (hạn %(due)s)."
            ) % {"code": case.code, "due": due}
            notices += [Notification(user_id=u, case=case, level=1, text=text) for u in targets]
            sent["handler"] += 1
        if level >= ReminderStep.HEAD:
            text = _(
                "Vụ việc %(code)s đã quá hạn (hạn %(due)s); đề nghị thủ trưởng chỉ đạo xử lý."
            ) % {"code": case.code, "due": due}
            notices += [Notification(user_id=u, case=case, level=2, text=text) for u in head_ids]
            sent["head"] += 1
        changes.append(
            Change(
                action="cases.reminder",
                object_type="cases.case",
                object_id=str(case.pk),
                unit_id=case.unit_id,
                old={"reminder_level": case.reminder_level},
                new={"reminder_level": level},
            )
        )
        case.reminder_level = level
    with transaction.atomic():
        Notification.objects.bulk_create(notices)
        Case.unscoped.bulk_update([c for c in cases if c.reminder_level], ["reminder_level"])
        audit_record_many(actor=None, changes=changes)
    return sent


def notifications_mark_read(*, actor) -> int:
    """Mark the actor's unread notices as read."""
    from django.utils import timezone

    if not actor.user_id:
        return 0
    return Notification.objects.filter(user_id=actor.user_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notify_users(*, user_ids, text: str, level: int = 1) -> int:
    """Post one notice (no case) to each user: the staff pages' notification list is the
    project's one channel for reminders (other apps' reminders come through here)."""
    rows = [Notification(user_id=u, level=level, text=text[:300]) for u in sorted(set(user_ids))]
    Notification.objects.bulk_create(rows)
    return len(rows)
