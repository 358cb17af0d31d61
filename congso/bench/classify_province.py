"""`congso bench classify-province`: the whole province's annual classification.

Builds a province (40 departments with a division each, 100 communes), 40 000 staff (4 000
with --quick; 80 % công chức rated by points, 20 % viên chức by the NĐ 90/48 shares) with twelve
finalised monthly sheets each (inserted with executemany, not timed), then times
`evaluation.services.classify` for 2026 on the root: reading every input (sheets, assignments,
leave, year facts, cases, freezes, earlier results), deciding through policy/, the quota per
group, and writing every run and result. The query count is measured again on a tenth of the
people: reads must not grow with the number of people (only the INSERT batches of 5 000 rows).
Target: < 10 s.
"""

from __future__ import annotations

import random
import time
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congso.evaluation.models import Result, Sheet
from congso.evaluation.rules import period_bounds
from congso.evaluation.services.classification import classify
from congso.org.models import Assignment, Person
from congso.org.services import person_prepare, unit_create

COLUMNS = (
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
    "on_time_share",
    "exceeded_share",
    "failed_share",
    "self_comment",
    "head_comment",
    "finalised_at",
)


def insert_sheets(people, rng: random.Random, year: int = 2026, kind: str = "month") -> int:
    table = Sheet._meta.db_table
    quoted = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
    now = timezone.now()
    numbers = range(1, 13) if kind == "month" else range(1, 5)
    bounds = [period_bounds(year, kind, m) for m in numbers]
    rows = []
    for person in people:
        points = person.category == "cong_chuc"
        base = rng.choice((63.0, 55.0, 55.0, 55.0, 45.0))
        for month, (start, end) in enumerate(bounds, start=1):
            task = f"{min(70.0, max(0.0, rng.gauss(base, 2))):.2f}"
            rows.append(
                (
                    person.unit_id,
                    person.pk,
                    year,
                    kind,
                    month,
                    start,
                    end,
                    points,
                    "final",
                    "{}",
                    "{}",
                    f"{rng.uniform(25, 30):.2f}" if points else None,
                    task if points else None,
                    None if points else "1.0000",
                    None if points else f"{rng.uniform(0, 0.7):.4f}",
                    None if points else "0.0000",
                    "",
                    "",
                    now,
                )
            )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, rows[start : start + 20_000])
    return len(rows)


def _province(n: int, rng: random.Random, tag: str):
    root, units = build_units(tag)
    people = [
        person_prepare(
            Person(
                unit=rng.choice(units),
                staff_code=f"{tag}{index:06d}",
                full_name=f"Cán Bộ Thử {index}",
                sex=rng.choice("MF"),
                birth_year=rng.randint(1965, 2002),
                category="cong_chuc" if rng.random() < 0.8 else "vien_chuc",
            )
        )
        for index in range(n)
    ]
    Person.objects.bulk_create(people, batch_size=4000)
    Assignment.objects.bulk_create(
        [Assignment(person=p, unit=p.unit, start_date=date(2020, 1, 1)) for p in people],
        batch_size=4000,
    )
    return root, people


def build_units(tag: str):
    root = unit_create(actor=None, name=f"Tỉnh thử xếp loại {tag}", kind="province")
    units = []
    for index in range(1, 41):
        agency = unit_create(actor=None, name=f"Sở thử {tag} {index}", kind="state", parent=root)
        units += [
            agency,
            unit_create(actor=None, name=f"Phòng {tag} {index}", kind="division", parent=agency),
        ]
    for index in range(1, 101):
        units.append(unit_create(actor=None, name=f"Xã {tag} {index}", kind="commune", parent=root))
    return root, units


def run(options: dict) -> dict:
    quick = options.get("quick")
    n = options.get("people") or (4_000 if quick else 40_000)
    rng = random.Random(2026)
    root, people = _province(n, rng, "CA")
    sheets = insert_sheets(people, rng)
    with CaptureQueriesContext(connection) as big:
        start, cpu = time.perf_counter(), time.process_time()
        summaries = classify(actor=None, year=2026, unit=root)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    results = Result.unscoped.filter(run__unit__path__startswith=root.path).count()
    small_root, small_people = _province(n // 10, rng, "CB")
    insert_sheets(small_people, rng)
    with CaptureQueriesContext(connection) as small:
        classify(actor=None, year=2026, unit=small_root)

    def reads(ctx) -> int:
        # executemany is logged as "<n> times: INSERT …"
        return sum(
            1
            for q in ctx.captured_queries
            if "INSERT" not in q["sql"].lstrip().upper().split(" ", 3)[:3]
        )

    counts = {}
    for summary in summaries:
        for key, value in summary.counts.items():
            counts[key] = counts.get(key, 0) + value
    fixed = reads(big) == reads(small)
    return {
        "people": n,
        "sheets": sheets,
        "results": results,
        "seconds": round(seconds, 2),
        "python_cpu_seconds": round(cpu, 2),
        "people_per_second": round(n / seconds),
        "levels": counts,
        "queries": len(big.captured_queries),
        "non_insert_queries": reads(big),
        "non_insert_queries_at_tenth": reads(small),
        "target": "< 10 s for 40 000 people; non-INSERT queries independent of the people",
        "pass": (seconds < 10) and fixed,
    }
