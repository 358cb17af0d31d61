"""The statements of the rating hot path, in plain SQL (building ORM queries costs more than
running them).

`submit_one_statement` stores a rating in autocommit in one go. PostgreSQL: ONE statement, the
target lookup with the rate-limit counts, the response INSERT and the two rollup UPSERTs as
data-modifying CTEs, PREPAREd once per connection with a generic plan. SQLite: one short
transaction on the sqlite3 connection, an INSERT … SELECT that looks the target up and applies
the rate limits, then the two UPSERTs. Either way the writes only happen when the lookup
allows them (active target, no receipt token to spend, under both rate limits), and the
rollup increments are computed in SQL from the stored row by the expressions the rebuild sums
(`rollups.increment_exprs`).

Why not Django's cursors here: on SQLite Django's wrapper converts `%s` with a regular
expression on every call; on PostgreSQL psycopg converts the placeholders of a long statement
on every call (it caches only short ones). On these statements either cost more than running
them (measurements in docs/surveys.md).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import itertools
import os
import re
import sqlite3
import weakref
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

from congso.surveys import conf
from congso.surveys.models import SurveyResponse, SurveyTarget
from congso.surveys.rules import QUESTION_KEYS
from congso.surveys.services.rollups import upsert_from_row_sql

# A rate limit that never binds (kiosks for the device limit, ratings without an address).
NEVER_BY_COUNT = 2**31 - 1

_LOOKUP_SQL = """
SELECT t.id, t.unit_id, t.agency_id, t.requires_token, t.is_active,
  COALESCE(SUM(CASE WHEN r.ip_key = %s THEN 1 ELSE 0 END), 0) AS by_address,
  COALESCE(SUM(CASE WHEN r.device_key = %s THEN 1 ELSE 0 END), 0) AS by_device
FROM {targets} t
LEFT JOIN {responses} r ON r.target_id = t.id AND r.created_at >= %s
WHERE t.code = %s
GROUP BY t.id, t.unit_id, t.agency_id, t.requires_token, t.is_active
"""


@functools.cache
def lookup_sql() -> str:
    """The target of a code with its recent responses from one address and one device
    (params: ip_key, device_key, since, code)."""
    qn = connection.ops.quote_name
    return _LOOKUP_SQL.format(
        responses=qn(SurveyResponse._meta.db_table), targets=qn(SurveyTarget._meta.db_table)
    )


def execute(sql: str, params: list, *, fetch: bool = False) -> tuple | None:
    """Run one hot-path statement. PostgreSQL: with server-side binding as a prepared statement
    (parsed and planned once per connection instead of on every rating; the statement texts
    are fixed, so the per-connection cache stays small). Elsewhere: Django's cursor."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.wrap_database_errors:
            cursor = connection.connection.execute(_qmark(sql), params)
            return cursor.fetchone() if fetch else None
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone() if fetch else None
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:  # Django's default: no statement is ever prepared
        # Only statements executed with prepare=True (these) get prepared; Django's own
        # client-side-binding cursors never prepare whatever the threshold.
        raw.prepare_threshold = NEVER_BY_COUNT
    # django-stubs declares ServerBindingCursor without psycopg's Cursor signature.
    with connection.wrap_database_errors, ServerBindingCursor(raw) as cursor:  # type: ignore[call-arg,attr-defined]
        cursor.execute(sql, params, prepare=True)
        return cursor.fetchone() if fetch else None


_QMARK_CACHE: dict[str, str] = {}


def _qmark(sql: str) -> str:
    """The statement with sqlite3's `?` placeholders (the texts are fixed: cached)."""
    text = _QMARK_CACHE.get(sql)
    if text is None:
        text = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
        _QMARK_CACHE[sql] = text
    return text


def execute_atomic(statements: list[tuple[str, list]]) -> None:
    """Run statements all or nothing, outside any Django transaction (autocommit).

    PostgreSQL: one statement whose data-modifying CTEs run them all (a single statement is
    atomic), saving the BEGIN and COMMIT round trips. SQLite: BEGIN IMMEDIATE (the write lock
    first, so no deadlock between readers upgrading), the statements, COMMIT, on the sqlite3
    connection itself; any error rolls back and is raised as Django's exception.
    """
    if connection.in_atomic_block:
        raise RuntimeError("execute_atomic runs in autocommit only")
    if connection.vendor == "postgresql":
        parts = [f"w{index} AS ({sql})" for index, (sql, _params) in enumerate(statements)]
        params = [value for _sql, values in statements for value in values]
        execute(f"WITH {', '.join(parts)} SELECT 1", params)
        return
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:  # other backends: Django's own transaction
            with transaction.atomic():
                for sql, params in statements:
                    cursor.execute(sql, params)
        return
    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors:
        raw.execute("BEGIN IMMEDIATE")
        try:
            for sql, params in statements:
                raw.execute(_qmark(sql), params)
            raw.execute("COMMIT")
        except BaseException:
            _rollback(raw)
            raise


