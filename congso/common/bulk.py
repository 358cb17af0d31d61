"""Writing many rows in one statement: PostgreSQL's COPY, SQLite's executemany.

For tables of derived rows written in bulk (a province's classification results): one
statement per table whatever the number of rows, without building model instances. The
caller passes plain values in column order, JSON columns already as JSON text. Table and
column names come from the caller's code, never from input.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model


def insert_rows(
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> int:
    """INSERT `rows` into `table` in one statement; returns how many rows were written.

    PostgreSQL: `COPY … FROM STDIN` (text format; the server parses JSON text into jsonb).
    SQLite: one `executemany` of a prepared INSERT (SQLite runs in the process, so this is a
    loop in C over one compiled statement). The statement is logged like any other query
    when queries are logged (DEBUG, CaptureQueriesContext), so query counts stay honest."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {quote(table)} ({names}) FROM STDIN"
            started = time.monotonic()
            count = 0
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            if connection.queries_logged:
                connection.queries_log.append(
                    {
                        "sql": f"{sql} -- {count} rows",
                        "time": f"{time.monotonic() - started:.3f}",
                    }
                )
            return count
        marks = ", ".join("%s" for _c in columns)
        values = rows if isinstance(rows, list) else list(rows)
        if values:
            # Names are the caller's constants (see the module docstring).
            cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values)  # noqa: S608
        return len(values)


def insert_models(model: type[Model], objs: Sequence[Model]) -> None:
    """INSERT unsaved instances of `model` in one statement (`insert_rows`), with the values
    Django would write (defaults, `auto_now`, JSON). The primary keys are not set: the caller
    reads them back by a natural key (COPY returns none)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    insert_rows(
        model._meta.db_table,
        [f.column for f in fields],
        [
            tuple(f.get_db_prep_save(f.pre_save(obj, add=True), connection) for f in fields)
            for obj in objs
        ],
    )
