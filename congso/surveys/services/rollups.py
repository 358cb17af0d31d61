"""Daily and monthly answer counts per target: kept on write, rebuilt from raw responses.

The statements of `rollup_statements` run inside the transaction that stores a response (one
UPSERT per table, valid on SQLite ≥ 3.24 and PostgreSQL), so dashboards are never behind the raw
data: lag zero.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction

from congso.surveys.models import DailyRollup, MonthlyRollup, SurveyResponse
from congso.surveys.rules import (
    COUNT_COLUMNS,
    LEVELS,
    QUESTION_KEYS,
    ROLLUP_COLUMNS,
    SATISFIED_LEVELS,
    SIPAS_COLUMNS,
    SIPAS_KEYS,
    column,
    sipas_increments,
)

_SQL_CACHE: dict[tuple[str, tuple[str, ...], str], str] = {}


def local_day(moment: datetime) -> date:
    return moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()


def _upsert_sql(table: str, period_column: str, columns: tuple[str, ...]) -> str:
    """UPSERT of one rollup row from parameters (ids, period, n, counts, SIPAS figures)."""
    key = (table, columns, "")
    sql = _SQL_CACHE.get(key)
    if sql is None:
        qn = connection.ops.quote_name
        names = ["target_id", "agency_id", "unit_id", period_column, "n", *columns, *SIPAS_COLUMNS]
        sql = (
            f"INSERT INTO {qn(table)} ({', '.join(names)}) "  # noqa: S608 (identifiers come from model metadata)
            f"VALUES ({', '.join(['%s'] * len(names))}) "
            f"ON CONFLICT (target_id, {period_column}) DO UPDATE SET {_additions(table)}"
        )
        _SQL_CACHE[key] = sql
    return sql


def _additions(table: str) -> str:
    qn = connection.ops.quote_name
    return ", ".join(f"{c} = {qn(table)}.{c} + excluded.{c}" for c in ("n", *ROLLUP_COLUMNS))


def increment_exprs(prefix: str = "") -> list[str]:
    """SQL expressions giving what one response row (its a_<key> columns, `prefix` naming
    the row's table or CTE) adds to each of ROLLUP_COLUMNS: 0 or 1 per count column, then
    the SIPAS figures (satisfied answers, answers, sum of levels over the five elements).
    The SQL twin of `rollup_statements`' values; `_aggregate_sql` sums the same
    expressions, so rebuilds and writes count alike."""
    counts = [
        f"CASE WHEN {prefix}a_{key} = {level} THEN 1 ELSE 0 END"
        for key in QUESTION_KEYS
        for level in LEVELS
    ]
    satisfied_levels = ", ".join(map(str, SATISFIED_LEVELS))
    satisfied = " + ".join(
        f"(CASE WHEN {prefix}a_{k} IN ({satisfied_levels}) THEN 1 ELSE 0 END)" for k in SIPAS_KEYS
    )
    answered = " + ".join(
        f"(CASE WHEN {prefix}a_{k} IS NOT NULL THEN 1 ELSE 0 END)" for k in SIPAS_KEYS
    )
    level_sum = " + ".join(f"COALESCE({prefix}a_{k}, 0)" for k in SIPAS_KEYS)
    return [*counts, satisfied, answered, level_sum]


def upsert_from_row_sql(kind: str, source: str) -> str:
    """UPSERT counting the response row(s) of CTE `source` (its target_id, agency_id,
    unit_id and a_<key> columns) in the day's or the month's rollup row; one parameter, the
    period. Writes nothing when `source` has no row."""
    model, period_column = (DailyRollup, "day") if kind == "day" else (MonthlyRollup, "month")
    table = connection.ops.quote_name(model._meta.db_table)
    names = ["target_id", "agency_id", "unit_id", period_column, "n", *ROLLUP_COLUMNS]
    return (
        f"INSERT INTO {table} ({', '.join(names)}) "  # noqa: S608 (identifiers come from model metadata)
        f"SELECT target_id, agency_id, unit_id, %s, 1, {', '.join(increment_exprs())} "
        f"FROM {source} "
        f"ON CONFLICT (target_id, {period_column}) DO UPDATE SET "
        f"{_additions(model._meta.db_table)}"
    )


def rollup_statements(
    *,
    target_id: int,
    agency_id: int,
    unit_id: int,
    day: date,
    answers: Mapping[str, int],
) -> list[tuple[str, list]]:
    """The two UPSERTs that count one response in its target's day and month rows (built
    before the transaction opens, so the write lock is held only while they run).

    The statement text is the same for every response (each count column gets 0 or 1), so a
    connection caches it once instead of once per combination of answers."""
    chosen = {column(key, answers[key]) for key in QUESTION_KEYS if key in answers}
    columns = COUNT_COLUMNS
    ones = [1, *(1 if c in chosen else 0 for c in columns), *sipas_increments(answers)]
    month = day.replace(day=1)
    ids = [target_id, agency_id, unit_id]
    return [
        (
            _upsert_sql(DailyRollup._meta.db_table, "day", columns),
            [*ids, day, *ones],
        ),
        (
            _upsert_sql(MonthlyRollup._meta.db_table, "month", columns),
            [*ids, month, *ones],
        ),
    ]


def _utc_offset_hours() -> int:
    """Offset of the configured zone (Asia/Ho_Chi_Minh keeps +7 all year, no DST)."""
    offset = datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE)).utcoffset() or timedelta()
    return int(offset.total_seconds() // 3600)


def _period_expr(kind: str) -> str:
    """SQL giving a response's local day or month (as a date) from its UTC created_at."""
    if connection.vendor == "postgresql":
        local = f"(created_at AT TIME ZONE '{settings.TIME_ZONE}')"
        return f"({local})::date" if kind == "day" else f"date_trunc('month', {local})::date"
    shift = f"'{_utc_offset_hours():+d} hours'"
    return (
        f"date(created_at, {shift})"
        if kind == "day"
        else f"date(created_at, {shift}, 'start of month')"
    )


