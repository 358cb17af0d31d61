"""`congso import-staff FILE.xlsx [--dry-run] [--user NAME]`: import the staff list.

Prints a Vietnamese summary; on any error prints every problem with its row and column, writes
nothing and exits with code 1. Without --user the import runs as a system job over the whole
province; with --user it is limited to that account's reach (capability people.import).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from congso.accounts.actors import build_actor
from congso.common.scoping import Actor
from congso.org.imports.reader import ImportFileError, check_size
from congso.org.imports.runner import ImportReport, staff_import


def format_errors(report: ImportReport) -> list[str]:
    lines = []
    for error in report.errors:
        if error.row is None:
            lines.append(f"Tệp: {error.message}")
        else:
            lines.append(f"Dòng {error.row}, cột “{error.column}”: {error.message}")
    return lines


class Command(BaseCommand):
    help = "Nhập danh sách cán bộ từ tệp Excel (.xlsx) theo mẫu; nhập trọn vẹn hoặc không nhập."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .xlsx theo mẫu “Danh sách cán bộ”")
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ kiểm tra, không ghi vào cơ sở dữ liệu"
        )
        parser.add_argument(
            "--user", default="", help="nhập với quyền của tài khoản này (mặc định: hệ thống)"
        )

    def _actor(self, username: str) -> Actor | None:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        return build_actor(user, second_factor_verified=True)

    def handle(self, *args, file: str, dry_run: bool = False, user: str = "", **options):
        actor = self._actor(user)
        try:
            # Refuse an oversized file from its size on disk, before opening it.
            check_size(os.path.getsize(file), max_bytes=settings.STAFF_IMPORT_MAX_BYTES)
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp “{file}”: {exc.strerror}") from exc
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        with open(file, "rb") as source:
            report = staff_import(
                actor=actor, source=source, filename=os.path.basename(file), dry_run=dry_run
            )
        if not report.ok:
            for line in format_errors(report):
                self.stderr.write(line)
            raise CommandError(report.summary())
        self.stdout.write(report.summary())
