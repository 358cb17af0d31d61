"""One row of a fixed SQL statement that runs on every request of a hot path, without the
per-call costs of Django's cursor wrapper.

PostgreSQL: server-side binding with `prepare=True`, so the statement is parsed and planned
once per connection (protocol-level prepared statement, which poolers such as pgbouncer ≥ 1.21
keep); planning a join costs the server several times its execution. Django opens its psycopg
connections with `prepare_threshold=None`, which turns psycopg's prepared statements off,
`prepare=True` included: `fetch_one` turns them back on for the statements that ask for it
(Django's own cursors bind on the client and never prepare, so they are not concerned).
SQLite: the sqlite3 connection itself, the `%s` placeholders converted once per statement
text (Django converts them with a regular expression on every call). Elsewhere: Django's
cursor.

`pg_ready` is Django's per-request health check (`CONN_HEALTH_CHECKS`) without its round
trip when the connection's socket is quiet (docs/surveys.md, "The citizen lane").
"""

from __future__ import annotations

import select
from typing import Any

from django.db import connection
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

_QMARK: dict[str, str] = {}
# psycopg prepares a statement executed this many times without being asked; only the
# statements that ask (`prepare=True`) are prepared: Django's client-binding cursors never are.
_ONLY_WHEN_ASKED = 2**31 - 1


def qmark(sql: str) -> str:
    """The statement with sqlite3's `?` placeholders (the texts are fixed: cached)."""
    text = _QMARK.get(sql)
    if text is None:
        text = _QMARK[sql] = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
    return text


def _socket_quiet(raw: Any) -> bool:
    """True when an idle psycopg connection has nothing waiting on its socket. A server that
    closed the connection (restart, idle timeout, terminated backend) leaves an error message
    and the end of the stream there; so does anything unusual (a notice, a notification),
    for which the caller falls back to Django's `SELECT 1`."""
    from psycopg import pq  # PostgreSQL only

    if raw.closed or raw.pgconn.status != pq.ConnStatus.OK:
        return False
    if raw.pgconn.transaction_status != pq.TransactionStatus.IDLE:
        return False
    poller = select.poll()
    poller.register(raw.fileno(), select.POLLIN | select.POLLPRI)
    return not poller.poll(0)


def pg_ready() -> None:
    """Open the PostgreSQL connection, or check the persistent one once per request as
    `CONN_HEALTH_CHECKS` does, with a local look at its socket instead of a `SELECT 1` round
    trip whenever the socket is quiet (the usual case); else Django's own check."""
    raw = connection.connection
    if raw is not None and connection.health_check_enabled and not connection.health_check_done:
        if _socket_quiet(raw):
            connection.health_check_done = True
        else:
            connection.close_if_health_check_failed()
    connection.ensure_connection()


def fetch_one(sql: str, params: list, *, prepare: bool = True) -> tuple | None:
    """The first row of `sql`; on PostgreSQL prepared once per connection unless `prepare` is
    False (behind a pooler that cannot keep prepared statements)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.wrap_database_errors:
            return connection.connection.execute(qmark(sql), params).fetchone()
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    from django.db.backends.postgresql.base import ServerBindingCursor

    pg_ready()
    raw = connection.connection
    if prepare and raw.prepare_threshold is None:  # Django's default: none prepared at all
        raw.prepare_threshold = _ONLY_WHEN_ASKED
    with connection.wrap_database_errors, ServerBindingCursor(raw) as cursor:
        cursor.execute(sql, params, prepare=prepare)
        return cursor.fetchone()
