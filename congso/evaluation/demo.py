"""Demo data of evaluation: a full 2025 (quarterly NĐ 90/48 sheets for everyone, the
classification final) and 2026 so far (monthly sheets January–November: January–October
finalised, November waiting for self-assessment or for the head; the 2026 classification as a
proposal awaiting the collective review). The cases demo's confirmed violations cap real people
(R9), so the directive's rule is visible on the first day.

Written in bulk (one audit row per kind of bulk write, like org.demo); the services are
exercised by the tests. Timings: docs/demo.md.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from congso.common.audit import audit_record
from congso.evaluation import rules
from congso.evaluation.models import (
    EvaluationSettings,
    LeaveRecord,
    Run,
    RunState,
    Sheet,
    SheetState,
    YearFacts,
)
from congso.evaluation.services.classification import classify
from congso.org.models import OrgUnit, Person

Log = Callable[[str], None]
CATEGORIES = ("cong_chuc", "can_bo", "vien_chuc")
BATCH = 5000
CENT = Decimal("0.01")


def _profile(rng: random.Random) -> tuple[float, float]:
    """A person's usual common and task points (most good, some excellent, a few weak)."""
    draw = rng.random()
    if draw < 0.12:
        return 29.0, 63.0  # excellent
    if draw < 0.90:
        return 26.5, 52.0  # good
    if draw < 0.98:
        return 22.0, 38.0  # completes
    return 15.0, 25.0  # does not complete


def _points(rng: random.Random, mean: float, spread: float, top: int) -> Decimal:
    value = min(max(rng.gauss(mean, spread), 0), top)
    return Decimal(str(round(value, 2))).quantize(CENT)


def _share(value: float) -> Decimal:
    return Decimal(str(round(min(max(value, 0.0), 1.0), 2)))


def _shares(rng: random.Random, common: float) -> tuple[Decimal, Decimal, Decimal]:
    if common >= 29:
        return Decimal(1), _share(rng.uniform(0.5, 0.8)), Decimal(0)
    if common >= 26:
        return Decimal(1), _share(rng.uniform(0.1, 0.45)), Decimal(0)
    if common >= 20:
        return _share(rng.uniform(0.8, 0.95)), Decimal(0), _share(rng.uniform(0.05, 0.2))
    return _share(rng.uniform(0.3, 0.6)), Decimal(0), _share(rng.uniform(0.55, 0.8))


SHEET_COLUMNS = (
    "unit_id",
    "person_id",
    "year",
    "period_kind",
    "number",
    "start",
    "end",
    "uses_points",
    "state",
    "self_common",
    "head_common",
    "common_points",
    "task_points",
    "self_task_points",
    "on_time_share",
    "exceeded_share",
    "failed_share",
    "self_comment",
    "head_comment",
    "due_on",
    "finalised_at",
)


def _insert(sheets: list[Sheet]) -> None:
    """executemany INSERT: 400 000 sheets in seconds (bulk_create spends most of its time
    preparing each field of each row)."""
    table = Sheet._meta.db_table
    names = ", ".join(connection.ops.quote_name(c) for c in SHEET_COLUMNS)
    marks = ", ".join(["%s"] * len(SHEET_COLUMNS))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - constants only

    def value(sheet: Sheet, name: str):
        raw = getattr(sheet, name)
        if isinstance(raw, Decimal):
            return str(raw)
        return "{}" if name in ("self_common", "head_common") else raw

    rows = [tuple(value(sheet, c) for c in SHEET_COLUMNS) for sheet in sheets]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, rows[start : start + 20_000])


