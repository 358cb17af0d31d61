"""Helpers shared by the staff survey views."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from congso.surveys.rules import Period, parse_period


def period_from(request: HttpRequest) -> Period:
    return parse_period(request.GET.get("ky"), today=timezone.localdate())


def period_choices(period: Period) -> list[tuple[str, str]]:
    """Year, its quarters and months, for the period picker."""
    year = period.start.year
    choices = [(str(year - 1), f"Năm {year - 1}"), (str(year), f"Năm {year}")]
    choices += [(f"{year}-q{q}", f"Quý {q}/{year}") for q in range(1, 5)]
    choices += [(f"{year}-{m:02d}", f"{m:02d}/{year}") for m in range(1, 13)]
    return choices
