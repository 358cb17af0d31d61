from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "congso.evaluation"
    label = "evaluation"
    verbose_name = _("Đánh giá, xếp loại")
    nav_entries = [("evaluation.view", "evaluation:index", _("Đánh giá, xếp loại"))]
    my_tasks = ["congso.evaluation.tasks.my_sheets"]
    evaluation_evidence = [
        "congso.evaluation.evidence.violations",
        "congso.evaluation.evidence.satisfaction",
        "congso.evaluation.evidence.attestation",
    ]

    def ready(self) -> None:
        from congso.cases.signals import violation_changed
        from congso.evaluation.receivers import on_violation_changed

        violation_changed.connect(on_violation_changed, dispatch_uid="evaluation-review")
