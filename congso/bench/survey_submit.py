"""`congso bench survey-submit`: the public rating endpoint under 16 concurrent connections,
served by gunicorn (sync workers, production settings) over loopback, against a bare Django
view inserting one row in the same database and the same run (four interleaved rounds each,
in a balanced order). The bare view and its table live in `_bare.py`, outside the production schema.
The ratio is taken, as before issue 9, against the bare view on an ordinary path (the staff
middleware); the run also gives it against the same view on a path of the citizen lane, the
rating's own middleware (`ratio_to_bare_same_lane`, stricter).

Form tokens are fetched first through the public GET operation (each token is single-use).
Targets: ratio of requests/s ≥ 0.8 of the bare view, p99 < 50 ms.
"""

from __future__ import annotations

import http.client
import json
import queue
import threading
import time
import uuid

from django.db import connection

from congso.bench._bare import BARE_PATH, STAFF_LANE_BARE_PATH, create_table
from congso.bench._survey_support import build_org, gunicorn
from congso.bench.harness import percentile

CONNECTIONS = 16
WARM_UP = 100
KEYS = ("access", "procedure", "officer", "result", "feedback", "attitude", "overall")


def _worker(port: int, jobs: queue.Queue, results: list, errors: list) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while True:
        try:
            method, path, body = jobs.get_nowait()
        except queue.Empty:
            break
        headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            payload = response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            errors.append(repr(exc))
            continue
        results.append(((time.perf_counter() - start) * 1000, status, payload))
    conn.close()


def _run(port: int, jobs: list[tuple[str, str, bytes | None]]) -> tuple[list, float, list]:
    work: queue.Queue = queue.Queue()
    for job in jobs:
        work.put(job)
    results: list = []
    errors: list = []
    threads = [
        threading.Thread(target=_worker, args=(port, work, results, errors))
        for _ in range(CONNECTIONS)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - start, errors


def _figures(results: list, seconds: float, ok: set[int]) -> dict:
    latencies = [r[0] for r in results]
    good = sum(1 for r in results if r[1] in ok)
    return {
        "requests": len(results),
        "ok": good,
        "requests_per_s": round(len(results) / seconds, 1),
        "p50_ms": round(percentile(latencies, 50), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
    }


def run(options: dict) -> dict:
    from congso.surveys.models import SurveyResponse, SurveyTarget

    quick = options.get("quick")
    total = 400 if quick else 6000
    build_org(agencies=20, communes=30, counters=2, officers=3)
    codes = list(SurveyTarget.unscoped.values_list("code", flat=True))
    create_table()
    env = {
        "DJANGO_SETTINGS_MODULE": "congso.bench._settings",
        "CONGSO_SURVEY_RATE_ADDRESS": "1000000",
        "CONGSO_SURVEY_RATE_DEVICE": "1000000",
    }
    workers = 5
    settings_dict = dict(connection.settings_dict)
    connection.close()
    with gunicorn(settings_dict, workers=workers, extra_env=env) as port:
        gets = [
            ("GET", f"/api/v1/public/surveys/{codes[i % len(codes)]}", None)
            for i in range(total + WARM_UP)
        ]
        fetched, _seconds, errors = _run(port, gets)
        forms = [json.loads(r[2]) for r in fetched if r[1] == 200]
        bodies = []
        for form in forms:
            body = {
                "client_id": str(uuid.uuid4()),
                "form_token": form["form_token"],
                "answers": {k: 4 for k in KEYS},
            }
            bodies.append((form["code"], json.dumps(body).encode()))
        # Warm both sides up (every worker imports, connects and prepares its statements)
        # with ratings that are not counted; each form token serves once.
        warm, bodies = bodies[:WARM_UP], bodies[WARM_UP:]
        _run(port, [("POST", BARE_PATH, b) for _c, b in warm])
        _run(port, [("POST", STAFF_LANE_BARE_PATH, b) for _c, b in warm])
        warmed, _seconds, _errors = _run(
            port, [("POST", f"/api/v1/public/surveys/{c}/responses", b) for c, b in warm]
        )
        warm_stored = sum(1 for r in warmed if r[1] == 201)
        jobs_of = {
            "bare": [("POST", STAFF_LANE_BARE_PATH, b) for _c, b in bodies],
            "bare_lane": [("POST", BARE_PATH, b) for _c, b in bodies],
            "survey": [("POST", f"/api/v1/public/surveys/{c}/responses", b) for c, b in bodies],
        }
        # Interleave four rounds of each side in a balanced order (each side as often early
        # as late) so that a machine getting busier or quieter weighs on all sides alike.
        parts = 4
        size = len(bodies) // parts
        order = ["bare", "bare_lane", "survey", "survey", "bare_lane", "bare"] * 2
        taken = dict.fromkeys(jobs_of, 0)
        rounds = []
        for name in order:
            index = taken[name]
            end = len(bodies) if index == parts - 1 else (index + 1) * size
            rounds.append((name, jobs_of[name][index * size : end]))
            taken[name] += 1
        collected: dict[str, tuple[list, float]] = {name: ([], 0.0) for name in jobs_of}
        for name, jobs in rounds:
            results, seconds, errs = _run(port, jobs)
            errors.extend(errs)
            previous, spent = collected[name]
            collected[name] = (previous + results, spent + seconds)
    survey = _figures(*collected["survey"], ok={201})
    bare = _figures(*collected["bare"], ok={201})
    bare_lane = _figures(*collected["bare_lane"], ok={201})
    stored = SurveyResponse.unscoped.count()
    from congso.surveys.services import rollups_rebuild

    rollup_differences = rollups_rebuild(repair=False).differences
    ratio = (
        round(survey["requests_per_s"] / bare["requests_per_s"], 3) if bare["requests_per_s"] else 0
    )
    lane_ratio = (
        round(survey["requests_per_s"] / bare_lane["requests_per_s"], 3)
        if bare_lane["requests_per_s"]
        else 0
    )
    return {
        "connections": CONNECTIONS,
        "gunicorn_workers": workers,
        "survey": survey,
        "bare_view": bare,
        "ratio_to_bare": ratio,
        # the same bare view in the citizen lane, without the staff middleware the rating
        # no longer runs (stricter: the fixed costs both share are smaller)
        "bare_view_same_lane": bare_lane,
        "ratio_to_bare_same_lane": lane_ratio,
        "stored_responses": stored,
        "warm_up_ratings": warm_stored,
        "transport_errors": len(errors),
        "rollup_differences": rollup_differences,
        "target": "ratio ≥ 0.8 of the bare view, p99 < 50 ms",
        "pass": ratio >= 0.8
        and survey["p99_ms"] < 50
        and survey["ok"] == survey["requests"]
        and stored == survey["ok"] + warm_stored
        and rollup_differences == 0,
    }
