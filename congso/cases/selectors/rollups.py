"""Violations grouped by unit and category, for the reports app's dashboards: the page's
totals, its table by category and the heads' accountability view (which rolls the rows up to
each unit below the one shown) all come from these rows. One grouped query per year, whatever
the number of cases (the days to conclusion are summed by the database); rows out of the
actor's reach are left out. Same definitions as `violation_summary`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext

from congso.cases.choices import CaseKind
from congso.cases.models import Case
from congso.cases.rules import FINDING_STATES
from congso.common.scoping import Actor


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


def _days(value) -> int:
    """A summed duration as whole days (SQLite and PostgreSQL both give a timedelta)."""
    if value is None:
        return 0
    if isinstance(value, timedelta):
        return value.days
    return int(value) // 86_400_000_000  # microseconds, as Django stores durations on SQLite


def violation_rows(
    *, actor: Actor, unit_path: str, year: int
) -> dict[tuple[str, str], UnitViolations]:
    """Per (unit path, category name) of the subtree at `unit_path`: misconduct cases opened
    in `year` (local time), confirmed (a finding state, not reversed), concluded, and the sum
    of days from the (local) opening date to the conclusion date. A case concluded before the
    day it was opened counts 0 days, as in `violation_summary`."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), tz)
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), tz)
    opened = TruncDate("created_at", tzinfo=tz)
    concluded = Q(confirmed_on__isnull=False)
    days = ExpressionWrapper(F("confirmed_on") - opened, output_field=DurationField())
    rows = (
        Case.objects.for_actor(actor)
        .filter(
            kind=CaseKind.MISCONDUCT,
            unit__path__startswith=unit_path,
            created_at__gte=start,
            created_at__lt=end,
        )
        .values("unit__path", "category__name")
        .annotate(
            detected=Count("id"),
            confirmed=Count("id", filter=Q(state__in=list(FINDING_STATES), reversed=False)),
            concluded=Count("id", filter=concluded),
            days=Sum(days, filter=concluded & Q(confirmed_on__gte=opened)),
        )
        .order_by()
    )
    blank = gettext("Chưa phân loại")
    return {
        (row["unit__path"], row["category__name"] or blank): UnitViolations(
            row["detected"], row["confirmed"], row["concluded"], _days(row["days"])
        )
        for row in rows
    }


def violations_by_unit(*, actor: Actor, unit_path: str, year: int) -> dict[str, UnitViolations]:
    """`violation_rows` summed per unit path."""
    out: dict[str, UnitViolations] = {}
    for (path, _category), row in violation_rows(
        actor=actor, unit_path=unit_path, year=year
    ).items():
        out.setdefault(path, UnitViolations()).add(row)
    return out