def _sheets(people, rng: random.Random, heads: set[int]) -> list[Sheet]:
    now = timezone.now()
    rows: list[Sheet] = []
    for pid, unit_id, category in people:
        common, task = _profile(rng)
        for quarter in range(1, 5):  # 2025: quarterly, NĐ 90/48 for everyone
            start, end = rules.period_bounds(2025, "quarter", quarter)
            on_time, exceeded, failed = _shares(rng, common)
            rows.append(
                Sheet(
                    unit_id=unit_id,
                    person_id=pid,
                    year=2025,
                    period_kind="quarter",
                    number=quarter,
                    start=start,
                    end=end,
                    uses_points=False,
                    state=SheetState.FINAL,
                    on_time_share=on_time,
                    exceeded_share=exceeded,
                    failed_share=failed,
                    due_on=rules.sheet_due(end),
                    finalised_at=now,
                )
            )
        points = rules.uses_points(category, 2026)
        for month in range(1, 12):  # 2026: monthly, January–November
            start, end = rules.period_bounds(2026, "month", month)
            state = SheetState.FINAL
            if month == 11:
                state = SheetState.HEAD if pid in heads or rng.random() < 0.7 else SheetState.SELF
            sheet = Sheet(
                unit_id=unit_id,
                person_id=pid,
                year=2026,
                period_kind="month",
                number=month,
                start=start,
                end=end,
                uses_points=points,
                state=state,
                due_on=rules.sheet_due(end),
                finalised_at=now if state == SheetState.FINAL else None,
            )
            if points:
                c, t = _points(rng, common, 0.8, 30), _points(rng, task, 2.5, 70)
                sheet.self_task_points = t
                if state == SheetState.FINAL:
                    sheet.common_points, sheet.task_points = c, t
            else:
                sheet.on_time_share, sheet.exceeded_share, sheet.failed_share = _shares(rng, common)
            rows.append(sheet)
    return rows


def load_demo(*, rng: random.Random, log: Log) -> None:
    root = OrgUnit.unscoped.filter(parent__isnull=True).order_by("id").first()
    if root is None:
        return
    people = list(
        Person.unscoped.filter(category__in=CATEGORIES, is_active=True).values_list(
            "id", "unit_id", "category", "is_leader", "sex"
        )
    )
    demo_head = set(
        Person.unscoped.filter(unit__short_name="SYT").values_list("id", flat=True)
    )  # the `thutruong` login's agency: November waits for the head there
    EvaluationSettings.unscoped.create(unit=root, period_kind="month")
    sheets = _sheets([(p, u, c) for p, u, c, _l, _s in people], rng, demo_head)
    _insert(sheets)
    facts, leave = [], []
    for pid, unit_id, _category, leader, sex in people:
        for year in (2025, 2026):
            initiative = rng.random() < 0.04
            fine = rng.random() < 0.005
            if initiative or fine or leader:
                facts.append(
                    YearFacts(
                        unit_id=unit_id,
                        person_id=pid,
                        year=year,
                        task_group="Lãnh đạo, quản lý" if leader else "",
                        recognised_initiative=initiative,
                        administrative_fine=fine,
                    )
                )
        if sex == "F" and rng.random() < 0.02:
            start = date(2026, rng.randint(1, 6), 1)
            leave.append(
                LeaveRecord(
                    unit_id=unit_id,
                    person_id=pid,
                    kind="maternity",
                    start=start,
                    end=date(start.year, start.month + 5, 28),
                )
            )
        elif rng.random() < 0.01:
            start = date(2026, rng.randint(1, 11), rng.randint(1, 20))
            leave.append(
                LeaveRecord(
                    unit_id=unit_id,
                    person_id=pid,
                    kind="sick",
                    start=start,
                    end=date(start.year, start.month, start.day + 7),
                )
            )
    YearFacts.unscoped.bulk_create(facts, batch_size=BATCH)
    LeaveRecord.unscoped.bulk_create(leave, batch_size=BATCH)
    audit_record(
        actor=None,
        action="evaluation.demo_load",
        obj=root,
        new={"sheets": len(sheets), "year_facts": len(facts), "leave": len(leave)},
    )
    log(f"  {len(sheets)} phiếu đánh giá, {len(leave)} thời gian nghỉ")
    classify(actor=None, year=2025, unit=root)
    Run.unscoped.filter(year=2025).update(
        state=RunState.FINAL,
        meeting_date=date(2025, 12, 10),
        attendees="Thủ trưởng, cấp phó, chủ tịch công đoàn, bí thư chi bộ",
        approved_at=timezone.now(),
        published_on=date(2025, 12, 12),
        appeal_deadline=date(2025, 12, 19),
        final_at=timezone.now(),
    )
    audit_record(actor=None, action="evaluation.demo_final_2025", obj=root, new={"year": 2025})
    classify(actor=None, year=2026, unit=root)
    log(f"  xếp loại 2025 (đã chốt), 2026 (dự kiến): {Run.unscoped.count()} đợt")
