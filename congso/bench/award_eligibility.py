"""`congso bench award-eligibility`: eligibility of every person and collective of the
province for every title and form of the catalogue, as the province emulation officer reads it.

Builds the province of the cases-queue benchmark (40 agencies with a division each, 100
communes), 30 000 people (3 000 with --quick), a final classification run per unit with a
result per person (levels, LĐTT, CSTĐCS and reasons as the evaluation app stores them), two
earlier years of CSTĐCS history for a tenth of the people, province-scope initiatives and open
award freezes for a few, then times `emulation.selectors.eligibility` for the whole province
and all titles. It also counts the queries at two sizes (a unit subtree and the province):
they must be equal (no per-person query).
Target: under 5 s for the province, a fixed number of queries (issue 12, point 11).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.accounts.actors import build_actor
from congso.accounts.services import grant_role
from congso.bench.cases_queue import build_people, build_units
from congso.cases.models import AwardFreeze
from congso.common.permissions import Role
from congso.emulation import selectors
from congso.emulation.models import AwardTitle, Initiative, TitleRecord
from congso.evaluation.models import Result, Run

YEAR = 2025
LEVELS = ["HTXSNV"] * 15 + ["HTTNV"] * 60 + ["HTNV"] * 20 + ["KHTNV"] * 5
REASON = {
    "code": "R12_ELIGIBLE",
    "text_vi": "Đủ tiêu chuẩn Lao động tiên tiến.",
    "basis": "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 24",
}


def build_results(people, units, rng: random.Random) -> None:
    runs = {
        u.pk: Run(
            unit=u,
            year=YEAR,
            state="final",
            collective_level=rng.choice(LEVELS[:95]),
            titles={"ttldtt": rng.random() < 0.7, "ttldxs": rng.random() < 0.2, "reasons": []},
        )
        for u in units
    }
    Run.objects.bulk_create(runs.values())
    results = []
    for p in people:
        level = rng.choice(LEVELS)
        ldtt = level in ("HTXSNV", "HTTNV")
        results.append(
            Result(
                unit_id=p.unit_id,
                run=runs[p.unit_id],
                person=p,
                category=p.category,
                proposed=level,
                classification=level,
                rule_set="nd90_2020",
                ldtt_eligible=ldtt,
                cstdcs_eligible=ldtt and rng.random() < 0.15,
                reasons=[REASON],
            )
        )
    Result.objects.bulk_create(results, batch_size=2000)
    cstdcs = AwardTitle.objects.get(code="cstdcs")
    chosen = rng.sample(people, len(people) // 10)
    TitleRecord.objects.bulk_create(
        [
            TitleRecord(unit_id=p.unit_id, person=p, year=y, title=cstdcs, source="import")
            for p in chosen
            for y in (YEAR - 2, YEAR - 1)
        ],
        batch_size=4000,
    )
    Initiative.objects.bulk_create(
        [
            Initiative(
                unit_id=p.unit_id,
                person=p,
                year=YEAR,
                name="Sáng kiến",
                summary="Hiệu quả",
                scope="tinh",
                state="recognised",
            )
            for p in chosen[: len(chosen) // 3]
        ]
    )
    AwardFreeze.objects.bulk_create(
        [
            AwardFreeze(
                unit_id=p.unit_id,
                person=p,
                reason="case",
                ref=f"bench:{p.pk}",
                opened_at=datetime(2025, 6, 1, tzinfo=UTC),
            )
            for p in rng.sample(people, max(1, len(people) // 200))
        ]
    )


def run(options: dict) -> dict:
    n = options.get("people") or (3_000 if options.get("quick") else 30_000)
    rng = random.Random(20251206)
    root, units = build_units()
    people = build_people(n, units, rng)
    build_results(people, units, rng)
    user = get_user_model().objects.create_user(username="bench-thidua", password=None)
    grant_role(actor=None, user=user, role=Role.EMULATION_OFFICER, unit_id=root.pk)
    actor = build_actor(user, second_factor_verified=True)
    titles = list(AwardTitle.objects.filter(active=True))
    with CaptureQueriesContext(connection) as small:
        selectors.eligibility(actor=actor, unit=units[0], year=YEAR, titles=titles)
    durations = []
    for _round in range(options.get("rounds", 3)):
        with CaptureQueriesContext(connection) as big:
            start = time.perf_counter()
            rows = selectors.eligibility(actor=actor, unit=root, year=YEAR, titles=titles)
            durations.append(time.perf_counter() - start)
    eligible = sum(1 for r in rows if r.eligibility.eligible)
    seconds = round(min(durations), 3)
    constant = len(small.captured_queries) == len(big.captured_queries)
    return {
        "people": n,
        "collectives": sum(1 for u in units if u.kind not in ("province", "division")),
        "titles": len(titles),
        "rows": len(rows),
        "eligible_rows": eligible,
        "seconds": seconds,
        "seconds_max": round(max(durations), 3),
        "queries_unit": len(small.captured_queries),
        "queries_province": len(big.captured_queries),
        "target": "every person and collective for every title < 5 s, constant query count",
        "pass": seconds < 5 and constant,
    }
