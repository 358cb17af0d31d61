from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "congso.org"
    label = "org"
    verbose_name = _("Tổ chức")
    nav_entries = [
        ("org.view", "org:tree", _("Tổ chức")),
        ("people.view", "org:people", _("Cán bộ")),
        ("people.import", "org:import", _("Nhập Excel")),
    ]
