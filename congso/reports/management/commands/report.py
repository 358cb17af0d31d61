"""`congso report annual --year Y --format docx|pdf|xlsx --output FILE` (design.md §6) and
`congso report remind` (daily: urge the units whose periodic report is due or late)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from congso.reports.render import RenderError
from congso.reports.selectors import report_root
from congso.reports.services import FORMATS, annual_report_file, system_actor


class Command(BaseCommand):
    help = "Báo cáo năm về việc thực hiện Chỉ thị (DOCX, PDF, hoặc XLSX số liệu kèm nguồn)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="kind", required=True)
        annual = sub.add_parser("annual", help="Báo cáo năm của Ban cán sự đảng UBND tỉnh.")
        annual.add_argument("--year", required=True)
        annual.add_argument("--format", dest="fmt", default="docx", help="|".join(FORMATS))
        annual.add_argument("--output", required=True)
        annual.add_argument("--number", default="", help="Số báo cáo, ví dụ 45")
        annual.add_argument("--no-appendix", action="store_true", help="không ghi tệp XLSX kèm")
        sub.add_parser("remind", help="Nhắc các đơn vị chưa gửi báo cáo định kỳ (chạy hằng ngày).")

    def handle(self, *args, **options):
        if options["kind"] == "remind":
            from congso.reports.unit_reports.reminders import send_reminders

            sent = send_reminders()
            self.stdout.write(
                f"Đã nhắc {sent['unit']} đơn vị, {sent['parent']} lượt báo đơn vị cấp trên."
            )
            return
        output = Path(options["output"])
        fmt = options["fmt"]
        actor = system_actor()
        try:
            root = report_root(actor=actor)
        except Exception:
            raise CommandError("Chưa có dữ liệu tổ chức (đơn vị gốc của tỉnh).") from None
        if not output.parent.is_dir():
            raise CommandError(f"Thư mục “{output.parent}” không tồn tại; không ghi được báo cáo.")
        try:
            made = annual_report_file(
                actor=actor, unit=root, year=options["year"], fmt=fmt, number=options["number"]
            )
        except RenderError as exc:
            raise CommandError(str(exc)) from None
        appendix = None
        if fmt != "xlsx" and not options["no_appendix"]:
            appendix = output.with_suffix(".xlsx")
        try:
            output.write_bytes(made.content)
            if appendix is not None:
                extra = annual_report_file(actor=actor, unit=root, year=options["year"], fmt="xlsx")
                appendix.write_bytes(extra.content)
        except OSError as exc:
            raise CommandError(
                f"Không ghi được tệp “{output}”: {exc.strerror or exc}. Kiểm tra quyền ghi."
            ) from None
        self.stdout.write(f"Đã ghi {output}" + (f" và {appendix}" if appendix else ""))
