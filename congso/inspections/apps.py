from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "congso.inspections"
    label = "inspections"
    verbose_name = _("Thanh tra, kiểm tra")
    nav_entries = [("inspections.view", "inspections:index", _("Thanh tra, kiểm tra"))]
