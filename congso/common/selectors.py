"""Reads shared by several pages: the home summary, the audit log, the holiday calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from congso.common.calendar import load_calendar
from congso.common.models import AuditEntry, Holiday
from congso.common.permissions import Cap
from congso.common.scoping import WHOLE_PROVINCE, Actor
from congso.common.workdays import working_days_between


@dataclass(frozen=True)
class HomeSummary:
    units: int
    people: int
    counters: int


def _org_model(name: str):
    """An org model by app label: common sits below org (design.md §4) and names its tables
    the way `ScopedModel.unit` does, never by import."""
    return apps.get_model("org", name)


def home_summary(*, actor: Actor) -> HomeSummary:
    OrgUnit, Person, ServiceCounter = (
        _org_model("OrgUnit"),
        _org_model("Person"),
        _org_model("ServiceCounter"),
    )
    return HomeSummary(
        units=OrgUnit.objects.for_actor(actor).count(),
        people=Person.objects.for_actor(actor).filter(is_active=True).count(),
        counters=ServiceCounter.objects.for_actor(actor, "org.view").count(),
    )


# ----------------------------------------------------------------------------- audit log


@dataclass(frozen=True)
class AuditFilters:
    """Filters of the audit page; empty values do not filter."""

    action: str = ""  # prefix: "org." matches every org action
    object_type: str = ""
    object_id: str = ""
    actor: str = ""  # part of the actor's user name
    date_from: date | None = None
    date_to: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_list(*, actor: Actor, filters: AuditFilters = AuditFilters()) -> QuerySet[AuditEntry]:
    """Audit rows the actor may read, newest first.

    AuditEntry keeps `unit_id` as a plain number (the chain must not depend on the org tree),
    so the scope is applied here with `for_actor`'s rule: rows of units in the actor's
    `audit.view` reach; rows without a unit (settings, the calendar, system jobs) only for
    actors whose reach is the whole province.
    """
    rows = AuditEntry.objects.all()
    reach = actor.unit_ids(Cap.AUDIT_VIEW)
    if reach is not WHOLE_PROVINCE:
        if not reach:
            return rows.none()
        rows = rows.filter(unit_id__in=sorted(reach))
    if filters.action:
        rows = rows.filter(action__startswith=filters.action)
    if filters.object_type:
        rows = rows.filter(object_type=filters.object_type)
    if filters.object_id:
        rows = rows.filter(object_id=filters.object_id)
    if filters.actor:
        rows = rows.filter(actor_label__icontains=filters.actor)
    if filters.date_from:
        rows = rows.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        rows = rows.filter(at__lt=_day_start(filters.date_to + timedelta(days=1)))
    return rows.order_by("-seq")


def audit_unit_names(*, actor: Actor, unit_ids: set[int]) -> dict[int, str]:
    """Names of the units the listed rows belong to (one query)."""
    ids = sorted(i for i in unit_ids if i is not None)
    if not ids:
        return {}
    units = _org_model("OrgUnit").objects.for_actor(actor, Cap.AUDIT_VIEW).filter(id__in=ids)
    return dict(units.values_list("id", "name"))


# ----------------------------------------------------------------------------- calendar


@dataclass(frozen=True)
class CalendarYear:
    year: int
    entries: list[Holiday]
    years: list[int]  # years the page links to
    holidays: int
    makeup_days: int
    working_days: int


def holiday_get(*, actor: Actor, day: date) -> Holiday | None:
    """The entry on `day`, for actors who manage the calendar (None otherwise)."""
    if not actor.has(Cap.CALENDAR_MANAGE):
        return None
    return Holiday.objects.filter(date=day).first()


def holiday_year(*, actor: Actor, year: int) -> CalendarYear:
    """The calendar of one year with its counts and working days (Mon–Fri, minus holidays,
    plus make-up days)."""
    entries = list(Holiday.objects.filter(date__year=year).order_by("date"))
    known = Holiday.objects.dates("date", "year")
    years = sorted({d.year for d in known} | {year, timezone.localdate().year})
    start = date(year, 1, 1)
    end = date(year, 12, 31)
    working = working_days_between(start - timedelta(days=1), end, load_calendar(start, end))
    return CalendarYear(
        year=year,
        entries=entries,
        years=list(range(years[0], years[-1] + 2)),
        holidays=sum(1 for e in entries if e.kind == Holiday.Kind.HOLIDAY),
        makeup_days=sum(1 for e in entries if e.kind == Holiday.Kind.WORKDAY),
        working_days=working,
    )
