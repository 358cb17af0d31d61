"""`congso bench classify-national`: 1 000 000 synthetic staff classified in one run.

A national root with ten provinces of 100 000 staff (two of 10 000 with --quick), each built
like `classify-province` (140 agencies) with four finalised quarterly sheets per person
(written with COPY, not timed). Timed, through `evaluation.services.classify`, the path of
`congso classify`: first one province alone (100 000 people), then the national root (every
province, 1 000 000 people, the first one's proposal recomputed). A run that large is read,
decided and written in chunks of whole agencies (`CHUNK_PEOPLE`), so memory stays bounded;
the benchmark prints both times (their ratio shows the cost is linear), the chunks, the
queries, the process's and PostgreSQL's CPU, the peak memory and the load average.
Target (PostgreSQL): < 5 min for 1 000 000 people.
"""

from __future__ import annotations

import random
import resource

from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.bench.classify_province import _province, insert_sheets, measured
from congso.evaluation.models import Result
from congso.evaluation.services import classification
from congso.evaluation.services.classification import classify
from congso.org.services import unit_create


def _peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # Linux: kilobytes


def run(options: dict) -> dict:
    quick = options.get("quick")
    size, provinces = (10_000, 2) if quick else (100_000, 10)
    size, provinces = options.get("size") or size, options.get("provinces") or provinces
    out = options.get("stdout")
    rng = random.Random(1_000_000)
    nation = unit_create(actor=None, name="Cả nước (thử xếp loại)", kind="province")
    roots = []
    for index in range(provinces):
        root, members = _province(size, rng, f"N{index:02d}", parent=nation)
        insert_sheets(members, rng, kind="quarter")
        roots.append(root)
        del members
    people = size * provinces
    setup_peak = _peak_mb()
    steps = []
    for unit, n in ((roots[0], size), (nation, people)):
        connection.queries_log.clear()  # a full log (9 000) would make the capture empty
        with measured() as figures, CaptureQueriesContext(connection) as queries:
            classify(actor=None, year=2026, unit=unit)
        figures.update(people=n, queries=len(queries.captured_queries), peak_mb=_peak_mb())
        steps.append(figures)
        if out:
            out.write(
                f"{n} người: {figures['seconds']} s (CPU Python {figures['python_cpu_seconds']} s"
                + (
                    f", CPU PostgreSQL {figures['database_cpu_seconds']} s"
                    if "database_cpu_seconds" in figures
                    else ""
                )
                + f", tải {figures['load_average_before']}→{figures['load_average_after']}, "
                f"{figures['queries']} truy vấn, bộ nhớ đỉnh {figures['peak_mb']} MB)"
            )
    first, whole = steps
    results = Result.unscoped.filter(run__unit__path__startswith=nation.path).count()
    return {
        "people": people,
        "results": results,
        "seconds": whole["seconds"],
        "seconds_by_people": {str(step["people"]): step["seconds"] for step in steps},
        "ratio_all_to_first": round(whole["seconds"] / first["seconds"], 2),
        "people_ratio": provinces,
        "chunk_people": classification.CHUNK_PEOPLE,
        "setup_peak_mb": setup_peak,
        "steps": steps,
        "people_per_second": round(people / whole["seconds"]),
        "target": "< 300 s for 1 000 000 people (PostgreSQL)",
        "pass": whole["seconds"] < 300 if not quick else None,
    }
