"""`congso classify --year Y [--unit CODE] [--dry-run]`: the annual classification proposal,
the same service as the unit page (evaluation.services.classify)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from congso.evaluation.rules import EvaluationError
from congso.evaluation.services import classify
from congso.org.models import OrgUnit


class Command(BaseCommand):
    help = "Xếp loại chất lượng cuối năm (bước dự kiến) cho một đơn vị hoặc cả tỉnh."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", default="", help="mã định danh của đơn vị")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, year: int, unit: str, dry_run: bool, **options):
        if unit:
            target = OrgUnit.unscoped.filter(code=unit).first()
            if target is None:
                raise CommandError(f"Không có đơn vị mã “{unit}”.")
        else:
            target = OrgUnit.unscoped.filter(parent__isnull=True).order_by("id").first()
            if target is None:
                raise CommandError("Chưa có đơn vị nào.")
        try:
            summaries = classify(actor=None, year=year, unit=target, dry_run=dry_run)
        except EvaluationError as exc:
            raise CommandError(str(exc.message)) from exc
        total: dict[str, int] = {}
        for item in summaries:
            if not item.people:
                continue
            counts = ", ".join(f"{k} {v}" for k, v in sorted(item.counts.items()))
            self.stdout.write(f"{item.unit_name}: {item.people} người — {counts}")
            for key, value in item.counts.items():
                total[key] = total.get(key, 0) + value
        people = sum(total.values())
        mode = "thử (không ghi)" if dry_run else "đã ghi bước dự kiến"
        self.stdout.write(f"Năm {year}: {people} người, {mode}.")
        self.stdout.write(
            json.dumps({"year": year, "people": people, "counts": total, "dry_run": dry_run})
        )
