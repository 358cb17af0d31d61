"""'Việc của tôi' items of the emulation app: registrations to submit, council votes waiting."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _

from congso.common.inbox import TaskItem
from congso.emulation.models import BallotMode, MeetingMember, Registration, RegistrationState


def my_tasks(actor) -> Iterable[TaskItem]:
    """Own draft or returned registrations (to submit before the deadline) and open council
    meetings where the person sits (tallies to record, or their ballot when the meeting votes
    electronically, until the chair closes it). Two queries."""
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
    for m in MeetingMember.objects.filter(
        person_id=actor.person_id, meeting__closed=False, meeting__voting_closed_at__isnull=True
    ).select_related("meeting"):
        electronic = m.meeting.ballot_mode == BallotMode.ELECTRONIC
        items.append(
            TaskItem(
                kind=_("Bỏ phiếu kín Hội đồng Thi đua – Khen thưởng")
                if electronic
                else _("Họp Hội đồng Thi đua – Khen thưởng"),
                title=_("Phiên họp ngày %(day)s") % {"day": m.meeting.held_on.strftime("%d/%m/%Y")},
                # A member votes on the ballot page; the meeting page is the secretary's.
                url=reverse(
                    "emulation:ballot" if electronic else "emulation:meeting", args=[m.meeting_id]
                ),
                due=m.meeting.held_on,
            )
        )
    return items
