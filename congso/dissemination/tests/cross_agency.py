"""Cross-agency routes of dissemination (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from congso.common.testing import CrossAgencyRoute, make_person
from congso.dissemination.models import (
    Activity,
    Attendance,
    Campaign,
    CompletionCount,
    Course,
    CourseMaterial,
    Document,
    DocumentVersion,
    Notice,
    Participation,
    Receipt,
    StudySession,
)
from congso.dissemination.tests.factories import make_campaign, make_document, make_session


def _document(world, unit):
    return make_document(unit)


def _version(world, unit):
    return make_document(unit).current_version


def _campaign(world, unit):
    return make_campaign(unit)


def _receipt(world, unit):
    campaign = make_campaign(unit)
    person = make_person(unit, full_name="Phạm Thị Lan", sex="F")
    return Receipt.unscoped.create(
        campaign=campaign,
        version=campaign.version,
        person=person,
        unit=unit,
        opened_at=timezone.now(),
    )


def _session(world, unit):
    return make_session(unit)


def _attendance(world, unit):
    session = make_session(unit)
    person = make_person(unit, full_name="Đỗ Văn Nam")
    return Attendance.unscoped.create(
        session=session, person=person, unit=unit, method="list", at=timezone.now()
    )


def _activity(world, unit):
    return Activity.unscoped.create(
        unit=unit,
        kind="talk",
        title="Tọa đàm văn hóa công vụ",
        start_on=date(2026, 3, 2),
        end_on=date(2026, 3, 2),
    )


def _course(world, unit):
    return Course.unscoped.create(
        unit=unit,
        title="Bồi dưỡng kỹ năng giao tiếp",
        start_on=date(2026, 3, 2),
        end_on=date(2026, 3, 4),
        questions=[{"q": "4 xin?", "choices": ["a", "b"], "answer": 0}],
        pass_mark=50,
    )


def _participation(world, unit):
    person = make_person(unit, full_name="Nông Văn Khánh")
    return Participation.unscoped.create(
        course=_course(world, unit), person=person, unit=unit, attended=True
    )


def _count(world, unit):
    campaign = make_campaign(unit)
    return CompletionCount.unscoped.create(
        campaign=campaign, version=campaign.version, unit=unit, category="cong_chuc", acknowledged=1
    )


def _material(world, unit):
    from django.core.files.base import ContentFile

    course = _course(world, unit)
    return CourseMaterial.unscoped.create(
        course=course,
        unit=unit,
        title="Bài giảng",
        kind="pdf",
        file=ContentFile(b"%PDF-1.4", name="tai-lieu.pdf"),
        size=8,
        sha256="0" * 64,
    )


def _lms_course(world, unit):
    course = _course(world, unit)
    course.external_ref = "LMS-42"
    course.save(update_fields=["external_ref"])
    return course


def _notice(world, unit):
    """A reminder to agency B's head (notices belong to their addressee)."""
    campaign = make_campaign(unit)
    return Notice.objects.create(
        campaign=campaign,
        version=campaign.version,
        step=1,
        user=world.charlie,
        key=f"cross-{campaign.pk}",
        text="Văn bản cần đọc.",
    )


def _page(name: str):
    return lambda row: reverse(name, args=[row.pk])


