"""'Việc của tôi' items of the emulation app: registrations to submit, council votes waiting."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from congso.common.inbox import TaskItem
from congso.emulation.models import MeetingMember, Registration, RegistrationState


def my_tasks(actor) -> Iterable[TaskItem]:
    """Own draft or returned registrations (to submit before the deadline) and open council
    meetings where the person sits (tallies to record). Two queries."""
    if not actor.person_id:
        return []
    items = [
        TaskItem(
            kind=_("Gửi đăng ký thi đua"),
            title=f"{r.title.name} — {r.plan.name}",
            url=reverse("emulation:plan", args=[r.plan_id]),
            due=r.plan.registration_deadline,
        )
        for r in Registration.unscoped.filter(
            person_id=actor.person_id,
            state__in=(RegistrationState.DRAFT, RegistrationState.RETURNED),
        ).select_related("plan", "title")
    ]
    items += [
        TaskItem(
            kind=_("Họp Hội đồng Thi đua – Khen thưởng"),
            title=_("Phiên họp ngày %(day)s") % {"day": m.meeting.held_on.strftime("%d/%m/%Y")},
            url=reverse("emulation:meeting", args=[m.meeting_id]),
            due=m.meeting.held_on,
        )
        for m in MeetingMember.objects.filter(
            person_id=actor.person_id, meeting__closed=False
        ).select_related("meeting")
    ]
    return items
