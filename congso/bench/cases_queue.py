"""`congso bench cases-queue`: the handler's case queue page with 100 000 cases in the province.

Builds a province (40 agencies with a division each, 100 communes), 20 000 people and
100 000 cases (10 000 with --quick) spread over every state, source and category, bulk
inserted, then renders the real queue page `/vu-viec/` through the Django test client (every
middleware, the actor, the selector, the template) for a province-wide case handler, with
several filter combinations and pages. Server time is the wall time of each request.
It also counts the database queries of the page for page sizes 20, 50 and 100 with
CaptureQueriesContext: they must be equal (no per-row query).
Target: p95 under 150 ms and a fixed number of queries whatever the page size (issue 4, point 11).
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from congso.accounts.services import grant_role
from congso.bench.harness import percentile, summary_ms
from congso.cases.choices import CaseKind, CaseSource, CaseState, Severity
from congso.cases.models import Case
from congso.common.permissions import Role
from congso.conduct.models import ViolationCategory
from congso.org.models import Assignment, Person
from congso.org.services import person_prepare, unit_create

STATES = (
    [CaseState.RECEIVED] * 10
    + [CaseState.VERIFYING] * 15
    + [CaseState.CONFIRMED] * 5
    + [CaseState.DISMISSED] * 15
    + [CaseState.HANDLING] * 10
    + [CaseState.CLOSED] * 43
    + [CaseState.APPEALED, CaseState.REVIEWED]
)


def build_units():
    root = unit_create(actor=None, name="Tỉnh Lào Cai (thử hàng đợi)", kind="province")
    units = []
    for index in range(1, 41):
        agency = unit_create(actor=None, name=f"Sở thử nghiệm {index}", kind="state", parent=root)
        units += [
            agency,
            unit_create(actor=None, name=f"Phòng thuộc sở {index}", kind="division", parent=agency),
        ]
    for index in range(1, 101):
        units.append(unit_create(actor=None, name=f"Xã thử {index}", kind="commune", parent=root))
    return root, units


def build_people(n: int, units, rng: random.Random, prefix: str = "QB") -> list[Person]:
    people = [
        person_prepare(
            Person(
                unit=rng.choice(units),
                staff_code=f"{prefix}{index:06d}",
                full_name=f"Cán Bộ Thử {index}",
                sex=rng.choice("MF"),
                birth_year=rng.randint(1965, 2002),
                category=rng.choice(["cong_chuc", "vien_chuc", "can_bo"]),
            )
        )
        for index in range(n)
    ]
    Person.objects.bulk_create(people, batch_size=2000)
    Assignment.objects.bulk_create(
        [Assignment(person=p, unit=p.unit, start_date=date(2025, 7, 1)) for p in people],
        batch_size=4000,
    )
    return people


def build_cases(n: int, people: list[Person], rng: random.Random) -> None:
    categories = list(ViolationCategory.objects.all())
    today = date.today()
    batch: list[Case] = []
    for index in range(n):
        person = rng.choice(people)
        state = rng.choice(STATES)
        start = today - timedelta(days=rng.randint(0, 365))
        terminal = state in (CaseState.CLOSED, CaseState.DISMISSED)
        batch.append(
            Case(
                unit_id=person.unit_id,
                code=f"VVB-{index:07d}",
                kind=CaseKind.PRAISE if rng.random() < 0.05 else CaseKind.MISCONDUCT,
                source=rng.choice(CaseSource.values),
                summary="Vụ việc thử tải",
                state=state,
                person=person,
                category=rng.choice(categories),
                severity=rng.choice(Severity.values),
                occurred_on=start,
                stage_started_on=start,
                due_on=None if terminal else start + timedelta(days=rng.randint(1, 40)),
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)


def run(options: dict) -> dict:
    n = options.get("cases") or (10_000 if options.get("quick") else 100_000)
    rng = random.Random(20251125)
    root, units = build_units()
    people = build_people(max(50, n // 5), units, rng)
    build_cases(n, people, rng)
    user = get_user_model().objects.create_user(username="bench-handler", password=None)
    grant_role(actor=None, user=user, role=Role.CASE_HANDLER, unit_id=root.pk)
    client = Client()
    client.force_login(user)
    category = ViolationCategory.objects.order_by("id").first()
    agency = units[0]
    urls = [
        "/vu-viec/",
        "/vu-viec/?page=40",
        "/vu-viec/?trang_thai=verifying",
        "/vu-viec/?qua_han=on",
        f"/vu-viec/?don_vi={agency.pk}",
        "/vu-viec/?nguon=public_report&so_dong=50",
        f"/vu-viec/?loai_vi_pham={category.pk}&so_dong=100",
        "/vu-viec/?trang_thai=handling&qua_han=on&so_dong=100",
    ]
    for url in urls:  # warm the connection, the template cache and the database cache
        assert client.get(url).status_code == 200
    durations: list[float] = []
    by_url: dict[str, list[float]] = {url: [] for url in urls}
    for _round in range(options.get("rounds", 15)):
        for url in urls:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
            durations.append(elapsed)
            by_url[url].append(elapsed)
            assert response.status_code == 200
    queries = {}
    for size in (20, 50, 100):
        with CaptureQueriesContext(connection) as ctx:
            client.get(f"/vu-viec/?so_dong={size}")
        queries[str(size)] = len(ctx)
    figures = summary_ms(durations)
    fixed = len(set(queries.values())) == 1
    return {
        "cases": n,
        "people": len(people),
        "units": len(units) + 1,
        "urls": len(urls),
        **figures,
        "p95_ms_by_url": {u: round(percentile(v, 95), 1) for u, v in by_url.items()},
        "queries_by_page_size": queries,
        "target": "p95 < 150 ms; same number of queries for page sizes 20, 50, 100",
        "pass": figures["p95_ms"] < 150 and fixed,
    }
