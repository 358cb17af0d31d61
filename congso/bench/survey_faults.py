"""`congso bench survey-faults`: no acknowledged rating is lost or doubled while the database
fails under the server.

Ratings go over HTTP to gunicorn (production settings) from 8 client threads that retry each
rating with the same client_id until they get 200 or 201, as the offline queue does. Meanwhile
the database fails: PostgreSQL is restarted (`pg_ctlcluster 15 main restart`, or the cluster
named by CONGSO_BENCH_PG_CLUSTER, e.g. "15 faults"); the SQLite file
is held under an exclusive lock by another process for longer than the busy timeout, so
requests fail with "database is locked". The fault starts once a quarter of the ratings are
acknowledged, so it hits ratings in flight (the run fails if no attempt failed). At the end every
acknowledged client_id must be stored exactly once, and nothing else stored.
"""

from __future__ import annotations

import http.client
import json
import queue
import sqlite3
import subprocess
import threading
import time
import uuid

from django.db import connection

from congso.bench._survey_support import build_org, gunicorn
from congso.config.env import env_str

KEYS = ("access", "procedure", "officer", "result", "feedback", "attitude", "overall")
THREADS = 8


def _post(port: int, path: str, body: bytes) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def _get_json(port: int, path: str) -> dict:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path)
        return json.loads(conn.getresponse().read())
    finally:
        conn.close()


def _client(
    port: int, jobs: queue.Queue, acked: dict, stats: dict, lock: threading.Lock, deadline: float
):
    """Send each rating until it is acknowledged; give up at `deadline` (the whole run's), so
    a database that never comes back ends the bench with the ratings it lost, not a hang."""
    while True:
        try:
            client_id, path, body = jobs.get_nowait()
        except queue.Empty:
            return
        while time.monotonic() < deadline:
            try:
                status = _post(port, path, body)
            except (OSError, http.client.HTTPException):
                status = 0
            with lock:
                stats[status] = stats.get(status, 0) + 1
            if status in (200, 201):
                acked[client_id] = status
                break
            if 400 <= status < 500:
                break  # refused for good: not acknowledged, must not be stored
            time.sleep(0.25)


def _fault_sqlite(path: str, seconds: float, log: list) -> None:
    holder = sqlite3.connect(path, timeout=60, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    log.append(f"sqlite file locked exclusively for {seconds:.0f} s")
    time.sleep(seconds)
    holder.execute("COMMIT")
    holder.close()
    log.append("sqlite lock released")


def _fault_postgres(log: list) -> None:
    # The cluster to restart ("VERSION NAME"); a dedicated cluster keeps other users of the
    # machine's main cluster undisturbed.
    cluster = (env_str("CONGSO_BENCH_PG_CLUSTER", "15 main") or "15 main").split()
    result = subprocess.run(
        ["pg_ctlcluster", *cluster, "restart"], capture_output=True, text=True, check=False
    )
    log.append(
        f"pg_ctlcluster {' '.join(cluster)} restart → exit {result.returncode} "
        f"{result.stderr.strip()}"
    )


def run(options: dict) -> dict:
    from congso.surveys.models import SurveyResponse, SurveyTarget

    quick = options.get("quick")
    count = 200 if quick else 1000
    build_org(agencies=5, communes=5, counters=2, officers=2)
    codes = list(SurveyTarget.unscoped.values_list("code", flat=True))
    settings_dict = dict(connection.settings_dict)
    vendor = connection.vendor
    connection.close()
    env = {"CONGSO_SURVEY_RATE_ADDRESS": "1000000", "CONGSO_SURVEY_RATE_DEVICE": "1000000"}
    log: list[str] = []
    acked: dict[str, int] = {}
    stats: dict[int, int] = {}
    with gunicorn(settings_dict, workers=3, extra_env=env) as port:
        jobs: queue.Queue = queue.Queue()
        for i in range(count):
            code = codes[i % len(codes)]
            form = _get_json(port, f"/api/v1/public/surveys/{code}")
            client_id = str(uuid.uuid4())
            body = {
                "client_id": client_id,
                "form_token": form["form_token"],
                "answers": {k: 1 + i % 5 for k in KEYS},
            }
            jobs.put(
                (client_id, f"/api/v1/public/surveys/{code}/responses", json.dumps(body).encode())
            )
        lock = threading.Lock()
        deadline = time.monotonic() + 300
        clients = [
            threading.Thread(target=_client, args=(port, jobs, acked, stats, lock, deadline))
            for _ in range(THREADS)
        ]
        start = time.perf_counter()
        for thread in clients:
            thread.start()
        # Fail the database while ratings are in flight: once a quarter are acknowledged
        # (a fixed delay let a fast server finish them all before the fault).
        while time.monotonic() < deadline and len(acked) < count // 4:
            time.sleep(0.005)
        if vendor == "sqlite":
            _fault_sqlite(settings_dict["NAME"], 25, log)  # > the 20 s busy timeout
        else:
            _fault_postgres(log)
        for thread in clients:
            thread.join()
        seconds = time.perf_counter() - start
    connection.close()  # the server restart may have broken our own connection
    stored = dict(SurveyResponse.unscoped.values_list("client_id", "id").iterator())
    stored_ids = {str(k) for k in stored}
    missing = sorted(set(acked) - stored_ids)
    extra = sorted(stored_ids - set(acked))
    failed_attempts = sum(v for k, v in stats.items() if k not in (200, 201))
    return {
        "ratings": count,
        "acknowledged": len(acked),
        "stored": len(stored_ids),
        "missing_acknowledged": len(missing),
        "stored_not_acknowledged": len(extra),
        "attempts_by_status": {str(k): v for k, v in sorted(stats.items())},
        "failed_attempts": failed_attempts,
        "seconds": round(seconds, 1),
        "fault": log,
        "target": "every acknowledged client_id stored exactly once, nothing else stored "
        "(with the fault hitting ratings in flight)",
        "pass": len(acked) == count and not missing and not extra and failed_attempts > 0,
    }