def _rollback(raw: Any) -> None:
    """End the failed transaction of a raw sqlite3 connection, whatever state it is in (a
    failed COMMIT may or may not have ended it), so the connection stays usable."""
    if raw.in_transaction:
        raw.execute("ROLLBACK")


_INSERT_CACHE: dict[tuple[str, ...], str] = {}
# Columns whose Python values need adapting for the database (UUID, dates); the others are
# ints and strings already validated, passed as they are.
_ADAPTED_TYPES = {"UUIDField", "DateTimeField", "DateField", "JSONField", "DecimalField"}


_CONVERTERS: dict[str, dict[str, Any]] = {}


def _converters() -> dict[str, Any]:
    """Column → function giving the database value, for the columns that need one (UUID,
    datetime); the others are ints and strings already validated, passed as they are. The
    same conversions as the fields' `get_db_prep_save`, without its layers (per vendor)."""
    found = _CONVERTERS.get(connection.vendor)
    if found is None:
        found = {}
        for f in SurveyResponse._meta.concrete_fields:
            kind = f.get_internal_type()
            if kind not in _ADAPTED_TYPES:
                continue
            if kind == "UUIDField":
                native = connection.features.has_native_uuid_field
                found[str(f.column)] = (lambda v: v) if native else (lambda v: v.hex)
            elif kind == "DateTimeField":
                found[str(f.column)] = connection.ops.adapt_datetimefield_value
            else:
                found[str(f.column)] = functools.partial(f.get_db_prep_save, connection=connection)
        _CONVERTERS[connection.vendor] = found
    return found


def _adapt(values: Mapping[str, Any]) -> list:
    converters = _converters()
    return [
        converters[name](value) if name in converters and value is not None else value
        for name, value in values.items()
    ]


def insert_statement(values: dict[str, Any]) -> tuple[str, list]:
    """INSERT of one response row, values adapted by the model fields (UUID, datetime)."""
    names = tuple(values)
    sql = _INSERT_CACHE.get(names)
    if sql is None:
        table = connection.ops.quote_name(SurveyResponse._meta.db_table)
        sql = (
            f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 (identifiers come from model metadata)
            f"VALUES ({', '.join(['%s'] * len(names))})"
        )
        _INSERT_CACHE[names] = sql
    return sql, _adapt(values)


def one_statement_possible() -> bool:
    """In autocommit on PostgreSQL, or on SQLite with RETURNING (≥ 3.35); inside an outer
    transaction the usual path keeps its semantics."""
    if connection.in_atomic_block:
        return False
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35)
    return connection.vendor == "postgresql" and bool(conf.get("CONGSO_SURVEY_PREPARED_STATEMENTS"))


