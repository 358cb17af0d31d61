"""`congso bench people-search`: the staff search box, 40 000 people, ~200 queries.

Builds a province of 150 units (the root, 40 agencies, 10 divisions, 10 public-service
units, 89 communes) in the throw-away database and bulk-creates
40 000 people (4 000 with --quick) with names drawn from data/vietnamese-names.csv, then
times the real selector, `congso.org.selectors.person_list`, for a whole-province actor:
the first page of 50, evaluated with its unit (what the people page renders), for about 200
diacritic-free queries of five kinds (surnames, given names, "nguyen van"-style and full names,
partial words, staff codes). Target: p95 under 100 ms (issue 2, point 11).
"""

from __future__ import annotations

import random
import time
from datetime import date

from django.contrib.auth import get_user_model

from congso.accounts.actors import build_actor
from congso.accounts.services import grant_role
from congso.bench.harness import percentile, summary_ms
from congso.common.permissions import Role
from congso.common.text import search_key
from congso.org.demo.people import draw_name
from congso.org.models import Assignment, OrgUnit, Person
from congso.org.selectors import person_list
from congso.org.services import person_prepare, unit_create

PAGE = 50
CATEGORIES = ["cong_chuc", "vien_chuc", "vien_chuc", "can_bo", "nguoi_lao_dong"]


def build_units() -> tuple[OrgUnit, list[OrgUnit]]:
    root = unit_create(actor=None, name="Tỉnh Lào Cai (thử tìm kiếm)", kind="province")
    units: list[OrgUnit] = []
    for index in range(1, 41):
        agency = unit_create(actor=None, name=f"Sở thử nghiệm {index}", kind="state", parent=root)
        units.append(agency)
        if index <= 10:
            units.append(
                unit_create(
                    actor=None, name=f"Phòng thuộc sở {index}", kind="division", parent=agency
                )
            )
    for index in range(1, 11):
        units.append(
            unit_create(
                actor=None, name=f"Bệnh viện thử {index}", kind="public_service", parent=root
            )
        )
    for index in range(1, 90):
        units.append(
            unit_create(actor=None, name=f"Xã thử nghiệm {index}", kind="commune", parent=root)
        )
    return root, units


def build_people(n: int, units: list[OrgUnit], rng: random.Random) -> list[Person]:
    people = []
    for index in range(n):
        sex = rng.choice("MF")
        people.append(
            person_prepare(
                Person(
                    unit=rng.choice(units),
                    staff_code=f"LC{index + 1:06d}",
                    full_name=draw_name(rng, sex),
                    sex=sex,
                    birth_year=rng.randint(1965, 2002),
                    category=rng.choice(CATEGORIES),
                    is_active=rng.random() > 0.03,
                )
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)
    Assignment.objects.bulk_create(
        [Assignment(person=p, unit=p.unit, start_date=date(2025, 7, 1)) for p in people],
        batch_size=4000,
    )
    return people


def make_queries(people: list[Person], rng: random.Random) -> list[tuple[str, str]]:
    """About 200 (kind, query) pairs, all typed without diacritics as users do."""
    keys = [search_key(p.full_name).split(" ") for p in people]
    surnames = sorted({k[0] for k in keys})
    givens = sorted({k[-1] for k in keys})
    queries = [("surname", q) for q in rng.sample(surnames, min(40, len(surnames)))]
    queries += [("given", q) for q in rng.sample(givens, min(50, len(givens)))]
    queries += [("surname+middle", " ".join(k[:2])) for k in rng.sample(keys, 25)]
    queries += [("full name", " ".join(k)) for k in rng.sample(keys, 25)]
    partial = []
    for k in rng.sample(keys, 30):
        word = rng.choice(k)
        partial.append(word[: max(2, len(word) - 1)])
    queries += [("partial", q) for q in partial]
    queries += [("staff code", p.staff_code.lower()) for p in rng.sample(people, 30)]
    return queries


def run(options: dict) -> dict:
    n = 4_000 if options.get("quick") else 40_000
    rng = random.Random(20251125)
    root, units = build_units()
    people = build_people(n, units, rng)
    user = get_user_model().objects.create_user(username="bench-leader", password=None)
    grant_role(actor=None, user=user, role=Role.LEADERSHIP, unit_id=root.pk)
    actor = build_actor(user)
    queries = make_queries(people, rng)
    for _kind, query in queries[:10]:  # warm the connection and the database cache
        list(person_list(actor=actor, query=query)[:PAGE])
    durations: list[float] = []
    by_kind: dict[str, list[float]] = {}
    empty = 0
    for kind, query in queries:
        start = time.perf_counter()
        page = list(person_list(actor=actor, query=query)[:PAGE])
        elapsed = (time.perf_counter() - start) * 1000
        durations.append(elapsed)
        by_kind.setdefault(kind, []).append(elapsed)
        empty += not page
    figures = summary_ms(durations)
    return {
        "people": n,
        "units": len(units) + 1,
        "queries": len(queries),
        "queries_without_result": empty,
        **figures,
        "p95_ms_by_kind": {k: round(percentile(v, 95), 2) for k, v in by_kind.items()},
        "target": "p95 < 100 ms",
        "pass": figures["p95_ms"] < 100,
    }
