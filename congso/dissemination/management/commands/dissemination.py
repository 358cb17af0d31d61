"""`congso dissemination send-reminders`: the daily reminder run, for cron."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from congso.dissemination.reminders import send_reminders


class Command(BaseCommand):
    help = "Quán triệt: send-reminders (nhắc người nhận, báo thủ trưởng khi quá hạn)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["send-reminders"])

    def handle(self, *args, action: str, **options):
        sent = send_reminders()
        self.stdout.write(
            f"Đã nhắc {sent['staff']} người nhận; đã báo {sent['head']} thủ trưởng đơn vị và "
            f"{sent['parent_head']} thủ trưởng cấp trên."
        )
