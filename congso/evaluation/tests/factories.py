"""Test data of the evaluation app."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from congso.evaluation import rules
from congso.evaluation.models import Sheet, SheetState


def final_sheets(
    person,
    unit,
    year: int,
    *,
    common="27",
    task="60",
    months=range(1, 13),
    shares=("1", "0.5", "0"),
):
    """Finalised monthly sheets for the person (system data, no workflow)."""
    points = rules.uses_points(person.category, year)
    rows = []
    for month in months:
        start, end = rules.period_bounds(year, "month", month)
        rows.append(
            Sheet(
                unit=unit,
                person=person,
                year=year,
                period_kind="month",
                number=month,
                start=start,
                end=end,
                uses_points=points,
                state=SheetState.FINAL,
                common_points=Decimal(common) if points else None,
                task_points=Decimal(task) if points else None,
                on_time_share=None if points else Decimal(shares[0]),
                exceeded_share=None if points else Decimal(shares[1]),
                failed_share=None if points else Decimal(shares[2]),
                finalised_at=timezone.now(),
            )
        )
    return Sheet.unscoped.bulk_create(rows)
