"""Violations grouped by unit, for the reports app's dashboards (the heads' accountability
view rolls these rows up to each unit below the one shown). Two grouped queries, whatever the
number of cases; rows out of the actor's reach are left out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q
from django.utils import timezone

from congso.cases.choices import CaseKind
from congso.cases.models import Case
from congso.cases.rules import FINDING_STATES
from congso.common.scoping import Actor


@dataclass
class UnitViolations:
    """Misconduct cases opened in a year in one unit (not its subtree)."""

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


def violations_by_unit(*, actor: Actor, unit_path: str, year: int) -> dict[str, UnitViolations]:
    """Per unit path of the subtree at `unit_path`: misconduct cases opened in `year` (local
    time), confirmed (a finding state, not reversed), and days from opening to conclusion —
    the same definitions as `violation_summary`."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), tz)
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), tz)
    cases = Case.objects.for_actor(actor).filter(
        kind=CaseKind.MISCONDUCT,
        unit__path__startswith=unit_path,
        created_at__gte=start,
        created_at__lt=end,
    )
    finding = Q(state__in=list(FINDING_STATES), reversed=False)
    out: dict[str, UnitViolations] = {}
    for row in (
        cases.values("unit__path")
        .annotate(detected=Count("id"), confirmed=Count("id", filter=finding))
        .order_by()
    ):
        out[row["unit__path"]] = UnitViolations(row["detected"], row["confirmed"])
    for path, opened, concluded in (
        cases.filter(confirmed_on__isnull=False)
        .values_list("unit__path", "created_at", "confirmed_on")
        .order_by()
        .iterator(chunk_size=5000)
    ):
        row = out.setdefault(path, UnitViolations())
        row.concluded += 1
        row.days_total += max((concluded - timezone.localtime(opened, tz).date()).days, 0)
    return out