@functools.cache
def _fused_statement() -> tuple[str, str, str]:
    """(name, PREPARE statement, EXECUTE statement) of the one-statement rating.

    Parameters, in order: the lookup's (ip_key, device_key, since, code), the response's
    value columns, the address and device limits, the day and the month. The rollup
    increments are computed in SQL from the inserted row (`increment_exprs`), so the call
    carries 24 parameters instead of 100 and stays short."""
    qn = connection.ops.quote_name
    fields = {str(f.column): f for f in SurveyResponse._meta.concrete_fields}
    names = _ROW_COLUMNS
    table = qn(SurveyResponse._meta.db_table)
    insert = (
        f"INSERT INTO {table} (target_id, unit_id, agency_id, {', '.join(names)}) "  # noqa: S608 (identifiers come from model metadata)
        f"SELECT t.id, t.unit_id, t.agency_id, {', '.join(['%s'] * len(names))} FROM t "
        "WHERE t.is_active AND NOT t.requires_token AND t.by_address < %s AND t.by_device < %s "
        f"RETURNING target_id, agency_id, unit_id, {', '.join(f'a_{k}' for k in QUESTION_KEYS)}"
    )
    text = (
        f"WITH t AS ({lookup_sql()}), w0 AS ({insert}), "  # noqa: S608 (our own statements)
        f"w1 AS ({upsert_from_row_sql('day', 'w0')}), "
        f"w2 AS ({upsert_from_row_sql('month', 'w0')}) "
        "SELECT t.*, (SELECT count(*) FROM w0) FROM t"
    )
    code_type = SurveyTarget._meta.get_field("code").db_type(connection)
    types: list[str | None] = [
        fields["ip_key"].db_type(connection),
        fields["device_key"].db_type(connection),
        fields["created_at"].db_type(connection),
        code_type,
        *(fields[name].db_type(connection) for name in names),
        "bigint",
        "bigint",
        "date",
        "date",
    ]
    counter = itertools.count(1)
    numbered, found = re.subn(r"%s", lambda _m: f"${next(counter)}", text)
    if found != len(types):
        raise RuntimeError(f"rating statement: {found} placeholders, {len(types)} types")
    name = "congso_rating_" + hashlib.sha1(numbered.encode()).hexdigest()[:12]  # noqa: S324 (a name, not a secret)
    execute = f"EXECUTE {name} ({', '.join(['%s'] * len(types))})"
    return name, f"PREPARE {name} ({', '.join(str(t) for t in types)}) AS {numbered}", execute


# The response columns the caller gives (`_row_values` in submit.py), in statement order.
_VALUE_COLUMNS = (
    "version_id",
    "client_id",
    "form_nonce",
    "dossier_code",
    "comment",
    "flags",
    "ip_key",
    "device_key",
    "created_at",
)
# The response columns a rating writes besides its ids: the values, then one per answer.
_ROW_COLUMNS = (*_VALUE_COLUMNS, *(f"a_{key}" for key in QUESTION_KEYS))


def _row_params(values: dict[str, Any], answers: Mapping[str, int]) -> list:
    """The `_ROW_COLUMNS` values of one rating, adapted for the database (unanswered
    questions are NULL)."""
    row = {**values, **{f"a_{key}": answers.get(key) for key in QUESTION_KEYS}}
    return _adapt({name: row[name] for name in _ROW_COLUMNS})


# Names prepared on each open PostgreSQL connection (dropped with the connection).
_PREPARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def submit_one_statement(
    lookup: list,
    limits: tuple[int, int],
    values: dict[str, Any],
    *,
    day: date,
    answers: Mapping[str, int],
) -> tuple | None:
    """Look up the target and, when allowed, store the response and count it in the rollups,
    in one statement (PostgreSQL; SQLite: `_submit_sqlite`). Returns the lookup row (as
    `lookup_sql`) followed by 1 when the response was stored, 0 when not; None when the code
    is unknown (SQLite: None whenever nothing was stored). `lookup` holds
    the lookup params, `limits` the address and device limits, `values` the response columns
    except the ids (`_VALUE_COLUMNS`).

    The statement is PREPAREd once per connection (SQL PREPARE: the long text is parsed and
    planned once) and each rating sends `EXECUTE name(…)` with client-side binding: psycopg
    converts the placeholders of a statement this long on every call otherwise (it caches
    only statements under 4 KB and 50 parameters), which cost more than the rest of the
    rating's Python. The plan is generic (`plan_cache_mode`, see below). A connection that
    lost its prepared statement (a pooler's DISCARD ALL) prepares it again."""
    if connection.vendor == "sqlite":
        return _submit_sqlite(lookup, limits, values, day=day, answers=answers)
    name, prepare, execute_sql = _fused_statement()
    params = [*lookup, *_row_params(values, answers), *limits, day, day.replace(day=1)]
    import psycopg  # PostgreSQL only

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    prepared = _PREPARED.setdefault(raw, set())
    with connection.wrap_database_errors, raw.cursor() as cursor:
        for attempt in (1, 2):
            if name not in prepared:
                # A generic plan, made once: left to choose, the server re-plans this long
                # statement on every call (its generic cost estimate, made without the
                # parameters, never beats the custom plans'), which doubled its time.
                # Session-wide; Django's own statements are not prepared, so only the rating
                # statements are concerned.
                cursor.execute("SET plan_cache_mode = force_generic_plan")
                try:
                    cursor.execute(prepare)
                except psycopg.errors.DuplicatePreparedStatement:
                    pass  # prepared earlier on this session (our record was lost)
                prepared.add(name)
            try:
                cursor.execute(execute_sql, params)
            except psycopg.errors.InvalidSqlStatementName:
                prepared.discard(name)  # deallocated behind our back: prepare again
                if attempt == 2:
                    raise
                continue
            return cursor.fetchone()
    return None


