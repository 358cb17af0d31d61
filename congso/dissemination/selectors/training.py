"""Reads of propaganda activities, training courses and training records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from congso.common.permissions import Cap
from congso.common.scoping import Actor, get_for_actor
from congso.dissemination.models import (
    Activity,
    Attendance,
    Course,
    CourseMaterial,
    Participation,
    Receipt,
    StudySession,
)
from congso.dissemination.rules import (
    percent,
)
from congso.org.models import OrgUnit, Person

MAX_PEOPLE = 500


# --- propaganda and training -------------------------------------------------------------------


def activity_list(*, actor: Actor):
    return (
        Activity.objects.for_actor(actor, Cap.DISSEMINATION_VIEW)
        .select_related("unit")
        .annotate(n=Count("participants", filter=Q(participants__attended=True)))
        .order_by("-start_on", "-id")
    )


def course_list(*, actor: Actor):
    return (
        Course.objects.for_actor(actor, Cap.DISSEMINATION_VIEW)
        .select_related("unit")
        .annotate(n=Count("participants", filter=Q(participants__attended=True)))
        .order_by("-start_on", "-id")
    )


def activity_get(*, actor: Actor, pk, capability: str = Cap.DISSEMINATION_VIEW) -> Activity:
    return get_for_actor(Activity.objects.select_related("unit"), actor, pk, capability=capability)


def course_get(*, actor: Actor, pk, capability: str = Cap.DISSEMINATION_VIEW) -> Course:
    return get_for_actor(Course.objects.select_related("unit"), actor, pk, capability=capability)


def participants(*, actor: Actor, target) -> dict[int, Participation]:
    field = "course" if isinstance(target, Course) else "activity"
    return {
        p.person_id: p
        for p in Participation.objects.for_actor(actor, Cap.DISSEMINATION_VIEW).filter(
            **{field: target}
        )
    }


def unit_members(*, actor: Actor, unit) -> QuerySet[Person]:
    return (
        Person.objects.for_actor(actor, Cap.DISSEMINATION_VIEW)
        .in_subtree(unit)
        .filter(is_active=True)
        .order_by("sort_key", "id")
    )


def my_participation(*, actor: Actor, course: Course) -> Participation | None:
    if actor.person_id is None:
        return None
    return (
        Participation.objects.for_actor(actor, Cap.DISSEMINATION_ACK)
        .filter(course=course, person_id=actor.person_id)
        .first()
    )


@dataclass(frozen=True)
class TrainingRecord:
    receipts: list[Receipt]
    attendance: list[Attendance]
    participation: list[Participation]


def person_record(*, actor: Actor, person_id: int, capability: str) -> TrainingRecord:
    """One person's record: documents acknowledged, sessions attended, activities and courses
    (with quiz results). Three queries; rows out of the actor's reach are left out."""
    return TrainingRecord(
        receipts=list(
            Receipt.objects.for_actor(actor, capability)
            .filter(person_id=person_id)
            .select_related("campaign__document", "version")
            .order_by("-opened_at")[:200]
        ),
        attendance=list(
            Attendance.objects.for_actor(actor, capability)
            .filter(person_id=person_id)
            .select_related("session")
            .order_by("-at")[:200]
        ),
        participation=list(
            Participation.objects.for_actor(actor, capability)
            .filter(person_id=person_id)
            .select_related("course", "activity")
            .order_by("-id")[:200]
        ),
    )


@dataclass(frozen=True)
class UnitRecord:
    activities: int
    courses: int
    trained: int
    staff: int
    quiz_taken: int
    quiz_passed: int

    @property
    def trained_percent(self) -> int:
        return percent(self.trained, self.staff)

    @property
    def passed_percent(self) -> int:
        return percent(self.quiz_passed, self.quiz_taken)


def unit_record(*, actor: Actor, unit: OrgUnit, start: date, end: date) -> UnitRecord:
    """A unit's training record over a period: activities and courses its subtree organised,
    staff who attended a course, quiz results. Four aggregate queries."""
    activities = (
        Activity.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(unit)
        .filter(start_on__lte=end, end_on__gte=start)
        .count()
    )
    courses = (
        Course.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(unit)
        .filter(start_on__lte=end, end_on__gte=start)
    )
    rows = (
        Participation.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(unit, via="person__unit")
        .filter(course__start_on__lte=end, course__end_on__gte=start, attended=True)
        .aggregate(
            trained=Count("person_id", distinct=True),
            taken=Count("id", filter=Q(passed__isnull=False)),
            passed=Count("id", filter=Q(passed=True)),
        )
    )
    staff = (
        Person.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(unit)
        .filter(is_active=True)
        .count()
    )
    return UnitRecord(
        activities, courses.count(), rows["trained"], staff, rows["taken"], rows["passed"]
    )


