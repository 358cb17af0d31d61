"""`congso bench survey-dashboard`: the agency ranking for one year with 100,000 and with
10,000,000 stored responses (--quick: 10,000 and 100,000).

Responses are generated inside the database (a recursive CTE on SQLite, generate_series on
PostgreSQL), the rollups are built from them with INSERT … SELECT, then
`surveys.selectors.agency_ranking` is timed for a province-wide actor.
Target: under 100 ms at the large size and at most 2× the time at the small size.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from django.db import connection

from congso.bench._survey_support import build_org
from congso.bench.harness import timed

YEAR = 2025
SECONDS_IN_YEAR = 365 * 86400


def _generate_sql(
    *, first_id: int, count: int, min_target: int, targets: int, version_id: int
) -> str:
    """INSERT … SELECT of `count` responses numbered from `first_id`, spread over the year,
    each at a target chosen by a fixed stride, answers skewed by agency (agencies differ)."""
    from congso.surveys.models import SurveyResponse, SurveyTarget

    qn = connection.ops.quote_name
    responses = qn(SurveyResponse._meta.db_table)
    target_table = qn(SurveyTarget._meta.db_table)
    keys = ("access", "procedure", "officer", "result", "feedback", "attitude", "overall")
    if connection.vendor == "postgresql":
        rnd = "(floor(random() * 5))::int"
        seq = f"generate_series({first_id}::bigint, {first_id + count - 1}::bigint) AS s(i)"
        client = "md5(s.i::text)::uuid"
        nonce = "'b' || lpad(s.i::text, 10, '0')"
        created = (
            f"timestamp with time zone '{YEAR}-01-01 00:00:00+07' "
            f"+ make_interval(secs => (s.i % {count}) * {SECONDS_IN_YEAR}.0 / {count})"
        )
        source = f"{seq} JOIN {target_table} t ON t.id = {min_target} + (s.i * 7919) % {targets}"
        prefix = ""
    else:
        rnd = "(abs(random()) % 5)"
        client = "printf('%032x', s.i)"
        nonce = "printf('b%010d', s.i)"  # in key order: appends to the unique index
        created = (
            f"datetime('{YEAR - 1}-12-31 17:00:00', '+' || "
            f"((s.i % {count}) * {SECONDS_IN_YEAR} / {count}) || ' seconds')"
        )
        prefix = (
            f"WITH RECURSIVE s(i) AS (SELECT {first_id} UNION ALL SELECT i + 1 FROM s "
            f"WHERE i < {first_id + count - 1}) "
        )
        source = f"s JOIN {target_table} t ON t.id = {min_target} + (s.i * 7919) % {targets}"
    skew = "(CASE WHEN t.agency_id % 3 = 0 THEN 1 ELSE 0 END)"
    answers = ", ".join(f"MIN(5, 1 + {rnd} + {skew})" for _ in keys)
    if connection.vendor == "postgresql":
        answers = ", ".join(f"LEAST(5, 1 + {rnd} + {skew})" for _ in keys)
    columns = ", ".join(f"a_{k}" for k in keys)
    return (
        f"{prefix}INSERT INTO {responses} (target_id, unit_id, agency_id, version_id, client_id, "
        f"form_nonce, comment, flags, ip_key, device_key, created_at, {columns}) "
        f"SELECT t.id, t.unit_id, t.agency_id, {int(version_id)}, {client}, {nonce}, '', "
        f"0, 0, 0, {created}, {answers} FROM {source}"
    )


def _grow(*, to: int, have: int, version_id: int, min_target: int, targets: int) -> float:
    start = time.perf_counter()
    batch = 1_000_000
    with connection.cursor() as cursor:
        while have < to:
            count = min(batch, to - have)
            cursor.execute(
                _generate_sql(
                    first_id=have + 1,
                    count=count,
                    min_target=min_target,
                    targets=targets,
                    version_id=version_id,
                )
            )
            have += count
    return time.perf_counter() - start


def _measure(repeat: int) -> dict:
    from congso.common.scoping import Actor
    from congso.surveys.rules import period_of
    from congso.surveys.selectors import agency_ranking

    actor = Actor(user_id=1, username="bench", reach={"surveys.view": None})
    period = period_of("year", date(YEAR, 6, 1))
    rows = agency_ranking(actor=actor, period=period)
    durations = timed(lambda: agency_ranking(actor=actor, period=period), repeat)
    return {
        "median_ms": round(statistics.median(durations), 2),
        "max_ms": round(max(durations), 2),
        "ranked_rows": len(rows),
        "responses_counted": sum(r.index.n for r in rows),
    }


def run(options: dict) -> dict:
    from congso.surveys.models import DailyRollup, MonthlyRollup, SurveyTarget
    from congso.surveys.services.rollups import rollups_fill
    from congso.surveys.services.templates import template_default

    quick = options.get("quick")
    small, large = (10_000, 100_000) if quick else (100_000, 10_000_000)
    out = options.get("stdout")
    targets = build_org(agencies=40, communes=100, counters=3, officers=5)
    min_target = SurveyTarget.unscoped.order_by("id").values_list("id", flat=True).first()
    version_id = template_default().current_id
    result: dict = {"targets": targets}
    have = 0
    for label, size in (("small", small), ("large", large)):
        seconds = _grow(
            to=size, have=have, version_id=version_id, min_target=min_target, targets=targets
        )
        have = size
        start = time.perf_counter()
        rollups_fill(kind="day")
        rollups_fill(kind="month", from_daily=True)
        rollup_seconds = time.perf_counter() - start
        if connection.vendor == "postgresql":
            # What autovacuum does in production: statistics, and the visibility map that lets
            # the ranking use an index-only scan of the covering index.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {MonthlyRollup._meta.db_table}")
                cursor.execute("ANALYZE")
        figures = _measure(15)
        figures.update(
            {
                "responses": size,
                "generate_s": round(seconds, 1),
                "rollups_s": round(rollup_seconds, 1),
                "daily_rows": DailyRollup.unscoped.count(),
                "monthly_rows": MonthlyRollup.unscoped.count(),
            }
        )
        result[label] = figures
        if out:
            out.write(f"{label}: {figures}")
    ratio = result["large"]["median_ms"] / max(result["small"]["median_ms"], 0.001)
    result["ratio_large_to_small"] = round(ratio, 2)
    result["target"] = "< 100 ms at the large size and ≤ 2× the time at the small size"
    result["pass"] = (
        result["large"]["median_ms"] < 100
        and ratio <= 2
        and result["large"]["responses_counted"] == large
    )
    return result
