"""`congso audit verify`: walk the hash chain; exit 1 at the first changed or missing row."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from congso.common.audit import audit_verify


class Command(BaseCommand):
    help = "Kiểm tra nhật ký thay đổi (chuỗi băm): 'congso audit verify'."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"], help="verify: kiểm tra toàn bộ chuỗi")

    def handle(self, *args, action: str, **options):
        try:
            result = audit_verify()
        except DatabaseError as exc:
            raise CommandError(
                f"Không đọc được nhật ký (đã chạy 'congso migrate' chưa?): {exc}"
            ) from exc
        if result.ok:
            self.stdout.write(f"OK: {result.checked} bản ghi")
            return
        self.stderr.write(
            f"LỖI: bản ghi số {result.first_bad_seq}: {result.reason} "
            f"({result.checked} bản ghi trước đó hợp lệ)"
        )
        sys.exit(1)
