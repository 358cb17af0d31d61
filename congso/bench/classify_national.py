"""`congso bench classify-national`: 1 000 000 synthetic staff classified, in ten provinces of
100 000 (two of 10 000 with --quick), each with 140 agencies and four finalised quarterly
sheets per person (inserted with executemany, not timed). Each province is classified by
`evaluation.services.classify` on its root, the same path as `congso classify`; the figure is
the classification time summed over the provinces, printed after each (at 100 000 and at
1 000 000 the cost is seen to be linear). Target (PostgreSQL): < 5 min for 1 000 000.
"""

from __future__ import annotations

import random
import time

from congso.bench.classify_province import _province, insert_sheets
from congso.evaluation.services.classification import classify


def run(options: dict) -> dict:
    quick = options.get("quick")
    size, provinces = (10_000, 2) if quick else (100_000, 10)
    size, provinces = options.get("size") or size, options.get("provinces") or provinces
    rng = random.Random(1_000_000)
    total, people, marks = 0.0, 0, {}
    for index in range(provinces):
        root, members = _province(size, rng, f"N{index:02d}")
        insert_sheets(members, rng, kind="quarter")
        start = time.perf_counter()
        classify(actor=None, year=2026, unit=root)
        total += time.perf_counter() - start
        people += size
        marks[str(people)] = round(total, 1)
        print(f"{people} người: {total:.1f} s")
    return {
        "people": people,
        "seconds": round(total, 1),
        "seconds_by_people": marks,
        "people_per_second": round(people / total),
        "target": "< 300 s for 1 000 000 people (PostgreSQL)",
        "pass": total < 300 if not quick else None,
    }
