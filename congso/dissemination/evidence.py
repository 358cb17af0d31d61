"""Evidence for evaluation and emulation: per person and period, what they acknowledged on
time, which study sessions and courses they attended and the quizzes they passed (registered
on the AppConfig as `evaluation_evidence`). Read with the caller's actor, so nothing out of its
reach leaks."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.evidence import EvidenceItem
from congso.common.permissions import Cap
from congso.dissemination.models import Attendance, Participation, Receipt


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end, time.min), tz),  # end is exclusive
    )


def person_evidence(actor, person_ids, start: date, end: date) -> dict[int, list[EvidenceItem]]:
    """For each person: documents acknowledged (on time / late) in [start, end] and study
    sessions attended, courses attended with their quiz result. Three queries."""
    low, high = _bounds(start, end)
    ids = sorted(set(person_ids))
    out: dict[int, list[EvidenceItem]] = defaultdict(list)
    receipts = (
        Receipt.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .filter(person_id__in=ids, acknowledged_at__gte=low, acknowledged_at__lt=high)
        .select_related("campaign__document")
        .order_by("acknowledged_at")
    )
    for r in receipts:
        out[r.person_id].append(
            EvidenceItem(
                label=_("Xác nhận đã đọc %(number)s") % {"number": r.campaign.document.number},
                value=_("đúng hạn") if r.on_time else _("quá hạn"),
            )
        )
    attended = (
        Attendance.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .filter(person_id__in=ids, at__gte=low, at__lt=high)
        .select_related("session")
        .order_by("at")
    )
    for a in attended:
        out[a.person_id].append(
            EvidenceItem(
                label=_("Dự hội nghị quán triệt"),
                value=f"{a.session.title} ({timezone.localtime(a.at):%d/%m/%Y})",
            )
        )
    courses = (
        Participation.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .filter(
            person_id__in=ids,
            course__isnull=False,
            attended=True,
            course__end_on__gte=start,
            course__start_on__lt=end,
        )
        .select_related("course")
        .order_by("course__start_on")
    )
    for p in courses:
        value = p.course.title
        if p.passed is not None:
            value += " — " + (_("đạt kiểm tra") if p.passed else _("chưa đạt kiểm tra"))
        out[p.person_id].append(EvidenceItem(label=_("Dự lớp bồi dưỡng"), value=value))
    return dict(out)
