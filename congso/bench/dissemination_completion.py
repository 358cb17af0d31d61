"""`congso bench dissemination-completion`: the province's completion pages with 40 000 staff
and 20 campaigns to the whole province (800 000 receipts; 4 000 staff and 80 000 with --quick).

Renders through the Django test client, for a province-wide leader: the overview
`/quan-triet/hoan-thanh/` (all 20 campaigns with their completion, year over year), one
campaign's page `/quan-triet/dot/<id>/` (per-unit rows, chart, the people directly in the
root) and the same page drilled down to an agency. Server time is the wall time of each
request. Target: p95 < 200 ms (issue 11, point 11). Also printed: the process CPU time per
request (the machine may be shared: wall time grows with the load average, which is printed
too) and the number of queries of each page, which does not grow with the number of staff.
"""

from __future__ import annotations

import os
import random
import time
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from congso.accounts.services import grant_role
from congso.bench._dissemination_support import build_province, make_document
from congso.bench.harness import percentile, summary_ms
from congso.common.permissions import Role
from congso.dissemination.models import Campaign, Receipt
from congso.dissemination.rollup import rebuild


def build_campaigns(root, people, n: int, rng: random.Random) -> list[Campaign]:
    campaigns = []
    for index in range(n):
        document = make_document(root, number=f"{index + 1}/QĐ-TEST")
        start = date(2025, 1, 6) + timedelta(days=30 * index)
        campaigns.append(
            Campaign.objects.create(
                unit=root,
                document=document,
                version_id=document.current_version_id,
                title=f"Đợt thử {index + 1}",
                start_on=start,
                due_on=start + timedelta(days=14),
            )
        )
    for campaign in campaigns:
        base = timezone.make_aware(datetime.combine(campaign.start_on, datetime.min.time()))
        batch = []
        for person in people:
            opened = base + timedelta(minutes=rng.randint(0, 30 * 24 * 60))
            batch.append(
                Receipt(
                    campaign_id=campaign.pk,
                    version_id=campaign.version_id,
                    person_id=person.pk,
                    unit_id=person.unit_id,
                    opened_at=opened,
                    acknowledged_at=opened if rng.random() < 0.93 else None,
                    on_time=True,
                )
            )
        Receipt.objects.bulk_create(batch, batch_size=5000)
    rebuild(campaign_ids=[c.pk for c in campaigns])
    if connection.vendor == "postgresql":
        # A production table is vacuumed and analysed by autovacuum; right after this bulk
        # load it may not be yet, and without the visibility map PostgreSQL cannot count
        # staff from the index alone. Do what autovacuum would do, now, so runs compare.
        with connection.cursor() as cursor:
            for table in ("org_person", "org_orgunit", "dissemination_completioncount"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    return campaigns


def run(options: dict) -> dict:
    staff = options.get("staff") or (4_000 if options.get("quick") else 40_000)
    rng = random.Random(20261206)
    root, units, people = build_province(staff, rng)
    campaigns = build_campaigns(root, people, 20, rng)
    user = get_user_model().objects.create_user(username="bench-leader", password=None)
    grant_role(actor=None, user=user, role=Role.LEADERSHIP, unit_id=root.pk)
    client = Client()
    client.force_login(user)
    urls = [
        "/quan-triet/hoan-thanh/",
        f"/quan-triet/dot/{campaigns[-1].pk}/",
        f"/quan-triet/dot/{campaigns[0].pk}/?don_vi={units[0].pk}",
    ]
    for url in urls:
        assert client.get(url).status_code == 200
    durations: list[float] = []
    by_url: dict[str, list[float]] = {url: [] for url in urls}
    cpu_start = time.process_time()
    for _round in range(options.get("rounds", 10)):
        for url in urls:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
            durations.append(elapsed)
            by_url[url].append(elapsed)
            assert response.status_code == 200
    cpu_ms = (time.process_time() - cpu_start) * 1000 / max(1, len(durations))
    queries = {}
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        queries[url] = len(ctx)
    figures = summary_ms(durations)
    return {
        "staff": staff,
        "campaigns": len(campaigns),
        "receipts": Receipt.objects.count(),
        **figures,
        "p95_ms_by_url": {u: round(percentile(v, 95), 1) for u, v in by_url.items()},
        "queries_by_url": queries,
        "cpu_ms_per_request": round(cpu_ms, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "target": "p95 < 200 ms",
        "pass": figures["p95_ms"] < 200,
    }
