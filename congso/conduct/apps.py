from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConductConfig(AppConfig):
    name = "congso.conduct"
    label = "conduct"
    verbose_name = _("Quy chế văn hóa công sở")
    nav_entries = [("conduct.view", "conduct:index", _("Quy chế văn hóa công sở"))]
    my_tasks = ["congso.conduct.inbox.my_tasks"]
