"""`congso cases send-reminders` and `congso cases rotate-key`."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from congso.cases.services import send_reminders
from congso.cases.services.identity import contact_rotate_all


class Command(BaseCommand):
    help = (
        "Vụ việc: send-reminders (nhắc hạn người xử lý, báo thủ trưởng khi quá hạn); "
        "rotate-key (mã hóa lại thông tin liên hệ bằng khóa mới nhất)."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["send-reminders", "rotate-key"])

    def handle(self, *args, action: str, **options):
        if action == "send-reminders":
            sent = send_reminders()
            self.stdout.write(
                f"Đã nhắc người xử lý {sent['handler']} vụ việc; "
                f"đã báo thủ trưởng {sent['head']} vụ việc quá hạn."
            )
            return

        try:
            count = contact_rotate_all()
        except Exception as exc:  # a wrong key must stop the command with its reason
            raise CommandError(f"Không mã hóa lại được: {exc}") from exc
        self.stdout.write(f"Đã mã hóa lại {count} thông tin liên hệ bằng khóa mới nhất.")
