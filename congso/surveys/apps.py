from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "congso.surveys"
    label = "surveys"
    verbose_name = "Khảo sát hài lòng"
    nav_entries = [("surveys.view", "surveys:dashboard", _("Khảo sát hài lòng"))]
