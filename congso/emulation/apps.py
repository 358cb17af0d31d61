from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "congso.emulation"
    label = "emulation"
    verbose_name = _("Thi đua, khen thưởng")
    nav_entries = [("emulation.view", "emulation:index", _("Thi đua, khen thưởng"))]
    my_tasks = ["congso.emulation.tasks.my_tasks"]