def my_course_participation(*, actor: Actor, pk) -> Participation:
    """The actor's own place on a course (the quiz page), else 404."""
    if actor.person_id is None:
        raise Http404
    row = (
        Participation.objects.for_actor(actor, Cap.DISSEMINATION_ACK)
        .filter(course_id=pk, person_id=actor.person_id)
        .select_related("course")
        .first()
    )
    if row is None:
        raise Http404
    return row


def my_quizzes(*, actor: Actor) -> list[Participation]:
    """Courses with a quiz the actor is on and has not passed yet (for 'Việc của tôi')."""
    if actor.person_id is None:
        return []
    return list(
        Participation.objects.for_actor(actor, Cap.DISSEMINATION_ACK)
        .filter(person_id=actor.person_id, course__isnull=False, course__pass_mark__isnull=False)
        .exclude(passed=True)
        .select_related("course")[:20]
    )


# --- API reads and course materials ----------------------------------------------------------


def session_attendance_list(*, actor: Actor, session: StudySession) -> list[Attendance]:
    """Who was present at a session, with their names, in order of arrival."""
    return list(
        Attendance.objects.for_actor(actor, Cap.DISSEMINATION_VIEW)
        .filter(session=session)
        .select_related("person")
        .order_by("at", "id")[: MAX_PEOPLE * 10]
    )


def course_participants(*, actor: Actor, course: Course) -> list[Participation]:
    return list(
        Participation.objects.for_actor(actor, Cap.DISSEMINATION_VIEW)
        .filter(course=course)
        .select_related("person")
        .order_by("person__sort_key", "person_id")[: MAX_PEOPLE * 10]
    )


def course_by_ref(*, actor: Actor, unit_id: int, ref: str) -> Course:
    """The course an outside system knows as `ref` in a unit the actor manages, else 404."""
    course = (
        Course.objects.for_actor(actor, Cap.DISSEMINATION_MANAGE)
        .filter(unit_id=unit_id, external_ref=ref)
        .select_related("unit")
        .first()
    )
    if course is None or not ref:
        raise Http404
    return course


def report_person_get(*, actor: Actor, pk) -> Person:
    """A person whose training record the actor may read (dissemination.report), else 404."""
    return get_for_actor(Person.objects.all(), actor, pk, capability=Cap.DISSEMINATION_REPORT)


def course_materials(*, actor: Actor, course: Course) -> list[CourseMaterial]:
    """A course's files for whoever may see the course: its viewers, or one of its
    participants (the course page or the participant's own pages)."""
    return list(_materials(actor).filter(course=course).order_by("id"))


def materials_of_my_courses(*, actor: Actor, course_ids) -> dict[int, list[CourseMaterial]]:
    """Files of the given courses the actor takes part in (for their own record page)."""
    found: dict[int, list[CourseMaterial]] = {}
    for m in _materials(actor).filter(course_id__in=list(course_ids)).order_by("course_id", "id"):
        found.setdefault(m.course_id, []).append(m)
    return found


def _materials(actor: Actor):
    """Materials in the actor's reach (dissemination.view on the course's unit) or of a
    course the actor is a participant of (through their own Participation rows)."""
    visible = Q(pk__in=CourseMaterial.objects.for_actor(actor, Cap.DISSEMINATION_VIEW).values("pk"))
    if actor.person_id is None:
        return CourseMaterial.unscoped.filter(visible)
    mine = Participation.objects.for_actor(actor, Cap.DISSEMINATION_ACK).filter(
        person_id=actor.person_id, course__isnull=False
    )
    return CourseMaterial.unscoped.filter(visible | Q(course_id__in=mine.values("course_id")))


def material_get(*, actor: Actor, pk) -> CourseMaterial:
    """One course file the actor may download (a viewer of the course or a participant)."""
    try:
        material = _materials(actor).select_related("course").filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        material = None
    if material is None:
        raise Http404
    return material


def material_manage_get(*, actor: Actor, pk) -> CourseMaterial:
    return get_for_actor(
        CourseMaterial.objects.select_related("course"),
        actor,
        pk,
        capability=Cap.DISSEMINATION_MANAGE,
    )
