"""What every benchmark shares: a throw-away database, timing helpers, the result line.

A benchmark is a module `congso/bench/<name>.py` (dashes in NAME become underscores) with
`def run(options: dict) -> dict`. It runs inside `throwaway_database()` (entered by the
`bench` command), so it never touches the demo or production data, and returns its figures.
The command adds `"bench"` and `"database"` and prints the dict as the last line, as JSON.
Result keys: figures named with their unit (`p95_ms`, `rows_per_s`, `seconds`), `"target"`
(the target in words) and `"pass"` (bool).
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection


@contextlib.contextmanager
def throwaway_database() -> Iterator[dict]:
    """Create a fresh, migrated database next to the configured one; drop it afterwards.

    SQLite: a temporary file (a file, not memory, so other processes such as gunicorn
    workers can open it). PostgreSQL: a database `test_<name>` on the same server.
    Yields the connection settings dict of the new database.
    """
    db = settings.DATABASES["default"]
    tmpdir = None
    if connection.vendor == "sqlite":
        tmpdir = tempfile.mkdtemp(prefix="congso-bench-")
        db.setdefault("TEST", {})["NAME"] = str(Path(tmpdir) / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield dict(connection.settings_dict)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for another process (e.g. gunicorn) to open the same database."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or "5432"
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    """Run fn `repeat` times; return each duration in milliseconds."""
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def percentile(values: list[float], pct: float) -> float:
    """The pct-th percentile (nearest-rank) of values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary_ms(values: list[float]) -> dict:
    return {
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "p99_ms": round(percentile(values, 99), 2),
        "mean_ms": round(statistics.fmean(values), 2),
        "samples": len(values),
    }
