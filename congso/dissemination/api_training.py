"""Staff API of study sessions and training, under /api/v1/dissemination/, scoped like the
pages (a row out of reach answers 404, like a missing one).

Reads: sessions with attendance, courses with participants, results and materials, one
person's training record. Writes for an outside training system (LMS), idempotent and keyed by
that system's own course id (`ref`) within a unit: create or update a course, and set its
participants' attendance and scores by staff code. Sending the same call twice changes nothing
the second time."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from congso.common.permissions import Cap
from congso.dissemination import selectors, training

router = Router()

MAX_LIST = 200


class SessionOut(Schema):
    id: int
    unit_id: int
    title: str
    place: str
    starts_at: datetime
    ends_at: datetime
    campaign_id: int | None
    makeup_of_id: int | None
    present: int


class AttendanceOut(Schema):
    person_id: int
    staff_code: str
    full_name: str
    method: str
    at: datetime


class SessionDetailOut(SessionOut):
    attendance: list[AttendanceOut]


class CourseOut(Schema):
    id: int
    unit_id: int
    ref: str
    title: str
    organiser: str
    start_on: date
    end_on: date
    pass_mark: int | None
    attended: int


class ParticipantOut(Schema):
    person_id: int
    staff_code: str
    full_name: str
    attended: bool
    score: int | None
    passed: bool | None
    quiz_at: datetime | None


class MaterialOut(Schema):
    id: int
    title: str
    kind: str
    size: int
    url: str


class CourseDetailOut(CourseOut):
    participants: list[ParticipantOut]
    materials: list[MaterialOut]


class AcknowledgementOut(Schema):
    campaign_id: int
    document_number: str
    version_id: int
    opened_at: datetime
    acknowledged_at: datetime | None
    on_time: bool | None


class SessionAttendedOut(Schema):
    session_id: int
    title: str
    at: datetime
    method: str


class CourseResultOut(Schema):
    course_id: int | None
    activity_id: int | None
    title: str
    attended: bool
    score: int | None
    passed: bool | None


class TrainingRecordOut(Schema):
    person_id: int
    acknowledgements: list[AcknowledgementOut]
    sessions: list[SessionAttendedOut]
    training: list[CourseResultOut]


class CourseIn(Schema):
    title: str = Field(..., max_length=300)
    start_on: date
    end_on: date
    organiser: str = Field("", max_length=200)
    materials: str = ""
    pass_mark: int | None = None


class ResultIn(Schema):
    staff_code: str = Field(..., max_length=32)
    attended: bool = True
    score: int | None = None


class ResultsIn(Schema):
    results: list[ResultIn] = Field(..., max_length=5000)


class ResultsOut(Schema):
    course_id: int
    created: int
    updated: int
    unchanged: int


class RefusedOut(Schema):
    """A refused write: the message, and one line per bad row (nothing was written)."""

    detail: str
    errors: list[str] = []


def _refused(exc: ValidationError) -> Status:
    messages = exc.messages
    return Status(400, {"detail": " ".join(messages[:3]), "errors": messages})


def _session(s, present: int) -> dict:
    return {
        "id": s.pk,
        "unit_id": s.unit_id,
        "title": s.title,
        "place": s.place,
        "starts_at": s.starts_at,
        "ends_at": s.ends_at,
        "campaign_id": s.campaign_id,
        "makeup_of_id": s.makeup_of_id,
        "present": present,
    }


def _course(c, attended: int) -> dict:
    return {
        "id": c.pk,
        "unit_id": c.unit_id,
        "ref": c.external_ref,
        "title": c.title,
        "organiser": c.organiser,
        "start_on": c.start_on,
        "end_on": c.end_on,
        "pass_mark": c.pass_mark,
        "attended": attended,
    }


@router.get("/sessions", response=list[SessionOut], summary="Hội nghị quán triệt (mới nhất trước)")
def session_list(request, unit_id: int | None = None, limit: int = 50):
    sessions = selectors.session_list(actor=request.auth)
    if unit_id is not None:
        sessions = sessions.filter(unit_id=unit_id)
    return [_session(s, s.present) for s in sessions[: max(1, min(limit, MAX_LIST))]]


@router.get(
    "/sessions/{session_id}",
    url_name="dissemination_session",
    response=SessionDetailOut,
    summary="Một hội nghị quán triệt, với người có mặt",
)
def session_detail(request, session_id: int):
    actor = request.auth
    session = selectors.session_get(actor=actor, pk=session_id)
    rows = selectors.session_attendance_list(actor=actor, session=session)
    body = _session(session, len(rows))
    body["attendance"] = [
        {
            "person_id": a.person_id,
            "staff_code": a.person.staff_code,
            "full_name": a.person.full_name,
            "method": a.method,
            "at": a.at,
        }
        for a in rows
    ]
    return body


@router.get("/courses", response=list[CourseOut], summary="Lớp bồi dưỡng (mới nhất trước)")
def course_list(request, unit_id: int | None = None, limit: int = 50):
    courses = selectors.course_list(actor=request.auth)
    if unit_id is not None:
        courses = courses.filter(unit_id=unit_id)
    return [_course(c, c.n) for c in courses[: max(1, min(limit, MAX_LIST))]]


def _course_detail(actor, course) -> dict:
    rows = selectors.course_participants(actor=actor, course=course)
    body = _course(course, sum(1 for p in rows if p.attended))
    body["participants"] = [
        {
            "person_id": p.person_id,
            "staff_code": p.person.staff_code,
            "full_name": p.person.full_name,
            "attended": p.attended,
            "score": p.score,
            "passed": p.passed,
            "quiz_at": p.quiz_at,
        }
        for p in rows
    ]
    body["materials"] = [
        {
            "id": m.pk,
            "title": m.title,
            "kind": m.kind,
            "size": m.size,
            "url": reverse("dissemination:material_file", args=[m.pk]),
        }
        for m in selectors.course_materials(actor=actor, course=course)
    ]
    return body


@router.get(
    "/courses/{course_id}",
    url_name="dissemination_course",
    response=CourseDetailOut,
    summary="Một lớp bồi dưỡng, với học viên, kết quả và tài liệu",
)
def course_detail(request, course_id: int):
    course = selectors.course_get(actor=request.auth, pk=course_id)
    return _course_detail(request.auth, course)


@router.get(
    "/people/{person_id}/training",
    url_name="dissemination_person_training",
    response=TrainingRecordOut,
    summary="Quá trình học tập, quán triệt của một cán bộ",
)
def person_training(request, person_id: int):
    actor = request.auth
    person = selectors.report_person_get(actor=actor, pk=person_id)
    record = selectors.person_record(
        actor=actor, person_id=person.pk, capability=Cap.DISSEMINATION_REPORT
    )
    return {
        "person_id": person.pk,
        "acknowledgements": [
            {
                "campaign_id": r.campaign_id,
                "document_number": r.campaign.document.number,
                "version_id": r.version_id,
                "opened_at": r.opened_at,
                "acknowledged_at": r.acknowledged_at,
                "on_time": r.on_time,
            }
            for r in record.receipts
        ],
        "sessions": [
            {"session_id": a.session_id, "title": a.session.title, "at": a.at, "method": a.method}
            for a in record.attendance
        ],
        "training": [
            {
                "course_id": p.course_id,
                "activity_id": p.activity_id,
                "title": (p.course or p.activity).title,
                "attended": p.attended,
                "score": p.score,
                "passed": p.passed,
            }
            for p in record.participation
        ],
    }


@router.put(
    "/units/{unit_id}/courses/{ref}",
    url_name="dissemination_course_upsert",
    response={200: CourseDetailOut, 400: RefusedOut},
    summary="Tạo hoặc cập nhật lớp bồi dưỡng theo mã lớp của hệ thống đào tạo (lặp lại an toàn)",
)
def course_upsert(request, unit_id: int, ref: str, payload: CourseIn):
    actor = request.auth
    unit = selectors.managed_unit_get(actor=actor, pk=unit_id)
    try:
        course, _changed = training.course_upsert(actor=actor, unit=unit, ref=ref, **payload.dict())
    except ValidationError as exc:
        return _refused(exc)
    return Status(200, _course_detail(actor, course))


@router.put(
    "/units/{unit_id}/courses/{ref}/results",
    url_name="dissemination_course_results",
    response={200: ResultsOut, 400: RefusedOut},
    summary="Ghi kết quả học viên theo mã cán bộ (cả danh sách hoặc không gì; lặp lại an toàn)",
)
def course_results(request, unit_id: int, ref: str, payload: ResultsIn):
    actor = request.auth
    course = selectors.course_by_ref(actor=actor, unit_id=unit_id, ref=ref)
    rows = [
        training.ResultRow(index, r.staff_code, r.attended, r.score)
        for index, r in enumerate(payload.results, start=1)
    ]
    try:
        applied = training.results_apply(actor=actor, course=course, rows=rows)
    except ValidationError as exc:
        return _refused(exc)
    return Status(
        200,
        {
            "course_id": course.pk,
            "created": applied.created,
            "updated": applied.updated,
            "unchanged": applied.unchanged,
        },
    )
