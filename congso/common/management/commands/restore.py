"""`congso restore FILE`: load a `congso backup` file into an empty database.

Migrates first, refuses a database that already holds data, clears what migrations preloaded
(e.g. the holiday calendar, which the backup carries with any edits), loads the file in one
transaction and finishes with the audit-chain check.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from congso.common.audit import audit_verify
from congso.common.models import AuditEntry


def database_is_empty() -> bool:
    """True when no user, org unit or audit row exists (reference data does not count)."""
    from congso.org.models import OrgUnit

    return not (
        get_user_model().objects.exists()
        or OrgUnit.unscoped.exists()
        or AuditEntry.objects.exists()
    )


def read_backup(path: Path) -> None:
    """Load `path` into the (migrated, empty) database."""
    with tempfile.TemporaryDirectory(prefix="congso-restore-") as tmp:
        staged = Path(tmp) / "backup.json.gz"
        shutil.copyfile(path, staged)
        call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(staged), verbosity=0)


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
        read_backup(path)
        result = audit_verify()
        if not result.ok:
            raise CommandError(f"Đã khôi phục nhưng nhật ký không hợp lệ: {result.reason}")
        self.stdout.write(f"Đã khôi phục từ {path}. Nhật ký: OK, {result.checked} bản ghi.")
