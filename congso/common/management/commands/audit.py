"""`congso audit verify [--anchor FILE]` and `congso audit anchor [--out FILE]`.

verify: walk the keyed chain; exit 1 at the first changed or missing row, or when the row at
an anchor's number no longer carries the anchored head. Reports the rows added after the last
anchor. anchor: sign the current head and write the text to print or e-mail (cron, daily).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils import timezone

from congso.common.audit import audit_verify
from congso.common.audit_anchor import AnchorError, anchor_create, anchor_text, parse_anchor


class Command(BaseCommand):
    help = (
        "Nhật ký thay đổi: 'congso audit verify [--anchor TỆP]' kiểm tra chuỗi; "
        "'congso audit anchor [--out TỆP]' lập neo có chữ ký để in hoặc gửi thư."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "action", choices=["verify", "anchor"], help="verify: kiểm tra; anchor: lập neo"
        )
        parser.add_argument("--anchor", help="verify: tệp neo đã in/gửi trước đó")
        parser.add_argument(
            "--out", help="anchor: tệp ghi neo (mặc định var/audit-anchors/neo-NGÀY-GIỜ.txt)"
        )

    def handle(self, *args, action: str, anchor: str | None, out: str | None, **options):
        try:
            if action == "anchor":
                self._anchor(out)
                return
            given = None
            if anchor:
                try:
                    given = parse_anchor(Path(anchor).read_text(encoding="utf-8"))
                except OSError as exc:
                    raise CommandError(f"Không đọc được tệp neo {anchor}: {exc}") from exc
                except AnchorError as exc:
                    self.stderr.write(f"LỖI: tệp neo {anchor}: {exc}")
                    sys.exit(1)
            result = audit_verify(anchor=given)
        except DatabaseError as exc:
            raise CommandError(
                f"Không đọc được nhật ký (đã chạy 'congso migrate' chưa?): {exc}"
            ) from exc
        if not result.ok:
            self.stderr.write(
                f"LỖI: bản ghi số {result.first_bad_seq}: {result.reason} "
                f"({result.checked} bản ghi trước đó hợp lệ)"
            )
            sys.exit(1)
        self.stdout.write(f"OK: {result.checked} bản ghi")
        if result.anchor_seq is None:
            self.stdout.write("Chưa có neo nào: chạy 'congso audit anchor' mỗi ngày.")
        else:
            at = timezone.localtime(result.anchor_at)
            self.stdout.write(
                f"Neo ngày {at:%d/%m/%Y %H:%M}: {result.anchor_seq} bản ghi khớp; "
                f"{result.added_after_anchor} bản ghi thêm sau neo"
                + (
                    f" (số {result.anchor_seq + 1}–{result.anchor_seq + result.added_after_anchor})"
                    if result.added_after_anchor
                    else ""
                )
                + "."
            )

    def _anchor(self, out: str | None) -> None:
        row = anchor_create(actor=None)
        text = anchor_text(row)
        if out:
            path = Path(out)
        else:
            path = (
                Path(settings.VAR_DIR)
                / "audit-anchors"
                / (f"neo-{timezone.localtime(row.at):%Y%m%d-%H%M%S}.txt")
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(text)
        self.stdout.write(f"Đã ghi: {path}")
