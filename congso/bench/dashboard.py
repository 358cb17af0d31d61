"""`congso bench dashboard`: each level of the leadership dashboard (province, agency,
unit, officer) on a full year of demo-scale data (`_report_support`: 40 000 staff, 10 000
cases, classifications, awards, campaigns), measured with 200 000 and again with 2 000 000
ratings (--quick: 4 000 staff and 20 000 / 200 000 ratings).

Each page is rendered through the Django test client for a province-wide leader (the whole
request: scoping, every selector, the SVG charts, the template), `rounds` times per level
after one warm-up; wall time and the process's CPU time (on SQLite this includes the
queries, on PostgreSQL the server's CPU is not counted) are printed. Satisfaction comes from
the monthly rollups, so the cost must not follow the number of ratings: the ratio of the
large to the small size is printed per level, with the query count (equal at both sizes).
Target: median < 200 ms at each level at 2 000 000 ratings, at most 1.5× the time at
200 000.
"""

from __future__ import annotations

import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from congso.bench._report_support import YEAR, build_province_year, grow_ratings
from congso.bench.harness import percentile


def _levels(province) -> dict[str, str]:
    from congso.surveys.models import SurveyTarget

    agency = next(u for u in province.units if u.kind == "state")
    division = next(u for u in province.units if u.parent_id == agency.pk)
    officer = (
        SurveyTarget.unscoped.filter(kind="officer", unit_id=division.pk).order_by("id").first()
    )
    return {
        "province": f"/bao-cao/tong-quan/?nam={YEAR}",
        "agency": f"/bao-cao/tong-quan/don-vi/{agency.pk}/?nam={YEAR}",
        "unit": f"/bao-cao/tong-quan/don-vi/{division.pk}/?nam={YEAR}",
        "person": f"/bao-cao/tong-quan/can-bo/{officer.pk}/?nam={YEAR}",
    }


def _measure(client: Client, urls: dict[str, str], rounds: int) -> dict:
    figures = {}
    for level, url in urls.items():
        assert client.get(url).status_code == 200  # warm-up
        durations, cpu = [], []
        for _round in range(rounds):
            start, cpu_start = time.perf_counter(), time.process_time()
            response = client.get(url)
            durations.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - cpu_start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        figures[level] = {
            "median_ms": round(statistics.median(durations), 1),
            "p95_ms": round(percentile(durations, 95), 1),
            "cpu_median_ms": round(statistics.median(cpu), 1),
            "queries": len(ctx),
        }
    return figures


def run(options: dict) -> dict:
    from congso.accounts.services import grant_role
    from congso.common.permissions import Role

    quick = options.get("quick")
    out = options.get("stdout")
    rounds = options.get("rounds", 10)
    staff, cases = (4_000, 1_000) if quick else (40_000, 10_000)
    small, large = (20_000, 200_000) if quick else (200_000, 2_000_000)
    province = build_province_year(staff=staff, cases=cases)
    user = get_user_model().objects.create_user(username="bench-leader", password=None)
    grant_role(actor=None, user=user, role=Role.LEADERSHIP, unit_id=province.root.pk)
    client = Client()
    client.force_login(user)
    urls = _levels(province)
    result: dict = {"staff": staff, "cases": cases, "levels": urls}
    for label, size in (("small", small), ("large", large)):
        built = grow_ratings(province, size)
        figures = _measure(client, urls, rounds)
        result[label] = {**built, **figures}
        if out:
            out.write(f"{label} ({size:,} ratings): {figures}")
    ratios = {
        level: round(
            result["large"][level]["median_ms"] / max(result["small"][level]["median_ms"], 0.1), 2
        )
        for level in urls
    }
    result["ratio_large_to_small"] = ratios
    result["target"] = "median < 200 ms per level at the large size; ≤ 1.5× the small size"
    result["pass"] = all(
        result["large"][level]["median_ms"] < 200 and ratios[level] <= 1.5 for level in urls
    )
    return result
