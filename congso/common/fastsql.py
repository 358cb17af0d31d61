"""One row of a fixed SQL statement that runs on every request of a hot path, without the
per-call costs of Django's cursor wrapper.

PostgreSQL: server-side binding with `prepare=True`, so the statement is parsed and planned
once per connection (protocol-level prepared statement, which poolers such as pgbouncer ≥ 1.21
keep); planning a join costs the server several times its execution. SQLite: the sqlite3
connection itself, the `%s` placeholders converted once per statement text (Django converts
them with a regular expression on every call). Elsewhere: Django's cursor.
"""

from __future__ import annotations

from django.db import connection
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

_QMARK: dict[str, str] = {}


def qmark(sql: str) -> str:
    """The statement with sqlite3's `?` placeholders (the texts are fixed: cached)."""
    text = _QMARK.get(sql)
    if text is None:
        text = _QMARK[sql] = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
    return text


def fetch_one(sql: str, params: list) -> tuple | None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.wrap_database_errors:
            return connection.connection.execute(qmark(sql), params).fetchone()
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors, ServerBindingCursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchone()
