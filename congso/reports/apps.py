from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "congso.reports"
    label = "reports"
    verbose_name = _("Báo cáo")
    nav_entries = [
        ("reports.view", "reports:dashboard", _("Tổng quan lãnh đạo")),
        ("reports.view", "reports:annual", _("Báo cáo năm")),
        ("reports.unit", "reports:unit_reports", _("Báo cáo định kỳ")),
    ]
    my_tasks = ["congso.reports.unit_reports.inbox.my_tasks"]
