"""'Việc của tôi' items of dissemination: documents to acknowledge, sessions to attend."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.inbox import TaskItem
from congso.dissemination import selectors


def my_tasks(actor) -> list[TaskItem]:
    """Five queries, whatever the number of campaigns or sessions."""
    items = [
        TaskItem(
            kind=_("Đọc và xác nhận văn bản"),
            title=f"{mine.campaign.document.number} — {mine.campaign.document.title}",
            url=reverse("dissemination:read", args=[mine.campaign.pk]),
            due=mine.campaign.due_on,
        )
        for mine in selectors.my_campaigns(actor=actor)
        if not mine.acknowledged
    ]
    for session in selectors.my_sessions(actor=actor):
        start = timezone.localtime(session.starts_at)
        items.append(
            TaskItem(
                kind=_("Dự hội nghị quán triệt"),
                title=f"{session.title} ({start:%H:%M %d/%m/%Y})",
                url=reverse("dissemination:my_session", args=[session.pk]),
                due=start.date(),
            )
        )
    return items
