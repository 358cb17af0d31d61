"""`congso restore FILE`: load a `congso backup` file into an empty database.

Migrates first, refuses a database that already holds data, clears what migrations preloaded
(e.g. the holiday calendar, which the backup carries with any edits), loads the file in one
transaction and finishes with the audit-chain check.

Rows are inserted in batches as raw rows (like `loaddata`'s raw save: no `auto_now`
refresh, no signals, pks kept), with constraint checks deferred to the end of the load and
sequences reset afterwards; `loaddata` saves row by row and took 8 minutes for the demo
province with a year of survey responses.
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from congso.common.audit import audit_verify
from congso.common.models import AuditEntry
from congso.org.models import OrgUnit


def database_is_empty() -> bool:
    """True when no user, org unit or audit row exists (reference data does not count)."""

    return not (
        get_user_model().objects.exists()
        or OrgUnit.unscoped.exists()
        or AuditEntry.objects.exists()
    )


BATCH = 2000


def _insert(model, objects: list) -> None:
    if model._meta.parents:  # multi-table inheritance: no bulk insert, save like loaddata
        for obj in objects:
            obj.save_base(raw=True)
        return
    fields = list(model._meta.concrete_fields)
    model._base_manager._insert(objects, fields=fields, raw=True)


def _batches(rows: Iterator[dict]) -> Iterator[list[dict]]:
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _rows(stream) -> Iterator[dict]:
    """The dump's rows, streamed from JSON Lines (or read at once from an older JSON array)."""
    first = stream.read(1)
    rest = stream.read() if first == "[" else None
    if rest is not None:
        yield from json.loads(first + rest)
        return
    pending = first
    for line in stream:
        line = pending + line
        pending = ""
        if line.strip():
            yield json.loads(line)
    if pending.strip():
        yield json.loads(pending)


def read_backup(path: Path) -> int:
    """Load `path` into the (migrated) database after clearing it; return the row count.

    The dump lists models in dependency order; each batch of rows is deserialized only after
    the rows before it are inserted, so natural-key references (a grant naming its user by
    user name) find their target. Only one batch is held in memory.
    """
    call_command("flush", interactive=False, verbosity=0)
    models: list = []
    count = 0
    with gzip.open(path, "rt", encoding="utf-8") as stream, transaction.atomic():
        with connection.constraint_checks_disabled():
            relations: list = []
            for _label, group in itertools.groupby(_rows(stream), key=lambda row: row["model"]):
                for batch in _batches(group):
                    objects = []
                    for item in serializers.deserialize("python", batch):
                        objects.append(item.object)
                        if item.m2m_data:
                            relations.append((item.object, item.m2m_data))
                    model = type(objects[0])
                    if model not in models:
                        models.append(model)
                    _insert(model, objects)
                    count += len(objects)
            for obj, m2m in relations:
                for name, values in m2m.items():
                    getattr(obj, name).set(values)
        connection.check_constraints(table_names=[m._meta.db_table for m in models])
        sequences = connection.ops.sequence_reset_sql(no_style(), models)
        if sequences:
            with connection.cursor() as cursor:
                for sql in sequences:
                    cursor.execute(sql)
    return count


class Command(BaseCommand):
    help = "Khôi phục dữ liệu từ tệp 'congso backup' vào một cơ sở dữ liệu trống."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp do 'congso backup' tạo")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            with gzip.open(path, "rb") as handle:
                handle.read(1)
        except OSError as exc:
            raise CommandError(f"{path} không phải tệp sao lưu gzip hợp lệ.") from exc
        call_command("migrate", interactive=False, verbosity=0)
        if not database_is_empty():
            raise CommandError(
                "Cơ sở dữ liệu đã có dữ liệu; chỉ khôi phục vào cơ sở dữ liệu trống "
                "(the database is not empty)."
            )
        rows = read_backup(path)
        result = audit_verify()
        if not result.ok:
            raise CommandError(f"Đã khôi phục nhưng nhật ký không hợp lệ: {result.reason}")
        self.stdout.write(
            f"Đã khôi phục {rows} dòng từ {path}. Nhật ký: OK, {result.checked} bản ghi."
        )
