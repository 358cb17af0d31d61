from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "congso.cases"
    label = "cases"
    verbose_name = _("Vụ việc")
    nav_entries = [
        ("cases.view", "cases:queue", _("Vụ việc")),
    ]
