"""'Việc của tôi' item of conduct: the code of conduct in force to attest."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from congso.common.inbox import TaskItem
from congso.conduct import selectors


def my_tasks(actor) -> list[TaskItem]:
    """The version in force for the actor's unit, while not attested (a fixed few queries)."""
    if actor.person_id is None or actor.home_unit_id is None:
        return []
    mine = selectors.my_code(actor=actor)
    if mine.version is None or mine.attested_at is not None:
        return []
    return [
        TaskItem(
            kind=_("Xác nhận đã đọc quy chế văn hóa công sở"),
            title=mine.version.code.title,
            url=reverse("conduct:index"),
        )
    ]
