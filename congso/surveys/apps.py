from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from congso.common.nav import Guard


class SurveysConfig(AppConfig):
    name = "congso.surveys"
    label = "surveys"
    verbose_name = _("Khảo sát hài lòng")
    nav_entries = [
        (
            Guard("congso.surveys.selectors.may_open_dashboard"),
            "surveys:dashboard",
            _("Khảo sát hài lòng"),
        )
    ]
