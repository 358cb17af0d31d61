"""The fast way to store a rating, in plain SQL (building ORM queries costs more than running
them). The other way is the portable one in `submit.py` (lookup, then the ORM insert and the
rollup UPSERTs in a Django transaction), taken whenever this one does not store.

`submit_fast` runs ONE insert that finds the target by its code and writes only when the
target is active, needs no receipt token and both rate limits allow (an INSERT … SELECT, the
same text on both databases), then counts the new row in the day's and the month's rollup
rows with the UPSERTs every path uses (`rollups.upsert_from_row_sql`, increments computed in
SQL from the stored row). Only the execution differs by database:
- PostgreSQL: the three as data-modifying CTEs of one statement, SQL-`PREPARE`d once per
  connection with a generic plan (`CONGSO_SURVEY_PREPARED_STATEMENTS=0` turns it off behind a
  pooler that cannot keep them);
- SQLite: BEGIN IMMEDIATE, the three statements, COMMIT on the sqlite3 connection, the
  ratings of all server processes taking turns on a file lock.

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

from django.db import connection

from congso.common.fastsql import pg_ready
from congso.common.fastsql import qmark as _qmark
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


def _rollback(raw: Any) -> None:
    """End the failed transaction of a raw sqlite3 connection, whatever state it is in (a
    failed COMMIT may or may not have ended it), so the connection stays usable."""
    if raw.in_transaction:
        raw.execute("ROLLBACK")


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


def fast_path_possible() -> bool:
    """In autocommit on PostgreSQL (with SQL PREPARE allowed) or on SQLite with RETURNING
    (≥ 3.35); inside an outer transaction the portable path keeps its semantics."""
    if connection.in_atomic_block:
        return False
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version_info >= (3, 35)
    return connection.vendor == "postgresql" and bool(conf.get("CONGSO_SURVEY_PREPARED_STATEMENTS"))


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


@functools.cache
def _insert_sql() -> str:
    """The INSERT … SELECT of one rating (both databases): it finds the target by its code and
    writes only when the target is active, needs no receipt token and both rate limits allow.
    Params: the `_ROW_COLUMNS` values, code, since, ip_key, address limit, since, device_key,
    device limit. Returns the new row's id, ids and answers (what the rollup UPSERTs count)."""
    qn = connection.ops.quote_name
    responses = qn(SurveyResponse._meta.db_table)
    targets = qn(SurveyTarget._meta.db_table)
    recent = (
        f"SELECT count(*) FROM {responses} r "  # noqa: S608 (identifiers come from model metadata)
        "WHERE r.target_id = t.id AND r.created_at >= %s"
    )
    return (
        f"INSERT INTO {responses} (target_id, unit_id, agency_id, {', '.join(_ROW_COLUMNS)}) "  # noqa: S608 (identifiers come from model metadata)
        f"SELECT t.id, t.unit_id, t.agency_id, {', '.join(['%s'] * len(_ROW_COLUMNS))} "
        f"FROM {targets} t WHERE t.code = %s AND t.is_active AND NOT t.requires_token "
        f"AND ({recent} AND r.ip_key = %s) < %s AND ({recent} AND r.device_key = %s) < %s "
        "RETURNING id, target_id, agency_id, unit_id, "
        f"{', '.join(f'a_{k}' for k in QUESTION_KEYS)}"
    )


def submit_fast(
    lookup: list,
    limits: tuple[int, int],
    values: dict[str, Any],
    *,
    day: date,
    answers: Mapping[str, int],
) -> bool:
    """Store one rating and count it in the rollups when the target allows it; True when
    stored. False when nothing was written (unknown, revoked or inactive code, a receipt
    token to spend, a rate limit): the caller then takes the portable path, which tells why.
    `lookup` holds ip_key, device_key, since and code, `limits` the address and device limits,
    `values` the response columns except the ids (`_VALUE_COLUMNS`). A unique index refusing
    the row raises IntegrityError with nothing written."""
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
    month = day.replace(day=1)
    if connection.vendor == "sqlite":
        return _submit_sqlite(params, day, month)
    return _submit_postgresql(params, day, month)


