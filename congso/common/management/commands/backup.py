"""`congso backup FILE`: a portable backup (gzip JSON Lines of every app, dependency-ordered).

Django's JSON encoder cuts datetimes to milliseconds, which would break the audit hash chain
(it hashes microseconds), so the dump uses a registered serializer, "congso-jsonl", that
keeps microseconds. The file itself is ordinary Django JSON Lines (one row per line, so
`congso restore` can stream it) that `loaddata` and `congso restore` read on SQLite and
PostgreSQL alike. Content types and permissions are left out (migrate recreates them;
references to them use natural keys); sessions are left out.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers import jsonl as django_jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

FORMAT = "congso-jsonl"
EXCLUDE = ["contenttypes", "auth.permission", "sessions"]


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder without the cut to milliseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_jsonl.Serializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = _Encoder


Deserializer = django_jsonl.Deserializer


def models_without_table() -> list[str]:
    """Models whose table does not exist (a migration not yet written): nothing to save."""
    tables = set(connection.introspection.table_names())
    return [
        model._meta.label
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table not in tables
    ]


def write_backup(path: Path) -> list[str]:
    """Dump every app to `path` (gzip JSON); return the models skipped for want of a table."""
    missing = models_without_table()
    if FORMAT not in serializers.get_serializer_formats():
        serializers.register_serializer(FORMAT, __name__)
    with tempfile.TemporaryDirectory(prefix="congso-backup-") as tmp:
        staged = Path(tmp) / "backup.jsonl.gz"
        call_command(
            "dumpdata",
            format=FORMAT,
            exclude=EXCLUDE + missing,
            natural_foreign=True,
            output=str(staged),
            verbosity=0,
        )
        shutil.move(staged, path)
    return missing


class Command(BaseCommand):
    help = "Sao lưu toàn bộ dữ liệu ra một tệp JSON nén gzip (khôi phục bằng 'congso restore')."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp sao lưu sẽ tạo, ví dụ congso-2026-01-31.jsonl.gz")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.parent.exists():
            raise CommandError(f"Thư mục {path.parent} không tồn tại.")
        for label in write_backup(path):
            self.stderr.write(f"Bỏ qua {label}: bảng chưa được tạo (chưa có migration).")
        size = path.stat().st_size / 1024
        self.stdout.write(f"Đã sao lưu vào {path} ({size:.0f} KB).")