@functools.cache
def _sqlite_statements() -> tuple[str, str, str]:
    """(insert, day upsert, month upsert) of the SQLite rating, with `?` placeholders.

    The INSERT … SELECT finds the target by its code and writes only when the target is
    active, needs no receipt token and both rate limits allow (params: the value columns,
    code, since, ip_key, address limit, since, device_key, device limit); it returns the new
    row's id and ids. Each UPSERT counts that row (params: period, row id)."""
    qn = connection.ops.quote_name
    names = _ROW_COLUMNS
    responses = qn(SurveyResponse._meta.db_table)
    targets = qn(SurveyTarget._meta.db_table)
    recent = (
        f"SELECT count(*) FROM {responses} r "  # noqa: S608 (identifiers come from model metadata)
        "WHERE r.target_id = t.id AND r.created_at >= %s"
    )
    insert = (
        f"INSERT INTO {responses} (target_id, unit_id, agency_id, {', '.join(names)}) "  # noqa: S608 (identifiers come from model metadata)
        f"SELECT t.id, t.unit_id, t.agency_id, {', '.join(['%s'] * len(names))} "
        f"FROM {targets} t WHERE t.code = %s AND t.is_active AND NOT t.requires_token "
        f"AND ({recent} AND r.ip_key = %s) < %s AND ({recent} AND r.device_key = %s) < %s "
        "RETURNING id, target_id, unit_id, agency_id"
    )
    row = f"{responses} WHERE id = %s"
    return (
        _qmark(insert),
        _qmark(upsert_from_row_sql("day", row)),
        _qmark(upsert_from_row_sql("month", row)),
    )


def _submit_sqlite(
    lookup: list, limits: tuple[int, int], values: dict[str, Any], *, day: date, answers
) -> tuple | None:
    """The SQLite twin of the one-statement rating: BEGIN IMMEDIATE, one INSERT … SELECT that
    looks the target up and applies the rate limits, the two rollup UPSERTs computed in SQL
    from the new row, COMMIT, on the sqlite3 connection. Returns the row shape of
    `submit_one_statement` when stored, None when not (the caller then looks the target up
    to give the reason)."""
    insert, day_sql, month_sql = _sqlite_statements()
    ip_key, device_key, since, code = lookup
    since = connection.ops.adapt_datetimefield_value(since)
    params = [
        *_row_params(values, answers),
        code,
        since,
        ip_key,
        limits[0],
        since,
        device_key,
        limits[1],
    ]
    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors, _writer_turn():
        raw.execute("BEGIN IMMEDIATE")
        try:
            stored = raw.execute(insert, params).fetchall()
            if not stored:
                raw.execute("ROLLBACK")
                return None
            response_id, target_id, unit_id, agency_id = stored[0]
            raw.execute(day_sql, [day, response_id])
            raw.execute(month_sql, [day.replace(day=1), response_id])
            raw.execute("COMMIT")
        except BaseException:
            _rollback(raw)
            raise
    return (target_id, unit_id, agency_id, False, True, 0, 0, 1)


_TURN_FILES: dict[tuple[int, str], int] = {}


@contextlib.contextmanager
def _writer_turn() -> Iterator[None]:
    """Queue the rating transactions of all the server's processes on an OS file lock.

    SQLite lets one writer in at a time; a writer that finds the database locked sleeps in
    SQLite's busy handler for 1, 2, 5, … ms before trying again, although a rating holds the
    lock for a tenth of a millisecond. Under load the gunicorn workers spent a tenth of their
    time asleep there (py-spy, docs/surveys.md). Waiting on `flock` instead, the next worker
    wakes the moment the lock is released. Other writers keep SQLite's own locking, which
    stays the authority (this only orders the ratings); a worker that dies releases its lock
    with its file descriptor."""
    name = connection.settings_dict["NAME"]
    if not isinstance(name, str) or name == ":memory:" or "mode=memory" in name:
        yield
        return
    key = (os.getpid(), name)  # a forked child opens its own (flock is per open file)
    descriptor = _TURN_FILES.get(key)
    if descriptor is None:
        descriptor = os.open(f"{name}-congso-ratings.lock", os.O_RDWR | os.O_CREAT, 0o600)
        _TURN_FILES[key] = descriptor
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
