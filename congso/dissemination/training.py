"""Writers of propaganda activities and training courses (directive point 2): the organiser
records them with participants and attendance; a participant takes the course's quiz for
themself. Every change writes an audit row, inside one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.dissemination.models import Activity, ActivityKind, Course, Participation
from congso.dissemination.rules import quiz_passed, quiz_score
from congso.dissemination.services import NO_MANAGE_RIGHT, _clean_questions, _my_person
from congso.org.models import Person


def _check_dates(start_on: date, end_on: date) -> None:
    if end_on < start_on:
        raise ValidationError({"end_on": _("Ngày kết thúc không được trước ngày bắt đầu.")})


def activity_create(
    *,
    actor: Actor | None,
    unit,
    kind: str,
    title: str,
    start_on: date,
    end_on: date,
    organiser: str = "",
    materials: str = "",
) -> Activity:
    require(actor, Cap.DISSEMINATION_MANAGE, unit.pk, message=NO_MANAGE_RIGHT)
    if kind not in ActivityKind.values:
        raise ValidationError({"kind": _("Loại hoạt động không hợp lệ.")})
    title = nfc(title)
    if not title:
        raise ValidationError({"title": _("Hãy nhập tên hoạt động.")})
    _check_dates(start_on, end_on)
    with transaction.atomic():
        activity = Activity.objects.create(
            unit=unit,
            kind=kind,
            title=title[:300],
            organiser=nfc(organiser)[:200],
            start_on=start_on,
            end_on=end_on,
            materials=(materials or "").strip(),
        )
        audit_record(
            actor=actor,
            action="dissemination.activity_create",
            obj=activity,
            new={"kind": kind, "title": activity.title, "start_on": start_on},
        )
    return activity


def course_create(
    *,
    actor: Actor | None,
    unit,
    title: str,
    start_on: date,
    end_on: date,
    organiser: str = "",
    materials: str = "",
    questions=(),
    pass_mark: int | None = None,
) -> Course:
    require(actor, Cap.DISSEMINATION_MANAGE, unit.pk, message=NO_MANAGE_RIGHT)
    title = nfc(title)
    if not title:
        raise ValidationError({"title": _("Hãy nhập tên lớp bồi dưỡng.")})
    _check_dates(start_on, end_on)
    clean = _clean_questions(list(questions))
    if pass_mark is not None and not 0 < pass_mark <= 100:
        raise ValidationError({"pass_mark": _("Điểm đạt phải từ 1 đến 100 (%).")})
    if pass_mark is not None and not clean:
        raise ValidationError({"pass_mark": _("Có điểm đạt thì cần có câu hỏi kiểm tra.")})
    with transaction.atomic():
        course = Course.objects.create(
            unit=unit,
            title=title[:300],
            organiser=nfc(organiser)[:200],
            start_on=start_on,
            end_on=end_on,
            materials=(materials or "").strip(),
            questions=clean,
            pass_mark=pass_mark,
        )
        audit_record(
            actor=actor,
            action="dissemination.course_create",
            obj=course,
            new={"title": course.title, "start_on": start_on, "pass_mark": pass_mark},
        )
    return course


def participants_mark(
    *, actor: Actor | None, target: Activity | Course, person_ids, attended: bool = True
) -> int:
    """Register people (of the organiser's unit and below) and mark them present."""
    require(actor, Cap.DISSEMINATION_MANAGE, target.unit_id, message=NO_MANAGE_RIGHT)
    ids = sorted({int(pid) for pid in person_ids})
    members = set(
        Person.unscoped.in_subtree(target.unit).filter(pk__in=ids).values_list("pk", flat=True)
    )
    if set(ids) - members:
        raise ValidationError(_("Có người không thuộc đơn vị tổ chức."))
    field = "course" if isinstance(target, Course) else "activity"
    with transaction.atomic():
        existing = {
            p.person_id: p
            for p in Participation.objects.select_for_update().filter(
                **{field: target}, person_id__in=ids
            )
        }
        changed = [p for pid, p in existing.items() if p.attended != attended]
        for p in changed:
            p.attended = attended
        Participation.objects.bulk_update(changed, ["attended"])
        new = [
            Participation(
                **{field: target}, unit_id=target.unit_id, person_id=pid, attended=attended
            )
            for pid in ids
            if pid not in existing
        ]
        Participation.objects.bulk_create(new)
        audit_record(
            actor=actor,
            action=f"dissemination.{field}_participants",
            obj=target,
            new={"people": ids, "attended": attended},
        )
    return len(new) + len(changed)


def quiz_submit(*, actor: Actor, course: Course, answers) -> Participation:
    """The participant answers the course's quiz for themself; the latest try counts."""
    person = _my_person(actor)
    if not course.questions:
        raise ValidationError(_("Lớp bồi dưỡng này không có bài kiểm tra."))
    with transaction.atomic():
        row = Participation.objects.select_for_update().filter(course=course, person=person).first()
        if row is None:
            raise ValidationError(_("Bạn chưa có tên trong danh sách học viên của lớp này."))
        old = {"score": row.score, "passed": row.passed}
        row.score = quiz_score(course.questions, list(answers))
        row.passed = quiz_passed(row.score, course.pass_mark)
        row.quiz_at = timezone.now()
        row.save(update_fields=["score", "passed", "quiz_at"])
        audit_record(
            actor=actor,
            action="dissemination.quiz_submit",
            obj=row,
            old=old,
            new={"score": row.score, "passed": row.passed},
        )
    return row
