from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisseminationConfig(AppConfig):
    name = "congso.dissemination"
    label = "dissemination"
    verbose_name = _("Quán triệt, tuyên truyền")
    nav_entries = [
        ("dissemination.view", "dissemination:index", _("Quán triệt văn bản")),
        ("dissemination.view", "dissemination:training", _("Tuyên truyền, bồi dưỡng")),
        ("dissemination.ack", "dissemination:my_record", _("Học tập của tôi")),
    ]
    my_tasks = ["congso.dissemination.inbox.my_tasks"]
    my_notices = ["congso.dissemination.inbox.my_notices"]
    unread_notices = ["congso.dissemination.inbox.unread_notices"]
    evaluation_evidence = ["congso.dissemination.evidence.person_evidence"]

    def ready(self) -> None:
        from congso.dissemination.rollup import on_people_changed
        from congso.org.signals import people_changed

        people_changed.connect(on_people_changed, dispatch_uid="dissemination-rollup")
