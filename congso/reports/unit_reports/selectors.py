"""Reads of the unit reports, always with the actor: the units the actor reports for, a
report, the children's status for the unit above, what is waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404

from congso.common.calendar import load_calendar
from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.reports.unit_reports import rules
from congso.reports.unit_reports.models import UnitReport


def _valid_on(units, day: date):
    from django.db.models import Q

    return units.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)
    )


def report_units(*, actor: Actor):
    """Units in the actor's `reports.unit` reach, highest first."""
    from congso.org.selectors import unit_list

    reach = actor.unit_ids(Cap.REPORTS_UNIT)
    units = unit_list(actor=actor)
    if reach is not None:
        units = units.filter(id__in=sorted(reach))
    return units.order_by("depth", "sort_key")


def home_unit(*, actor: Actor):
    """The highest unit the actor reports for, or 404."""
    unit = report_units(actor=actor).first()
    if unit is None:
        raise Http404
    return unit


def unit_get(*, actor: Actor, pk):
    """A unit inside the actor's reach for unit reports, or 404 (missing and forbidden alike)."""
    try:
        return report_units(actor=actor).get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def may_write(actor: Actor, unit) -> bool:
    """A unit's report is written by those holding `reports.unit` on it but not on the unit
    above (the level above reviews it instead of writing it)."""
    if not actor.can(Cap.REPORTS_UNIT, unit.pk):
        return False
    return unit.parent_id is None or not actor.can(Cap.REPORTS_UNIT, unit.parent_id)


def may_review(actor: Actor, unit) -> bool:
    return unit.parent_id is not None and actor.can(Cap.REPORTS_UNIT, unit.parent_id)


def report_for(*, actor: Actor, unit, kind: str, year: int, seq: int) -> UnitReport | None:
    return (
        UnitReport.objects.for_actor(actor)
        .filter(unit=unit, kind=kind, year=year, seq=seq)
        .select_related("unit", "submitted_by", "reviewed_by")
        .first()
    )


def report_get(*, actor: Actor, pk) -> UnitReport:
    try:
        return UnitReport.objects.for_actor(actor).select_related("unit", "unit__parent").get(pk=pk)
    except (UnitReport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def deadline_config() -> tuple[dict, int]:
    return (
        dict(getattr(settings, "UNIT_REPORT_DEADLINES", rules.DEFAULT_DEADLINES)),
        int(getattr(settings, "UNIT_REPORT_LEAD_DAYS", rules.DEFAULT_LEAD_DAYS)),
    )


def due_on(unit, kind: str, year: int, seq: int, calendar=None) -> date:
    deadlines, lead = deadline_config()
    _start, end = rules.period_bounds(kind, year, seq)
    days = rules.deadline_days(kind, unit.depth, deadlines, lead)
    if calendar is None:
        from datetime import timedelta

        calendar = load_calendar(end, end + timedelta(days=days * 2 + 40))
    return rules.due_date(end, days, calendar)


def reporting_children(parent, day: date):
    """Units that report to `parent` (rules.reports_upward), in force on `day`."""
    from congso.org.selectors import unit_list
    from congso.reports.services import system_actor

    if parent.kind == "commune":
        return []
    units = unit_list(actor=system_actor(), on=day).filter(parent_id=parent.pk)
    return [
        u
        for u in units.exclude(kind="division").order_by("sort_key")
        if rules.reports_upward(kind=u.kind, parent_kind=parent.kind, depth=u.depth, valid=True)
    ]


@dataclass
class ChildStatus:
    unit: object
    report: UnitReport | None
    due_on: date
    late: bool  # not sent by the due date (or sent after it)

    @property
    def state(self) -> str:
        return self.report.state if self.report else "missing"


def children_status(*, actor: Actor, parent, kind: str, year: int, seq: int, today: date):
    """Each reporting child of `parent` with its report (or none) and whether it is late.
    Three queries, whatever the number of children."""
    _start, end = rules.period_bounds(kind, year, seq)
    from datetime import timedelta

    last = end - timedelta(days=1)
    children = reporting_children(parent, last)
    if not children:
        return []
    reports = {
        r.unit_id: r
        for r in UnitReport.objects.for_actor(actor)
        .filter(unit_id__in=[c.pk for c in children], kind=kind, year=year, seq=seq)
        .select_related("submitted_by")
    }
    deadlines, lead = deadline_config()
    days = rules.deadline_days(kind, children[0].depth, deadlines, lead)
    calendar = load_calendar(end, end + timedelta(days=days * 2 + 40))
    due = rules.due_date(end, days, calendar)
    result = []
    for child in children:
        report = reports.get(child.pk)
        sent = report is not None and report.submitted_at is not None
        if sent:
            late = report.submitted_at.date() > due  # first sending counts
        else:
            late = today > due
        result.append(ChildStatus(child, report, due, late))
    return result


def unit_reports(*, actor: Actor, unit, kind: str | None = None):
    rows = UnitReport.objects.for_actor(actor).filter(unit=unit)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-year", "-seq")
