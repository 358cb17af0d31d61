from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "congso.common"
    label = "common"
    verbose_name = "Chung"
    # A capability of None: every signed-in user (the page is about their own work).
    nav_entries = [
        (None, "common:my_tasks", _("Việc của tôi")),
        ("audit.view", "common:audit", _("Nhật ký")),
        ("calendar.manage", "common:holidays", _("Lịch nghỉ")),
    ]

    def ready(self) -> None:
        from congso.common import lanes  # noqa: F401 - registers the staff-lane check