@functools.cache
def _fused_statement() -> tuple[str, str, str]:
    """(name, PREPARE statement, EXECUTE statement) of the PostgreSQL rating: `_insert_sql`
    and the two rollup UPSERTs as data-modifying CTEs of one statement (atomic on its own, no
    BEGIN and COMMIT round trips). Params: `_insert_sql`'s, then the day and the month."""
    fields = {str(f.column): f for f in SurveyResponse._meta.concrete_fields}
    text = (
        f"WITH w0 AS ({_insert_sql()}), "  # noqa: S608 (our own statements)
        f"w1 AS ({upsert_from_row_sql('day', 'w0')}), "
        f"w2 AS ({upsert_from_row_sql('month', 'w0')}) "
        "SELECT count(*) FROM w0"
    )
    since = fields["created_at"].db_type(connection)
    code = SurveyTarget._meta.get_field("code").db_type(connection)
    types = [
        *(fields[name].db_type(connection) for name in _ROW_COLUMNS),
        code,
        since,
        fields["ip_key"].db_type(connection),
        "bigint",
        since,
        fields["device_key"].db_type(connection),
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


# Names prepared on each open PostgreSQL connection (dropped with the connection).
_PREPARED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _submit_postgresql(params: list, day: date, month: date) -> bool:
    """The statement is PREPAREd once per connection (SQL PREPARE: the long text is parsed and
    planned once) and each rating sends `EXECUTE name(…)` with client-side binding: psycopg
    converts the placeholders of a statement this long on every call otherwise (it caches
    only statements under 4 KB and 50 parameters), which cost more than the rest of the
    rating's Python. The plan is generic (`plan_cache_mode`, see below). A connection that
    lost its prepared statement (a pooler's DISCARD ALL) prepares it again."""
    import psycopg  # PostgreSQL only

    name, prepare, execute_sql = _fused_statement()
    pg_ready()
    raw = connection.connection
    prepared = _PREPARED.setdefault(raw, set())
    with connection.wrap_database_errors, raw.cursor() as cursor:
        for attempt in (1, 2):
            if name not in prepared:
                # A generic plan, made once: left to choose, the server re-plans this long
                # statement on every call (its generic cost estimate, made without the
                # parameters, never beats the custom plans'), which doubled its time.
                # Session-wide; Django's own statements are not prepared, so only the rating
                # statement is concerned.
                cursor.execute("SET plan_cache_mode = force_generic_plan")
                try:
                    cursor.execute(prepare)
                except psycopg.errors.DuplicatePreparedStatement:
                    pass  # prepared earlier on this session (our record was lost)
                prepared.add(name)
            try:
                cursor.execute(execute_sql, [*params, day, month])
            except psycopg.errors.InvalidSqlStatementName:
                prepared.discard(name)  # deallocated behind our back: prepare again
                if attempt == 2:
                    raise
                continue
            row = cursor.fetchone()
            return bool(row and row[0])
    return False


@functools.cache
def _sqlite_statements() -> tuple[str, str, str]:
    """(insert, day upsert, month upsert) of the SQLite rating, with `?` placeholders; each
    UPSERT counts the new row (params: period, row id)."""
    row = f"{connection.ops.quote_name(SurveyResponse._meta.db_table)} WHERE id = %s"
    return (
        _qmark(_insert_sql()),
        _qmark(upsert_from_row_sql("day", row)),
        _qmark(upsert_from_row_sql("month", row)),
    )


def _submit_sqlite(params: list, day: date, month: date) -> bool:
    """BEGIN IMMEDIATE, the insert, the two UPSERTs, COMMIT, on the sqlite3 connection."""
    insert, day_sql, month_sql = _sqlite_statements()
    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors, _writer_turn():
        raw.execute("BEGIN IMMEDIATE")
        try:
            stored = raw.execute(insert, params).fetchall()
            if not stored:
                raw.execute("ROLLBACK")
                return False
            response_id = stored[0][0]
            raw.execute(day_sql, [day, response_id])
            raw.execute(month_sql, [month, response_id])
            raw.execute("COMMIT")
        except BaseException:
            _rollback(raw)
            raise
    return True


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
