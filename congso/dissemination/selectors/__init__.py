"""Reads of dissemination for pages, the API and other apps (always with the actor).

This package: documents, campaigns, the recipient's side and sessions here; completion and
the explanation of recipients in `completion.py`; propaganda and training in `training.py`
(all re-exported here, so callers import `congso.dissemination.selectors`).

Managers and reporters read through `for_actor` with the dissemination capabilities. A
recipient reaches a campaign through the recipient rule (`rules.recipient_reason`): the
campaign targets one of the ancestors of the unit on the recipient's own person record, which
is itself read through `for_actor` with the self capability `dissemination.ack`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from congso.common.permissions import Cap
from congso.common.scoping import Actor, get_for_actor
from congso.dissemination.models import (
    Attendance,
    Campaign,
    Document,
    DocumentVersion,
    Notice,
    Receipt,
    StudySession,
)
from congso.dissemination.rules import (
    Reason,
    Targeting,
    parse_categories,
    percent,
    recipient_reason,
    unit_ids_of_path,
)
from congso.org.models import OrgUnit, Person

MAX_PEOPLE = 500


# --- documents and campaigns (managers, reporters) -------------------------------------------


def document_list(*, actor: Actor) -> QuerySet[Document]:
    return (
        Document.objects.for_actor(actor, Cap.DISSEMINATION_VIEW)
        .select_related("unit", "current_version")
        .order_by("-issued_on", "-id")
    )


def document_get(*, actor: Actor, pk, capability: str = Cap.DISSEMINATION_VIEW) -> Document:
    return get_for_actor(
        Document.objects.select_related("unit", "current_version"), actor, pk, capability=capability
    )


def version_get(*, actor: Actor, pk) -> DocumentVersion:
    return get_for_actor(
        DocumentVersion.objects.select_related("document"),
        actor,
        pk,
        capability=Cap.DISSEMINATION_VIEW,
    )


def version_list(*, document: Document) -> QuerySet[DocumentVersion]:
    """Versions of a document the caller fetched through document_get."""
    return document.versions.order_by("-number")


def campaign_list(*, actor: Actor, capability: str = Cap.DISSEMINATION_VIEW):
    return (
        Campaign.objects.for_actor(actor, capability)
        .select_related("unit", "document", "version")
        .order_by("-start_on", "-id")
    )


def campaign_get(*, actor: Actor, pk, capability: str = Cap.DISSEMINATION_VIEW) -> Campaign:
    return get_for_actor(
        Campaign.objects.select_related("unit", "document", "version"),
        actor,
        pk,
        capability=capability,
    )


def sendable_units(*, actor: Actor) -> QuerySet[OrgUnit]:
    """Units the actor may send a campaign to (the top of the subtree that receives it)."""
    return (
        OrgUnit.objects.for_actor(actor, Cap.DISSEMINATION_MANAGE)
        .filter(valid_to__isnull=True)
        .order_by("depth", "sort_key")
    )


def managed_unit_get(*, actor: Actor, pk) -> OrgUnit:
    return get_for_actor(OrgUnit, actor, pk, capability=Cap.DISSEMINATION_MANAGE)


def report_unit_get(*, actor: Actor, pk) -> OrgUnit:
    return get_for_actor(OrgUnit, actor, pk, capability=Cap.DISSEMINATION_REPORT)


def report_root(*, actor: Actor) -> OrgUnit | None:
    return (
        OrgUnit.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .order_by("depth", "sort_key")
        .first()
    )


# --- the recipient's side ----------------------------------------------------------------------


def my_person(*, actor: Actor) -> Person | None:
    if actor is None or actor.person_id is None:
        return None
    return (
        Person.objects.for_actor(actor, Cap.DISSEMINATION_ACK)
        .filter(pk=actor.person_id)
        .select_related("unit")
        .first()
    )


@dataclass(frozen=True)
class MyCampaign:
    campaign: Campaign
    receipt: Receipt | None

    @property
    def opened(self) -> bool:
        return self.receipt is not None

    @property
    def acknowledged(self) -> bool:
        return self.receipt is not None and self.receipt.acknowledged_at is not None


def my_campaigns(*, actor: Actor, today: date | None = None) -> list[MyCampaign]:
    """Campaigns the actor receives today, with their receipt for the version to acknowledge.
    Three queries, whatever the number of campaigns."""
    today = today or timezone.localdate()
    person = my_person(actor=actor)
    if person is None:
        return []
    campaigns = list(
        Campaign.unscoped.filter(unit_id__in=unit_ids_of_path(person.unit.path))
        .filter(start_on__lte=today)
        .select_related("unit", "document", "version")
        .order_by("due_on", "id")
    )
    mine = [
        c
        for c in campaigns
        if recipient_reason(
            Targeting(c.unit.path, parse_categories(c.categories), c.start_on),
            unit_path=person.unit.path,
            category=person.category,
            active=person.is_active,
            day=today,
        )
        == Reason.RECIPIENT
    ]
    receipts = {
        (r.campaign_id, r.version_id): r
        for r in Receipt.objects.for_actor(actor, Cap.DISSEMINATION_ACK).filter(
            person_id=person.pk, campaign_id__in=[c.pk for c in mine]
        )
    }
    return [MyCampaign(c, receipts.get((c.pk, c.version_id))) for c in mine]


def my_campaign_get(*, actor: Actor, pk) -> MyCampaign:
    """One campaign the actor receives today, else 404 (missing and not mine alike)."""
    for item in my_campaigns(actor=actor):
        if str(item.campaign.pk) == str(pk):
            return item
    raise Http404


def my_notices(*, actor: Actor, limit: int = 20) -> list[Notice]:
    """The actor's own latest notices, read or not (never anyone else's)."""
    if actor is None or actor.user_id is None:
        return []
    return list(
        Notice.objects.filter(user_id=actor.user_id)
        .select_related("campaign")
        .order_by("-created_at", "-id")[:limit]
    )


def my_unread_notice_count(*, actor: Actor) -> int:
    if actor is None or actor.user_id is None:
        return 0
    return Notice.objects.filter(user_id=actor.user_id, read_at__isnull=True).count()


def my_sessions(*, actor: Actor, now: datetime | None = None) -> list[StudySession]:
    """Sessions of the actor's unit and its ancestors not yet over and not yet attended."""
    now = now or timezone.now()
    person = my_person(actor=actor)
    if person is None:
        return []
    attended = Attendance.objects.for_actor(actor, Cap.DISSEMINATION_ACK).filter(
        person_id=person.pk
    )
    return list(
        StudySession.unscoped.filter(
            unit_id__in=unit_ids_of_path(person.unit.path), ends_at__gte=now
        )
        .exclude(pk__in=attended.values("session_id"))
        .select_related("unit")
        .order_by("starts_at")[:20]
    )


