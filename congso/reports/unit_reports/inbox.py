"""'Việc của tôi' items of the unit reports: the report the actor's unit must send, and the
children's reports waiting for the actor's review. Four queries, whatever the numbers."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.calendar import load_calendar
from congso.common.inbox import TaskItem
from congso.common.permissions import Cap
from congso.reports.periods import make_period, period_name
from congso.reports.unit_reports import rules, selectors
from congso.reports.unit_reports.models import UnitReport

LOOK_BACK_DAYS = 60


def _title(report_kind, year, seq, unit_name) -> str:
    name = period_name(make_period(report_kind, year, seq))
    return _("Báo cáo %(period)s — %(unit)s") % {"period": name, "unit": unit_name}


def my_tasks(actor) -> list[TaskItem]:
    if not actor.has(Cap.REPORTS_UNIT):
        return []
    today = timezone.localdate()
    reach = actor.unit_ids(Cap.REPORTS_UNIT)
    units = selectors.report_units(actor=actor).select_related("parent")
    if reach is not None:
        units = units.exclude(parent_id__in=sorted(reach))
    else:
        units = units.filter(depth=0)
    tops = list(units[:20])
    items: list[TaskItem] = []
    writers = [u for u in tops if u.parent_id and u.kind != "division"]
    if writers:
        periods = [
            p for p in rules.ended_periods(today, count=1) if rules.period_bounds(*p)[1] <= today
        ]
        calendar = load_calendar(today - timedelta(days=200), today + timedelta(days=60))
        reports = {
            (r.unit_id, r.kind, r.year, r.seq): r
            for r in UnitReport.objects.for_actor(actor).filter(
                unit_id__in=[u.pk for u in writers], year__gte=today.year - 1
            )
        }
        for unit in writers:
            for kind, year, seq in periods:
                report = reports.get((unit.pk, kind, year, seq))
                if report is not None and report.state in rules.SENT:
                    continue
                due = report.due_on if report else selectors.due_on(unit, kind, year, seq, calendar)
                if (today - due).days > LOOK_BACK_DAYS:
                    continue
                returned = report is not None and report.state == rules.RETURNED
                items.append(
                    TaskItem(
                        kind=_("Gửi lại báo cáo bị trả lại")
                        if returned
                        else _("Gửi báo cáo định kỳ lên cấp trên"),
                        title=_title(kind, year, seq, unit.name),
                        url=reverse(
                            "reports:unit_report",
                            args=[unit.pk, rules.period_slug(kind, year, seq)],
                        ),
                        due=due,
                    )
                )
    waiting = (
        UnitReport.objects.for_actor(actor)
        .filter(unit__parent_id__in=[u.pk for u in tops], state=rules.SUBMITTED)
        .select_related("unit")
        .order_by("due_on")[:30]
    )
    for report in waiting:
        items.append(
            TaskItem(
                kind=_("Xem xét báo cáo của đơn vị trực thuộc"),
                title=_title(report.kind, report.year, report.seq, report.unit.name),
                url=reverse(
                    "reports:unit_review",
                    args=[report.unit.parent_id, report.slug],
                ),
                due=None,
            )
        )
    return items