ROUTES = [
    CrossAgencyRoute(
        model=Document,
        make=_document,
        pages=[_page("dissemination:document"), _page("dissemination:campaign_create")],
        api=[lambda row: f"/api/v1/dissemination/documents/{row.pk}"],
        url_names=[
            "dissemination:document",
            "dissemination:campaign_create",
            "api:dissemination_document",
        ],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Document,
        make=_document,
        pages=[_page("dissemination:version_add"), _page("dissemination:campaign_create")],
        url_names=["dissemination:version_add", "dissemination:campaign_create"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=DocumentVersion,
        make=_version,
        pages=[_page("dissemination:version_file")],
        url_names=["dissemination:version_file"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Campaign,
        make=_campaign,
        pages=[
            _page("dissemination:campaign"),
            _page("dissemination:campaign_export"),
            _page("dissemination:recipients"),
            _page("dissemination:read"),
            _page("dissemination:open_file"),
        ],
        api=[lambda row: f"/api/v1/dissemination/campaigns/{row.pk}/completion"],
        url_names=[
            "dissemination:campaign",
            "dissemination:campaign_export",
            "dissemination:recipients",
            "dissemination:read",
            "dissemination:open_file",
            "api:dissemination_completion",
        ],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Campaign,
        make=_campaign,
        pages=[_page("dissemination:acknowledge")],
        api=[lambda row: f"/api/v1/dissemination/my/campaigns/{row.pk}/acknowledge"],
        url_names=["dissemination:acknowledge", "api:dissemination_acknowledge"],
        methods=("post",),
    ),
    CrossAgencyRoute(model=Receipt, make=_receipt),
    CrossAgencyRoute(
        model=StudySession,
        make=_session,
        pages=[
            _page("dissemination:session"),
            _page("dissemination:my_session"),
            lambda row: reverse("dissemination:scan", args=[row.token]),
        ],
        url_names=["dissemination:session", "dissemination:my_session", "dissemination:scan"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=StudySession,
        make=_session,
        pages=[
            _page("dissemination:session_tick"),
            _page("dissemination:session_import"),
            lambda row: reverse("dissemination:scan", args=[row.token]),
        ],
        url_names=[
            "dissemination:session_tick",
            "dissemination:session_import",
            "dissemination:scan",
        ],
        methods=("post",),
    ),
    CrossAgencyRoute(model=Attendance, make=_attendance),
    CrossAgencyRoute(
        model=Activity,
        make=_activity,
        pages=[_page("dissemination:activity")],
        url_names=["dissemination:activity"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Activity,
        make=_activity,
        pages=[_page("dissemination:activity_mark")],
        url_names=["dissemination:activity_mark"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=Course,
        make=_course,
        pages=[_page("dissemination:course"), _page("dissemination:course_quiz")],
        url_names=["dissemination:course", "dissemination:course_quiz"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Course,
        make=_course,
        pages=[_page("dissemination:course_mark"), _page("dissemination:course_quiz")],
        url_names=["dissemination:course_mark", "dissemination:course_quiz"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=Course,
        make=_course,
        pages=[_page("dissemination:material_add")],
        url_names=["dissemination:material_add"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=Course,
        make=_course,
        api=[lambda row: f"/api/v1/dissemination/courses/{row.pk}"],
        url_names=["api:dissemination_course"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Course,
        make=_lms_course,
        api=[
            lambda row: f"/api/v1/dissemination/units/{row.unit_id}/courses/{row.external_ref}",
            lambda row: (
                f"/api/v1/dissemination/units/{row.unit_id}/courses/{row.external_ref}/results"
            ),
        ],
        url_names=["api:dissemination_course_upsert", "api:dissemination_course_results"],
        methods=("put",),
    ),
    CrossAgencyRoute(
        model=CourseMaterial,
        make=_material,
        pages=[_page("dissemination:material_file")],
        url_names=["dissemination:material_file"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=CourseMaterial,
        make=_material,
        pages=[_page("dissemination:material_delete")],
        url_names=["dissemination:material_delete"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=StudySession,
        make=_session,
        api=[lambda row: f"/api/v1/dissemination/sessions/{row.pk}"],
        url_names=["api:dissemination_session"],
        methods=("get",),
    ),
    CrossAgencyRoute(model=Participation, make=_participation),
    CrossAgencyRoute(
        model=Participation,
        make=_participation,
        api=[lambda row: f"/api/v1/dissemination/people/{row.person_id}/training"],
        url_names=["api:dissemination_person_training"],
        methods=("get",),
    ),
    CrossAgencyRoute(model=CompletionCount, make=_count),
    CrossAgencyRoute(
        model=Notice,
        make=_notice,
        pages=[_page("dissemination:notice_read")],
        url_names=["dissemination:notice_read"],
        methods=("post",),
    ),
]
