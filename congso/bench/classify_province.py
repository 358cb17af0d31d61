"""`congso bench classify-province`: the whole province's annual classification.

Builds a province (40 departments with a division each, 100 communes), 40 000 staff (4 000
with --quick), spread evenly over the units, 80 % công chức rated by points, 20 % viên chức by
the NĐ 90/48 shares, with twelve finalised monthly sheets each (written with COPY or
executemany, not timed), then times `evaluation.services.classify` for 2026 on the root:
reading every input (sheets, assignments, leave, year facts, cases, freezes, earlier results),
deciding through policy/, the quota per group, and writing every run and result; then the same
run recomputed (the proposal's results deleted and written again). The query count is measured
again on a tenth of the people and must be the same (one statement per table, whatever the
number of people). Prints the wall time with the process's CPU, the PostgreSQL backend's CPU
and the load average (on a shared machine the wall time includes waiting for a core).
Target: < 10 s.
"""

from __future__ import annotations

import os
import random
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congso.common.bulk import insert_rows
from congso.evaluation.models import Result, Sheet
from congso.evaluation.rules import period_bounds
from congso.evaluation.services.classification import classify
from congso.org.models import Assignment, OrgUnit, Person
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
    """Finalised sheets for `people` (COPY on PostgreSQL, executemany on SQLite)."""
    now = timezone.now()
    numbers = range(1, 13) if kind == "month" else range(1, 5)
    bounds = [period_bounds(year, kind, m) for m in numbers]

    def rows():
        for person in people:
            points = person.category == "cong_chuc"
            base = rng.choice((63.0, 55.0, 55.0, 55.0, 45.0))
            for month, (start, end) in enumerate(bounds, start=1):
                task = f"{min(70.0, max(0.0, rng.gauss(base, 2))):.2f}"
                yield (
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

    return insert_rows(Sheet._meta.db_table, COLUMNS, rows())


def _province(n: int, rng: random.Random, tag: str, parent: OrgUnit | None = None):
    root, units = build_units(tag, parent)
    people = [
        person_prepare(
            Person(
                unit=units[index % len(units)],
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


UNITS = 180  # build_units: 40 departments, 40 divisions, 100 communes


def build_units(tag: str, parent: OrgUnit | None = None):
    root = unit_create(actor=None, name=f"Tỉnh thử xếp loại {tag}", kind="province", parent=parent)
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


def database_cpu_seconds() -> float | None:
    """CPU seconds used so far by this connection's PostgreSQL backend (a local server, read
    from /proc); None on SQLite, whose work is the process's own CPU."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def measured() -> Iterator[dict]:
    """Wall time, the process's CPU, the PostgreSQL backend's CPU, the times the process was
    made to wait for a core (involuntary context switches) and the load average."""
    figures: dict = {"load_average_before": round(os.getloadavg()[0], 1)}
    usage, db_cpu = resource.getrusage(resource.RUSAGE_SELF), database_cpu_seconds()
    start, times = time.perf_counter(), os.times()
    yield figures
    wall, after = time.perf_counter() - start, os.times()
    end_usage, end_db_cpu = resource.getrusage(resource.RUSAGE_SELF), database_cpu_seconds()
    figures["seconds"] = round(wall, 2)
    figures["python_cpu_seconds"] = round(after.user - times.user + after.system - times.system, 2)
    if db_cpu is not None and end_db_cpu is not None:
        figures["database_cpu_seconds"] = round(end_db_cpu - db_cpu, 2)
    figures["involuntary_switches"] = end_usage.ru_nivcsw - usage.ru_nivcsw
    figures["load_average_after"] = round(os.getloadavg()[0], 1)


def run(options: dict) -> dict:
    quick = options.get("quick")
    n = options.get("people") or (4_000 if quick else 40_000)
    out = options.get("stdout")
    rng = random.Random(2026)
    root, people = _province(n, rng, "CA")
    sheets = insert_sheets(people, rng)
    connection.queries_log.clear()  # a full log (9 000) would make the capture empty
    with measured() as figures, CaptureQueriesContext(connection) as big:
        summaries = classify(actor=None, year=2026, unit=root)
    results = Result.unscoped.filter(run__unit__path__startswith=root.path).count()
    # A tenth of the people, at least one in each of the 180 units (so both runs have the same
    # agencies: the statements per run depend on the agencies, never on the people).
    small_n = max(n // 10, UNITS)
    small_root, small_people = _province(small_n, rng, "CB")
    insert_sheets(small_people, rng)
    connection.queries_log.clear()  # a full log (9 000) would make the capture empty
    with CaptureQueriesContext(connection) as small:
        classify(actor=None, year=2026, unit=small_root)
    # Recomputing a proposal (delete and write again) is the other path a unit head takes.
    connection.queries_log.clear()  # a full log (9 000) would make the capture empty
    with measured() as recompute, CaptureQueriesContext(connection) as again:
        classify(actor=None, year=2026, unit=root)

    counts: dict[str, int] = {}
    for summary in summaries:
        for key, value in summary.counts.items():
            counts[key] = counts.get(key, 0) + value
    queries, queries_small = len(big.captured_queries), len(small.captured_queries)
    if out:
        out.write(
            f"{n} người: {figures['seconds']} s (CPU Python {figures['python_cpu_seconds']} s"
            + (
                f", CPU PostgreSQL {figures['database_cpu_seconds']} s"
                if "database_cpu_seconds" in figures
                else ""
            )
            + f", tải {figures['load_average_before']}→{figures['load_average_after']}); "
            f"{queries} truy vấn với {n} người, {queries_small} với {small_n} người; "
            f"tính lại: {recompute['seconds']} s, {len(again.captured_queries)} truy vấn."
        )
    return {
        "people": n,
        "sheets": sheets,
        "results": results,
        **figures,
        "people_per_second": round(n / figures["seconds"]),
        "recompute_seconds": recompute["seconds"],
        "recompute_python_cpu_seconds": recompute["python_cpu_seconds"],
        "levels": counts,
        "queries": queries,
        "queries_people": small_n,
        "queries_at_fewer_people": queries_small,
        "recompute_queries": len(again.captured_queries),
        "target": "< 10 s for 40 000 people; the same number of queries at any number of people",
        "pass": figures["seconds"] < 10 and queries == queries_small,
    }
