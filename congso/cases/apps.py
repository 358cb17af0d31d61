from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "congso.cases"
    label = "cases"
    verbose_name = _("Vụ việc")
    nav_entries = [
        ("cases.view", "cases:queue", _("Vụ việc")),
        ("cases.configure", "cases:deadlines", _("Thời hạn vụ việc")),
        ("cases.file_as_monitor", "cases:monitor_home", _("Phản biện xã hội")),
    ]
    # Panels on the org person page: `(*, actor, person) -> {"template", "context"} | None`.
    person_panels = ["congso.cases.panels.person_award_freeze_panel"]

    def ready(self) -> None:
        from congso.cases import receivers  # noqa: F401 - connects the signal receivers
