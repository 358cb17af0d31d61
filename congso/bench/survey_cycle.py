"""`congso bench survey-cycle`: the whole cycle of a citizen's rating from a phone, as the
phone does it without JavaScript: GET the form page behind the QR code, POST the form, follow
the redirect to the thank-you page. 16 concurrent clients against gunicorn started exactly as
`congso serve` starts it (sync workers, 2 × cores + 1, access log on), production settings,
rate limits raised for the run.

Each cycle is a new phone: no cookie at the GET; the device cookie the page sets is sent with
the POST and the thank-you GET. The load generator is light (it shares the cores with the
server): requests written and read on raw sockets, in a few processes of a few threads each,
the form fields picked from the HTML with one regular expression.

Afterwards the database must hold exactly one response per completed cycle, with the
client_ids the cycles sent, and the rollups must equal the raw rows.
Target: ≥ 300 cycles/s on the shared 2-core machine.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import socket
import threading
import time
from urllib.parse import urlencode

from django.db import connection

from congso.bench._survey_support import build_org, serve_like
from congso.bench.harness import percentile

CLIENTS = 16
PROCESSES = 4
TARGET_PER_S = 300
WARM_UP = 80
_FIELD = re.compile(rb'name="(client_id|form_token|keys)" value="([^"]*)"')
_COOKIE = re.compile(r"cs_device=([^;]+)")


def _request(port: int, method: str, path: str, body: bytes | None, headers: dict) -> tuple:
    """One request on a fresh connection (sync workers close every connection), written and
    read on a raw socket: (status, headers as (lowercase name, value) pairs, body)."""
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    payload = ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(payload)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _sep, content = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    pairs = []
    for line in header_lines:
        name, _colon, value = line.partition(":")
        pairs.append((name.strip().lower(), value.strip()))
    return int(status_line.split()[1]), pairs, content


def cycle(port: int, code: str, level: int) -> tuple[bool, str, str]:
    """One citizen: GET the form, POST it, GET the thank-you page. Returns (completed,
    client_id sent, what went wrong)."""
    page = f"/cong-dan/danh-gia/{code}/"
    status, headers, body = _request(port, "GET", page, None, {})
    if status != 200:
        return False, "", f"GET form {status}"
    fields: dict[str, list[str]] = {}
    for name, value in _FIELD.findall(body):
        fields.setdefault(name.decode(), []).append(value.decode())
    cookie = ""
    for name, value in headers:
        if name == "set-cookie" and (found := _COOKIE.search(value)):
            cookie = f"cs_device={found.group(1)}"
    client_id = fields.get("client_id", [""])[0]
    form = [("client_id", client_id), ("form_token", fields.get("form_token", [""])[0])]
    form += [(f"q_{key}", str(level)) for key in fields.get("keys", [])]
    post_headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": f"http://127.0.0.1:{port}",  # as a browser sends it with a form
    }
    if cookie:
        post_headers["Cookie"] = cookie
    status, headers, _body = _request(port, "POST", page, urlencode(form).encode(), post_headers)
    location = dict(headers).get("location", "")
    if status != 302 or not location:
        return False, client_id, f"POST {status}"
    status, _headers, _body = _request(
        port, "GET", location, None, {"Cookie": cookie} if cookie else {}
    )
    if status != 200:
        return False, client_id, f"GET thanks {status}"
    return True, client_id, ""


def _client(port: int, jobs: list[str], out: list) -> None:
    for index, code in enumerate(jobs):
        start = time.perf_counter()
        try:
            done, client_id, error = cycle(port, code, 1 + index % 5)
        except (OSError, ValueError, IndexError) as exc:
            done, client_id, error = False, "", repr(exc)
        out.append(((time.perf_counter() - start) * 1000, done, client_id, error))


def _process(port: int, shares: list[list[str]], results) -> None:
    out: list = []
    threads = [threading.Thread(target=_client, args=(port, jobs, out)) for jobs in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = os.times()
    results.put((out, times.user + times.system))


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds consumed so far by these processes (Linux /proc)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _server_pids(port: int) -> list[int]:
    """gunicorn's processes serving `port`, and the database server processes they talk to
    (PostgreSQL backends of this database)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                    if f"127.0.0.1:{port}".encode() in cmdline.read():
                        pids.append(int(entry))
            except OSError:
                continue
    return pids


