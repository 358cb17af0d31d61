"""`congso surveys rebuild-rollups [--check]` and `congso surveys detect-anomalies [--full]`."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from congso.surveys.services import anomalies_detect, rollups_rebuild


class Command(BaseCommand):
    help = "Khảo sát hài lòng: dựng lại bảng tổng hợp, dò phiếu bất thường."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser(
            "rebuild-rollups", help="tính lại bảng tổng hợp từ phiếu gốc và báo khác biệt"
        )
        rebuild.add_argument(
            "--check", action="store_true", help="chỉ báo khác biệt, không ghi lại"
        )
        detect = sub.add_parser("detect-anomalies", help="dò các đợt phiếu bất thường")
        detect.add_argument("--full", action="store_true", help="dò lại toàn bộ phiếu")

    def handle(self, *args, action: str, **options):
        if action == "rebuild-rollups":
            report = rollups_rebuild(repair=not options["check"])
            for kind in ("day", "month"):
                label = "ngày" if kind == "day" else "tháng"
                self.stdout.write(
                    f"Bảng theo {label}: {report.checked[kind]} dòng đúng theo phiếu gốc; "
                    f"thiếu {len(report.missing[kind])}, thừa {len(report.extra[kind])}, "
                    f"sai {len(report.changed[kind])}."
                )
                for name, rows in (
                    ("thiếu", report.missing[kind]),
                    ("thừa", report.extra[kind]),
                    ("sai", report.changed[kind]),
                ):
                    for target_id, day in rows[:20]:
                        self.stdout.write(f"  {name}: đối tượng {target_id}, {day:%d/%m/%Y}")
            if report.differences and report.repaired:
                self.stdout.write("Đã ghi lại bảng tổng hợp từ phiếu gốc.")
            elif not report.differences:
                self.stdout.write("Bảng tổng hợp khớp với phiếu gốc.")
            self.stdout.write(
                json.dumps({"differences": report.differences, "repaired": report.repaired})
            )
            if report.differences and options["check"]:
                raise CommandError(f"Có {report.differences} khác biệt.")
            return
        flags = anomalies_detect(full=options["full"])
        self.stdout.write(f"Đã tạo {len(flags)} cảnh báo bất thường mới.")
