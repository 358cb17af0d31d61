"""Violations grouped by unit and category, for the reports app's dashboards: the page's
totals, its table by category and the heads' accountability view (which rolls the rows up to
each unit below the one shown) all come from these rows. One grouped query per year, whatever
the number of cases (the days to conclusion are summed by the database); rows out of the
actor's reach are left out. Same definitions as `violation_summary`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import connection
from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext

from congso.cases.choices import CaseKind
from congso.cases.models import Case
from congso.cases.rules import FINDING_STATES
from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.conduct.models import ViolationCategory
from congso.org.models import OrgUnit


@dataclass
class UnitViolations:
    """Misconduct cases opened in a year (in one unit and category, or summed)."""

    detected: int = 0
    confirmed: int = 0
    concluded: int = 0  # cases with a conclusion date (the handling time's sample)
    days_total: int = 0  # sum of days from opening to conclusion over `concluded`

    def add(self, other: UnitViolations) -> None:
        self.detected += other.detected
        self.confirmed += other.confirmed
        self.concluded += other.concluded
        self.days_total += other.days_total

    @property
    def mean_days(self) -> float | None:
        return round(self.days_total / self.concluded, 1) if self.concluded else None


def _days_expression(year: int) -> RawSQL | None:
    """Days from the local opening date to the conclusion date, clamped at 0, written in the
    database's own SQL (no per-row Python function). None when the province's time zone
    changes its offset within the year (never for Asia/Ho_Chi_Minh): the caller then counts
    in Python."""
    tz = timezone.get_current_timezone()
    if connection.vendor == "postgresql":
        sql = (
            'GREATEST("cases_case"."confirmed_on" - '
            '("cases_case"."created_at" AT TIME ZONE %s)::date, 0)'
        )
        return RawSQL(sql, (str(tz),), output_field=IntegerField())  # noqa: S611 - no input
    if connection.vendor == "sqlite":
        offsets = {
            timezone.make_aware(datetime(year, month, 1), tz).utcoffset() for month in (1, 7)
        }
        if len(offsets) != 1:
            return None
        offset = offsets.pop()
        if offset is None:
            return None
        seconds = int(offset.total_seconds())
        sql = (
            'MAX(CAST(julianday("cases_case"."confirmed_on") - julianday(date('
            f'"cases_case"."created_at", \'{seconds:+d} seconds\')) AS INTEGER), 0)'
        )
        return RawSQL(sql, (), output_field=IntegerField())  # noqa: S611 - an int offset
    return None


def violation_rows(
    *, actor: Actor, unit_path: str, year: int
) -> dict[tuple[str, str], UnitViolations]:
    """Per (unit path, category name) of the subtree at `unit_path`: misconduct cases opened
    in `year` (local time), confirmed (a finding state, not reversed), concluded, and the sum
    of days from the (local) opening date to the conclusion date. A case concluded before the
    day it was opened counts 0 days, as in `violation_summary`. One grouped query (plus the
    subtree's units and the category names, two small reads)."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), tz)
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), tz)
    paths = dict(
        OrgUnit.objects.for_actor(actor, Cap.CASES_VIEW)
        .filter(path__startswith=unit_path)
        .values_list("id", "path")
    )
    cases = Case.objects.for_actor(actor).filter(
        kind=CaseKind.MISCONDUCT,
        unit_id__in=list(paths),
        created_at__gte=start,
        created_at__lt=end,
    )
    concluded = Q(confirmed_on__isnull=False)
    days = _days_expression(year)
    sums: dict[str, Count | Sum] = {
        "detected": Count("id"),
        "confirmed": Count("id", filter=Q(state__in=list(FINDING_STATES), reversed=False)),
        "concluded": Count("id", filter=concluded),
    }
    if days is not None:
        sums["days"] = Sum(days, filter=concluded)
    grouped = list(cases.values_list("unit_id", "category_id").annotate(**sums).order_by())
    if not grouped:
        return {}
    slow: dict = {}
    if days is None:  # count in Python, as violation_summary does
        for unit_id, category_id, opened, on in cases.filter(concluded).values_list(
            "unit_id", "category_id", "created_at", "confirmed_on"
        ):
            if on is None:
                continue
            gap = max((on - timezone.localtime(opened, tz).date()).days, 0)
            slow[(unit_id, category_id)] = slow.get((unit_id, category_id), 0) + gap
    names = dict(ViolationCategory.objects.values_list("id", "name"))
    blank = gettext("Chưa phân loại")
    out: dict[tuple[str, str], UnitViolations] = {}
    for unit_id, category_id, *counts in grouped:
        total = counts[3] if days is not None else slow.get((unit_id, category_id), 0)
        key = (paths[unit_id], names.get(category_id, blank) if category_id else blank)
        out.setdefault(key, UnitViolations()).add(
            UnitViolations(counts[0], counts[1], counts[2], int(total or 0))
        )
    return out


def violations_by_unit(*, actor: Actor, unit_path: str, year: int) -> dict[str, UnitViolations]:
    """`violation_rows` summed per unit path."""
    out: dict[str, UnitViolations] = {}
    for (path, _category), row in violation_rows(
        actor=actor, unit_path=unit_path, year=year
    ).items():
        out.setdefault(path, UnitViolations()).add(row)
    return out
