"""Cross-agency routes of dissemination (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from congso.common.testing import CrossAgencyRoute, make_person
from congso.dissemination.models import (
    Attendance,
    Campaign,
    Document,
    DocumentVersion,
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
]
