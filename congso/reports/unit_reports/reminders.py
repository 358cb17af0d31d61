"""Urging the units that have not sent their report (run daily: `congso report remind`, or
the db_worker task `reports.tasks.unit_report_reminders_task`).

Through the project's one notification channel (`cases.services.notify_users`, shown on the
staff pages) and 'Việc của tôi' (unit_reports.inbox): a few working days before the due date
and the day after it, the unit's head and reporting officer; after `ESCALATE_AFTER` working
days late, the heads of the unit above get one notice listing how many of their units are
late. `UnitReportReminder.key` makes each notice unique, so a rerun sends nothing twice."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import Change, audit_record_many
from congso.common.calendar import load_calendar
from congso.common.workdays import working_days_between
from congso.reports.periods import make_period, period_name
from congso.reports.unit_reports import rules, selectors
from congso.reports.unit_reports.models import UnitReport, UnitReportReminder

LOOK_BACK_DAYS = 60  # periods whose due date passed longer ago are no longer chased
ESCALATE_AFTER = 5
WRITER_ROLES = ("unit_head", "emulation_officer")
REVIEWER_ROLES = ("unit_head", "leadership")


def reporting_units(day: date) -> list:
    """Every unit that reports upward on `day` (rules.reports_upward), with its parent."""
    from congso.org.selectors import unit_list
    from congso.reports.services import system_actor

    units = (
        unit_list(actor=system_actor(), on=day)
        .filter(depth__gte=1)
        .exclude(kind="division")
        .exclude(parent__kind="commune")
        .select_related("parent")
    )
    return [
        u
        for u in units
        if rules.reports_upward(
            kind=u.kind, parent_kind=u.parent.kind if u.parent else None, depth=u.depth, valid=True
        )
    ]


def _grants(unit_ids, roles) -> dict[int, list[int]]:
    from congso.accounts.recipients import grant_users

    found: dict[int, list[int]] = defaultdict(list)
    for unit_id, user_id in grant_users(unit_ids=unit_ids, roles=roles):
        found[unit_id].append(user_id)
    return found


def send_reminders(*, today: date | None = None) -> dict[str, int]:
    from congso.cases.services import notify_users

    day = today or timezone.localdate()
    sent = {"unit": 0, "parent": 0}
    periods = [p for p in rules.ended_periods(day, count=2) if rules.period_bounds(*p)[1] <= day]
    units = reporting_units(day)
    if not units or not periods:
        return sent
    calendar = load_calendar(day - timedelta(days=200), day + timedelta(days=60))
    done = set(
        UnitReport.unscoped.filter(state__in=sorted(rules.SENT))
        .filter(year__gte=min(p[1] for p in periods))
        .values_list("unit_id", "kind", "year", "seq")
    )
    existing = set(
        UnitReportReminder.objects.filter(year__gte=min(p[1] for p in periods)).values_list(
            "key", flat=True
        )
    )
    writers = _grants([u.pk for u in units], WRITER_ROLES)
    reviewers = _grants(sorted({u.parent_id for u in units}), REVIEWER_ROLES)
    rows: list[UnitReportReminder] = []
    late_by_parent: dict[tuple, list] = defaultdict(list)
    notices: list[tuple[list[int], str]] = []
    for kind, year, seq in periods:
        name = period_name(make_period(kind, year, seq))
        for unit in units:
            if (unit.pk, kind, year, seq) in done:
                continue
            due = selectors.due_on(unit, kind, year, seq, calendar)
            if (day - due).days > LOOK_BACK_DAYS:
                continue
            step = rules.reminder_step(
                working_days_between(day, due, calendar), escalate_after=ESCALATE_AFTER
            )
            if step == rules.ReminderStep.NONE:
                continue
            unit_step = min(step, rules.ReminderStep.OVERDUE)
            key = f"{kind}:{year}:{seq}:u{unit.pk}:{unit_step}"
            if key not in existing and writers.get(unit.pk):
                if unit_step == rules.ReminderStep.DUE_SOON:
                    text = _("Sắp đến hạn (%(due)s) gửi báo cáo %(period)s của %(unit)s.")
                else:
                    text = _("Đã quá hạn (%(due)s) gửi báo cáo %(period)s của %(unit)s.")
                text %= {"due": due.strftime("%d/%m/%Y"), "period": name, "unit": unit.name}
                notices.append((writers[unit.pk], text))
                rows.append(
                    UnitReportReminder(
                        unit=unit,
                        kind=kind,
                        year=year,
                        seq=seq,
                        step=unit_step,
                        key=key,
                        sent_to=len(writers[unit.pk]),
                    )
                )
                existing.add(key)
                sent["unit"] += 1
            if step == rules.ReminderStep.ESCALATED:
                late_by_parent[(unit.parent_id, kind, year, seq, due)].append(unit)
    for (parent_id, kind, year, seq, due), late in sorted(
        late_by_parent.items(), key=lambda kv: kv[0][:4]
    ):
        key = f"{kind}:{year}:{seq}:p{parent_id}:{len(late)}"
        users = reviewers.get(parent_id)
        if key in existing or not users:
            continue
        name = period_name(make_period(kind, year, seq))
        text = _(
            "%(n)s đơn vị trực thuộc chưa gửi báo cáo %(period)s (hạn %(due)s): %(units)s; "
            "đề nghị đôn đốc."
        ) % {
            "n": len(late),
            "period": name,
            "due": due.strftime("%d/%m/%Y"),
            "units": ", ".join(u.name for u in late[:5]) + ("…" if len(late) > 5 else ""),
        }
        notices.append((users, text))
        rows.append(
            UnitReportReminder(
                unit_id=parent_id,
                kind=kind,
                year=year,
                seq=seq,
                step=rules.ReminderStep.ESCALATED,
                key=key,
                sent_to=len(users),
            )
        )
        existing.add(key)
        sent["parent"] += 1
    if not rows:
        return sent
    with transaction.atomic():
        UnitReportReminder.objects.bulk_create(rows, ignore_conflicts=True)
        for users, text in notices:
            notify_users(user_ids=users, text=text)
        audit_record_many(
            actor=None,
            changes=[
                Change(
                    action="reports.unit_report_reminders",
                    object_type="reports.unitreportreminder",
                    object_id=day.isoformat(),
                    unit_id=None,
                    old={},
                    new={"day": day, **sent},
                )
            ],
        )
    return sent