# --- sessions ----------------------------------------------------------------------


def session_list(*, actor: Actor) -> QuerySet[StudySession]:
    return (
        StudySession.objects.for_actor(actor, Cap.DISSEMINATION_VIEW)
        .select_related("unit", "campaign")
        .annotate(present=Count("attendance"))
        .order_by("-starts_at", "-id")
    )


def session_get(*, actor: Actor, pk, capability: str = Cap.DISSEMINATION_VIEW) -> StudySession:
    return get_for_actor(
        StudySession.objects.select_related("unit", "campaign"), actor, pk, capability=capability
    )


def session_by_token(token: str) -> StudySession:
    """The session a QR code names (the unguessable token is the key), else 404."""
    session = StudySession.unscoped.filter(token=token).select_related("unit").first()
    if session is None:
        raise Http404
    return session


def session_members(*, actor: Actor, session: StudySession) -> QuerySet[Person]:
    """Active staff of the session's unit and its subtree (the list to tick)."""
    return (
        Person.objects.for_actor(actor, Cap.DISSEMINATION_VIEW)
        .in_subtree(session.unit)
        .filter(is_active=True)
        .order_by("sort_key", "id")
    )


def session_attendance(*, actor: Actor, session: StudySession) -> dict[int, Attendance]:
    return {
        a.person_id: a
        for a in Attendance.objects.for_actor(actor, Cap.DISSEMINATION_VIEW).filter(session=session)
    }


def my_attendance(*, actor: Actor, session: StudySession) -> Attendance | None:
    """The actor's own presence at a session (the scan page), through the self capability."""
    if actor.person_id is None:
        return None
    return (
        Attendance.objects.for_actor(actor, Cap.DISSEMINATION_ACK)
        .filter(session=session, person_id=actor.person_id)
        .first()
    )


def session_absentees(*, actor: Actor, session: StudySession) -> list[Person]:
    """Members not present: the list for a make-up session."""
    present = Attendance.objects.for_actor(actor, Cap.DISSEMINATION_VIEW).filter(session=session)
    return list(
        session_members(actor=actor, session=session).exclude(pk__in=present.values("person_id"))[
            :MAX_PEOPLE
        ]
    )


from congso.dissemination.selectors.completion import (  # noqa: E402
    CampaignSummary,
    CompletionRow,
    Explanation,
    PersonStatus,
    campaign_completion,
    campaign_totals,
    explain_recipients,
    overview,
    people_status,
    people_status_all,
)
from congso.dissemination.selectors.training import (  # noqa: E402
    TrainingRecord,
    UnitRecord,
    activity_get,
    activity_list,
    course_by_ref,
    course_get,
    course_list,
    course_materials,
    course_participants,
    material_get,
    material_manage_get,
    materials_of_my_courses,
    my_course_participation,
    my_participation,
    my_quizzes,
    participants,
    person_record,
    report_person_get,
    session_attendance_list,
    unit_members,
    unit_record,
)

__all__ = [
    "CampaignSummary",
    "CompletionRow",
    "Explanation",
    "PersonStatus",
    "TrainingRecord",
    "UnitRecord",
    "activity_get",
    "activity_list",
    "campaign_completion",
    "campaign_totals",
    "course_by_ref",
    "course_get",
    "course_list",
    "course_materials",
    "course_participants",
    "explain_recipients",
    "material_get",
    "material_manage_get",
    "materials_of_my_courses",
    "my_course_participation",
    "my_participation",
    "my_quizzes",
    "overview",
    "participants",
    "people_status",
    "people_status_all",
    "percent",
    "person_record",
    "report_person_get",
    "session_attendance_list",
    "unit_members",
    "unit_record",
]
