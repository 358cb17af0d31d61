"""Builders for the facts of one person's year: sensible defaults, override what a test needs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from congso.policy.facts import CaseFacts, Discipline, LeaderUnit, Violation


def D(value: str | int) -> Decimal:
    return Decimal(str(value))


def cc26(**changes: Any) -> CaseFacts:
    """A công chức rated for 2026 (NĐ 335), 80 points, a full year, nothing else."""
    base: dict[str, Any] = {
        "year": 2026,
        "category": "cong_chuc",
        "is_leader": False,
        "months_worked": D(12),
        "months_absent": D(0),
        "common_points": D(28),
        "task_points": D(52),
    }
    return CaseFacts(**_normalise(base | changes))


def nd90(category: str = "vien_chuc", year: int = 2025, **changes: Any) -> CaseFacts:
    """An NĐ 90 person (viên chức 2025 by default): all on time, 20 % exceeded ⇒ HTTNV."""
    base: dict[str, Any] = {
        "year": year,
        "category": category,
        "is_leader": False,
        "months_worked": D(12),
        "months_absent": D(0),
        "tasks_on_time_share": D("1"),
        "tasks_exceeded_share": D("0.2"),
        "criteria_failed_share": D("0"),
    }
    return CaseFacts(**_normalise(base | changes))


def _normalise(values: dict[str, Any]) -> dict[str, Any]:
    for key in (
        "months_worked",
        "months_absent",
        "common_points",
        "task_points",
        "tasks_on_time_share",
        "tasks_exceeded_share",
        "criteria_failed_share",
    ):
        if values.get(key) is not None and not isinstance(values[key], Decimal):
            values[key] = D(values[key])
    if isinstance(values.get("unit"), dict):
        values["unit"] = LeaderUnit(**{k: D(v) for k, v in values["unit"].items()})
    return values


def disc(
    day: str,
    form: str = "khien_trach",
    counted: int | None = None,
    source: str = "administrative",
    duty_related: bool = True,
) -> tuple[Discipline, ...]:
    return (Discipline(form, date.fromisoformat(day), counted, source, duty_related),)


def viol(
    day: str, kind: str = "office_culture", status: str = "confirmed"
) -> tuple[Violation, ...]:
    return (Violation(kind, date.fromisoformat(day), status),)


FULL_UNIT = {
    "completed_share": "1",
    "on_time_share": "1",
    "exceeded_share": "0.55",
    "subordinates_htnv_plus_share": "1",
    "subordinates_httnv_plus_share": "0.8",
}