def _aggregate_sql(kind: str, where: str = "") -> str:
    sums = ", ".join(f"SUM({expr})" for expr in increment_exprs())
    table = connection.ops.quote_name(SurveyResponse._meta.db_table)
    period = _period_expr(kind)
    return (
        f"SELECT target_id, MIN(agency_id), MIN(unit_id), {period} AS p, COUNT(*), {sums} "  # noqa: S608 (identifiers come from model metadata)
        f"FROM {table} {where} GROUP BY target_id, {period}"
    )


def _month_from_daily_sql() -> str:
    """Monthly counts summed from the daily rows (bulk loads: far fewer rows than responses)."""
    qn = connection.ops.quote_name
    if connection.vendor == "postgresql":
        month = "date_trunc('month', day)::date"
    else:
        month = "date(day, 'start of month')"
    sums = ", ".join(f"SUM({c})" for c in ("n", *ROLLUP_COLUMNS))
    table = qn(DailyRollup._meta.db_table)
    return (
        f"SELECT target_id, MIN(agency_id), MIN(unit_id), {month}, {sums} "  # noqa: S608 (identifiers come from model metadata)
        f"FROM {table} GROUP BY target_id, {month}"
    )


def rollups_fill(*, kind: str, from_daily: bool = False) -> None:
    """Recompute one rollup table in one INSERT … SELECT (bulk loads): from the raw responses,
    or, for the monthly table with `from_daily`, from the daily rows."""
    model = DailyRollup if kind == "day" else MonthlyRollup
    period_column = "day" if kind == "day" else "month"
    qn = connection.ops.quote_name
    names = ["target_id", "agency_id", "unit_id", period_column, "n", *ROLLUP_COLUMNS]
    source = _month_from_daily_sql() if from_daily and kind == "month" else _aggregate_sql(kind)
    table = qn(model._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (identifiers come from model metadata)
        cursor.execute(f"INSERT INTO {table} ({', '.join(names)}) {source}")


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass
class RebuildReport:
    """What `rollups_rebuild` found: rows checked and the differences (target, period)."""

    checked: dict[str, int] = field(default_factory=dict)
    missing: dict[str, list[tuple[int, date]]] = field(default_factory=dict)
    extra: dict[str, list[tuple[int, date]]] = field(default_factory=dict)
    changed: dict[str, list[tuple[int, date]]] = field(default_factory=dict)
    repaired: bool = False

    @property
    def differences(self) -> int:
        return sum(len(v) for d in (self.missing, self.extra, self.changed) for v in d.values())


def rollups_rebuild(*, repair: bool = True) -> RebuildReport:
    """Compare both rollup tables with the raw responses; rewrite them when `repair`."""
    report = RebuildReport()
    for kind, model, period_column in (
        ("day", DailyRollup, "day"),
        ("month", MonthlyRollup, "month"),
    ):
        with connection.cursor() as cursor:
            cursor.execute(_aggregate_sql(kind))
            expected = {
                (row[0], _as_date(row[3])): tuple(int(v) for v in row[4:])
                for row in cursor.fetchall()
            }
        stored = {
            (row[0], _as_date(row[1])): tuple(int(v) for v in row[2:])
            for row in model.unscoped.values_list("target_id", period_column, "n", *ROLLUP_COLUMNS)
        }
        report.checked[kind] = len(expected)
        report.missing[kind] = sorted(k for k in expected if k not in stored)
        report.extra[kind] = sorted(k for k in stored if k not in expected)
        report.changed[kind] = sorted(
            k for k in expected if k in stored and stored[k] != expected[k]
        )
    if repair and report.differences:
        rollups_fill(kind="day")
        rollups_fill(kind="month")
        report.repaired = True
    return report
