from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from congso.common.nav import Guard


class CommonConfig(AppConfig):
    name = "congso.common"
    label = "common"
    verbose_name = _("Chung")
    # 'Việc của tôi' is for people with work of their own (common.inbox.has_inbox).
    nav_entries = [
        (Guard("congso.common.inbox.has_inbox"), "common:my_tasks", _("Việc của tôi")),
        ("audit.view", "common:audit", _("Nhật ký")),
        ("calendar.manage", "common:holidays", _("Lịch nghỉ")),
    ]

    def ready(self) -> None:
        from congso.common import lanes  # noqa: F401 - registers the staff-lane check