def _database_pids() -> list[int]:
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [row[0] for row in cursor.fetchall()]


def drive(port: int, codes: list[str], cycles: int) -> tuple[list, float]:
    """`cycles` cycles over CLIENTS concurrent clients in PROCESSES processes; returns the
    per-cycle results and the wall time."""
    jobs = [codes[i % len(codes)] for i in range(cycles)]
    per_client = [jobs[i::CLIENTS] for i in range(CLIENTS)]
    per_process = [per_client[i::PROCESSES] for i in range(PROCESSES)]
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [context.Process(target=_process, args=(port, s, results)) for s in per_process]
    start = time.perf_counter()
    for process in processes:
        process.start()
    collected: list = []
    client_cpu = 0.0
    for _ in processes:
        out, cpu = results.get()
        collected.extend(out)
        client_cpu += cpu
    seconds = time.perf_counter() - start
    for process in processes:
        process.join()
    return collected, seconds, client_cpu


def run(options: dict) -> dict:
    from congso.surveys.models import SurveyResponse, SurveyTarget
    from congso.surveys.services import rollups_rebuild

    quick = options.get("quick")
    total = 400 if quick else 4000
    build_org(agencies=20, communes=30, counters=2, officers=3)
    codes = list(SurveyTarget.unscoped.values_list("code", flat=True))
    env = {"CONGSO_SURVEY_RATE_ADDRESS": "1000000", "CONGSO_SURVEY_RATE_DEVICE": "1000000"}
    settings_dict = dict(connection.settings_dict)
    connection.close()
    with serve_like(settings_dict, extra_env=env) as (port, workers):
        warm, _seconds, _cpu = drive(port, codes, WARM_UP)  # every worker imports, connects
        server = _server_pids(port)
        database = _database_pids()
        connection.close()
        before = _cpu_seconds(server), _cpu_seconds(database)
        results, seconds, client_cpu = drive(port, codes, total)
        after = _cpu_seconds(server), _cpu_seconds(database)
    latencies = [r[0] for r in results]
    completed = [r for r in results if r[1]]
    errors = sorted({r[3] for r in results if r[3]})
    sent = {r[2] for r in results + warm if r[1]}
    stored_ids = {
        str(value) for value in SurveyResponse.unscoped.values_list("client_id", flat=True)
    }
    stored = SurveyResponse.unscoped.count()
    per_s = round(len(completed) / seconds, 1)
    rollup_differences = rollups_rebuild(repair=False).differences
    once = stored == len(sent) == len(stored_ids) and stored_ids == sent
    return {
        "clients": CLIENTS,
        "load_processes": PROCESSES,
        "gunicorn_workers": workers,
        "cycles": len(results),
        "completed": len(completed),
        "cycles_per_s": per_s,
        "p50_ms": round(percentile(latencies, 50), 2),
        "p99_ms": round(percentile(latencies, 99), 2),
        # CPU per cycle (ms): less sensitive than cycles/s to others' load on the machine
        "cpu_ms_per_cycle": {
            "gunicorn": round((after[0] - before[0]) * 1000 / len(results), 2),
            "database": round((after[1] - before[1]) * 1000 / len(results), 2),
            "load_generator": round(client_cpu * 1000 / len(results), 2),
        },
        "load_average": round(os.getloadavg()[0], 1),
        "stored_responses": stored,
        "stored_once": once,
        "errors": errors[:5],
        "rollup_differences": rollup_differences,
        "target": f"≥ {TARGET_PER_S} cycles/s, every cycle stored exactly once",
        "pass": per_s >= TARGET_PER_S
        and len(completed) == len(results)
        and once
        and rollup_differences == 0,
    }
