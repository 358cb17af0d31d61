"""'Việc của tôi' items of dissemination: documents to acknowledge, sessions to attend."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.inbox import NoticeFeed, NoticeItem, TaskItem
from congso.dissemination import selectors
from congso.dissemination.reminders import head_notices
from congso.dissemination.rules import ReminderStep


def my_tasks(actor) -> list[TaskItem]:
    """Seven queries, whatever the number of campaigns, sessions or notices."""
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
    for row in selectors.my_quizzes(actor=actor):
        items.append(
            TaskItem(
                kind=_("Làm bài kiểm tra bồi dưỡng"),
                title=row.course.title,
                url=reverse("dissemination:course_quiz", args=[row.course_id]),
                due=row.course.end_on,
            )
        )
    for notice in head_notices(actor=actor):
        url = reverse("dissemination:campaign", args=[notice.campaign_id])
        if notice.about_unit_id:
            url += f"?don_vi={notice.about_unit_id}"
        items.append(
            TaskItem(
                kind=_("Đôn đốc quán triệt"),
                title=notice.text,
                url=url,
                due=notice.campaign.due_on,
            )
        )
    return items


def my_notices(actor) -> NoticeFeed:
    """The actor's reminders and escalations, newest first (one query)."""
    items = []
    for notice in selectors.my_notices(actor=actor):
        url = reverse("dissemination:read", args=[notice.campaign_id])
        if notice.step >= ReminderStep.HEAD:
            url = reverse("dissemination:campaign", args=[notice.campaign_id])
            if notice.about_unit_id:
                url += f"?don_vi={notice.about_unit_id}"
        items.append(
            NoticeItem(
                text=notice.text,
                created_at=notice.created_at,
                url=url,
                read=notice.read_at is not None,
                read_url=reverse("dissemination:notice_read", args=[notice.pk]),
            )
        )
    return NoticeFeed(items=items, read_all_url=reverse("dissemination:notices_read"))


def unread_notices(actor) -> int:
    return selectors.my_unread_notice_count(actor=actor)
