"""Writers of propaganda activities and training courses (directive point 2): the organiser
records them with participants and attendance; a participant takes the course's quiz for
themself. Every change writes an audit row, inside one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.dissemination.files import clean_material
from congso.dissemination.models import (
    Activity,
    ActivityKind,
    Course,
    CourseMaterial,
    Participation,
)
from congso.dissemination.rules import RuleError, quiz_passed, quiz_score
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


# --- course materials (files) ----------------------------------------------------------------


def material_add(*, actor: Actor | None, course: Course, title: str, data: bytes) -> CourseMaterial:
    """Store a file of a course: a PDF (re-written without active content) or a docx, xlsx,
    pptx without macros, recognised by its content (files.clean_material). The caller reads
    the upload through files.read_limited, so an oversized file never reaches here whole."""
    require(actor, Cap.DISSEMINATION_MANAGE, course.unit_id, message=NO_MANAGE_RIGHT)
    title = nfc(title or "")
    if not title:
        raise ValidationError({"title": _("Hãy nhập tên tài liệu.")})
    try:
        clean = clean_material(data)
    except RuleError as exc:
        raise ValidationError({"file": str(exc)}) from None
    with transaction.atomic():
        material = CourseMaterial.objects.create(
            course=course,
            unit_id=course.unit_id,
            title=title[:200],
            kind=clean.kind,
            file=ContentFile(clean.content, name=f"tai-lieu.{clean.kind}"),
            size=len(clean.content),
            sha256=clean.sha256,
            created_by_id=getattr(actor, "user_id", None),
        )
        audit_record(
            actor=actor,
            action="dissemination.material_add",
            obj=material,
            new={"course": course.pk, "title": material.title, "kind": clean.kind},
        )
    return material


def material_delete(*, actor: Actor | None, material: CourseMaterial) -> None:
    require(actor, Cap.DISSEMINATION_MANAGE, material.unit_id, message=NO_MANAGE_RIGHT)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="dissemination.material_delete",
            obj=material,
            old={"course": material.course_id, "title": material.title, "sha256": material.sha256},
        )
        name = material.file.name
        material.delete()
        transaction.on_commit(lambda: material.file.storage.delete(name))


# --- an outside training system (LMS) pushing courses and results -----------------------------

_COURSE_FIELDS = ("title", "organiser", "start_on", "end_on", "materials", "pass_mark")


def course_upsert(
    *,
    actor: Actor | None,
    unit,
    ref: str,
    title: str,
    start_on: date,
    end_on: date,
    organiser: str = "",
    materials: str = "",
    pass_mark: int | None = None,
) -> tuple[Course, bool]:
    """Create or update the course an outside system knows as `ref` in `unit` (idempotent:
    the same call twice changes nothing the second time and writes no audit row). Its quiz
    is held in that system, so a pass mark needs no questions here. Returns (course, changed)."""
    require(actor, Cap.DISSEMINATION_MANAGE, unit.pk, message=NO_MANAGE_RIGHT)
    ref = nfc(ref or "")
    if not ref or len(ref) > 100:
        raise ValidationError({"ref": _("Mã lớp phải có từ 1 đến 100 ký tự.")})
    title = nfc(title or "")
    if not title:
        raise ValidationError({"title": _("Hãy nhập tên lớp bồi dưỡng.")})
    _check_dates(start_on, end_on)
    if pass_mark is not None and not 0 < pass_mark <= 100:
        raise ValidationError({"pass_mark": _("Điểm đạt phải từ 1 đến 100 (%).")})
    values = {
        "title": title[:300],
        "organiser": nfc(organiser or "")[:200],
        "start_on": start_on,
        "end_on": end_on,
        "materials": (materials or "").strip(),
        "pass_mark": pass_mark,
    }
    with transaction.atomic():
        course = Course.objects.select_for_update().filter(unit=unit, external_ref=ref).first()
        if course is None:
            course = Course.objects.create(unit=unit, external_ref=ref, **values)
            audit_record(
                actor=actor,
                action="dissemination.course_create",
                obj=course,
                new={"ref": ref, "title": course.title, "start_on": start_on},
            )
            return course, True
        old = {k: getattr(course, k) for k in _COURSE_FIELDS}
        changed = [k for k in _COURSE_FIELDS if old[k] != values[k]]
        if not changed:
            return course, False
        for name in changed:
            setattr(course, name, values[name])
        course.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="dissemination.course_update",
            obj=course,
            old={k: old[k] for k in changed},
            new={k: values[k] for k in changed},
        )
    return course, True


@dataclass(frozen=True)
class ResultRow:
    """One result pushed for a course: the row number (1-based, for messages), the person's
    staff code, whether they attended and their quiz score in percent (None: no quiz)."""

    row: int
    staff_code: str
    attended: bool = True
    score: int | None = None


@dataclass(frozen=True)
class ResultsApplied:
    created: int
    updated: int
    unchanged: int


def results_apply(*, actor: Actor | None, course: Course, rows: list[ResultRow]) -> ResultsApplied:
    """Set the participants' attendance and scores of a course from an outside system, all or
    nothing: an unknown staff code, someone outside the organising unit, a code twice or a
    score outside 0–100 refuses the whole list with the rows named. Idempotent: the same list
    again changes nothing and writes no audit row."""
    require(actor, Cap.DISSEMINATION_MANAGE, course.unit_id, message=NO_MANAGE_RIGHT)
    errors: list[str] = []
    codes: dict[str, ResultRow] = {}
    for r in rows:
        code = nfc(r.staff_code or "").upper()
        if not code:
            errors.append(_("Dòng %(row)s: thiếu mã cán bộ.") % {"row": r.row})
        elif code in codes:
            errors.append(
                _("Dòng %(row)s: mã cán bộ %(code)s trùng với dòng %(first)s.")
                % {"row": r.row, "code": code, "first": codes[code].row}
            )
        else:
            codes[code] = r
        if r.score is not None and not 0 <= r.score <= 100:
            errors.append(_("Dòng %(row)s: điểm phải từ 0 đến 100.") % {"row": r.row})
    people = dict(
        Person.unscoped.in_subtree(course.unit)
        .filter(staff_code__in=sorted(codes))
        .values_list("staff_code", "pk")
    )
    for code, r in codes.items():
        if code not in people:
            errors.append(
                _("Dòng %(row)s: không có cán bộ mã %(code)s trong đơn vị tổ chức lớp.")
                % {"row": r.row, "code": code}
            )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    with transaction.atomic():
        existing = {
            p.person_id: p
            for p in Participation.objects.select_for_update().filter(
                course=course, person_id__in=list(people.values())
            )
        }
        created, updated, unchanged = [], [], 0
        for code, r in codes.items():
            passed = quiz_passed(r.score, course.pass_mark) if r.score is not None else None
            row = existing.get(people[code])
            if row is None:
                created.append(
                    Participation(
                        course=course,
                        unit_id=course.unit_id,
                        person_id=people[code],
                        attended=r.attended,
                        score=r.score,
                        passed=passed,
                        quiz_at=now if r.score is not None else None,
                    )
                )
            elif (row.attended, row.score, row.passed) != (r.attended, r.score, passed):
                if row.score != r.score:
                    row.quiz_at = now if r.score is not None else None
                row.attended, row.score, row.passed = r.attended, r.score, passed
                updated.append(row)
            else:
                unchanged += 1
        Participation.objects.bulk_create(created)
        Participation.objects.bulk_update(updated, ["attended", "score", "passed", "quiz_at"])
        if created or updated:
            audit_record(
                actor=actor,
                action="dissemination.course_results",
                obj=course,
                new={"created": len(created), "updated": len(updated), "unchanged": unchanged},
            )
    return ResultsApplied(len(created), len(updated), unchanged)
