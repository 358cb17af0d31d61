"""`congso bench policy`: decisions per second of the pure rules engine.

Builds a deterministic population of synthetic cases (100,000; 10,000 with --quick) spread
over both regimes (công chức 2026 by points; cán bộ, viên chức and công chức 2025 by shares),
leaders and staff, with the inputs that make the rules work: part-year workers, maternity,
lawful leave of 3 to 6 months, discipline (counted, already counted, other years), confirmed,
dismissed and earlier-year culture violations, fines, initiatives, open cases. Then it runs
`congso.policy.engine.decide_many` (the batch the annual classification calls) over the whole
population several times, keeping every decision (the engine alone: no JSON, no database), and
reports the median and the best rate, with the spread of levels as a sanity check; it also
reports the rate of single `decide` calls whose results are dropped. The figure is the median
batch rate. Target: ≥ 50,000 decisions/s (issue 10,
point 8).
"""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from congso.policy.engine import decide, decide_many
from congso.policy.facts import CaseFacts, Discipline, LeaderUnit, Violation

TARGET_PER_S = 50_000
ROUNDS = 5


def _decimal(rng: random.Random, low: int, high: int, places: int = 2) -> Decimal:
    scale = 10**places
    return Decimal(rng.randint(low * scale, high * scale)).scaleb(-places)


def _share(rng: random.Random, choices: tuple[str, ...]) -> Decimal:
    return Decimal(rng.choice(choices))


def population(size: int, seed: int = 2026) -> list[CaseFacts]:
    """`size` synthetic person-years, the same for the same seed."""
    rng = random.Random(seed)
    people: list[CaseFacts] = []
    for _ in range(size):
        category = rng.choices(("cong_chuc", "vien_chuc", "can_bo"), (5, 4, 1))[0]
        year = 2026 if rng.random() < 0.7 else 2025
        is_leader = rng.random() < 0.12
        worked = Decimal(12)
        absent = Decimal(0)
        maternity = False
        roll = rng.random()
        if roll < 0.03:
            worked = Decimal(rng.randint(1, 5))
        elif roll < 0.07:
            absent = Decimal(rng.choice((3, 4, 5)))
            worked = 12 - absent
            maternity = rng.random() < 0.5
        discipline: tuple[Discipline, ...] = ()
        if rng.random() < 0.04:
            discipline = (
                Discipline(
                    rng.choice(("khien_trach", "canh_cao")),
                    date(year - rng.choice((0, 0, 1)), rng.randint(1, 12), 15),
                    rng.choice((None, None, year - 1)),
                    rng.choice(("administrative", "party")),
                    rng.random() < 0.8,
                ),
            )
        violations: tuple[Violation, ...] = ()
        if rng.random() < 0.06:
            violations = (
                Violation(
                    rng.choice(("office_culture", "public_place_culture")),
                    date(year - rng.choice((0, 0, 1)), rng.randint(1, 12), 10),
                    rng.choice(("confirmed", "confirmed", "dismissed", "reversed_on_appeal")),
                ),
            )
        unit = None
        if is_leader and rng.random() < 0.8:
            unit = LeaderUnit(
                _share(rng, ("1", "1", "0.95", "0.75")),
                _share(rng, ("1", "0.85", "0.8", "0.6")),
                _share(rng, ("0.6", "0.5", "0.3")),
                _share(rng, ("1", "1", "0.9")),
                _share(rng, ("0.8", "0.7", "0.5")),
            )
        on_time = _share(rng, ("1", "1", "1", "0.9", "0.7", "0.4"))
        people.append(
            CaseFacts(
                year=year,
                category=category,
                is_leader=is_leader,
                months_worked=worked,
                months_absent=absent,
                maternity=maternity,
                common_points=_decimal(rng, 18, 30),
                task_points=_decimal(rng, 35, 70),
                tasks_on_time_share=on_time,
                tasks_exceeded_share=_share(rng, ("0.6", "0.5", "0.2", "0")),
                criteria_failed_share=(1 - on_time) if on_time < 1 else Decimal(0),
                unit=unit,
                discipline=discipline,
                violations=violations,
                administrative_fine=rng.random() < 0.01,
                recognised_initiative=rng.random() < 0.15,
                open_case_or_inspection=rng.random() < 0.02,
                concluded_degradation=rng.random() < 0.002,
                managed_unit_corruption_handled=is_leader and rng.random() < 0.01,
                new_recruit=rng.random() < 0.03,
            )
        )
    return people


def run(options: dict[str, Any]) -> dict[str, Any]:
    size = 10_000 if options.get("quick") else 100_000
    rounds = options.get("rounds", ROUNDS)
    stdout = options.get("stdout")
    people = population(size)
    rates = []
    single_rates = []
    levels: Counter[str] = Counter()
    for index in range(rounds):
        start = time.perf_counter()
        decisions = decide_many(people)
        rates.append(size / (time.perf_counter() - start))
        if index == 0:
            levels = Counter(decision.classification for decision in decisions)
        del decisions
        # the same population one call at a time, each decision dropped (no batch)
        start = time.perf_counter()
        for facts in people:
            decide(facts)
        single_rates.append(size / (time.perf_counter() - start))
    median = statistics.median(rates)
    if stdout is not None:
        stdout.write(
            f"Bộ quy tắc xếp loại: {median:,.0f} quyết định/giây (trung vị {rounds} lượt, "
            f"{size:,} trường hợp; tốt nhất {max(rates):,.0f}/giây); mục tiêu ≥ "
            f"{TARGET_PER_S:,}/giây.\n"
        )
    return {
        "cases": size,
        "rounds": rounds,
        "decisions_per_s": round(median),
        "best_decisions_per_s": round(max(rates)),
        "single_call_decisions_per_s": round(statistics.median(single_rates)),
        "levels": dict(sorted(levels.items())),
        "target": f"≥ {TARGET_PER_S:,} decisions/s (median of {rounds} rounds)",
        "pass": median >= TARGET_PER_S,
    }
