"""Cross-agency routes of the cases app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from congso.cases.models import AwardFreeze, Case, Evidence, Exemplar, IdentityReveal, Report
from congso.cases.services import ReportInput, award_freeze_open, report_submit
from congso.cases.tests.helpers import confirmed_case, person_in
from congso.cases.tests.helpers import make_case as _make
from congso.common.scoping import ANONYMOUS
from congso.common.testing import CrossAgencyRoute


def _person(unit):
    return person_in(unit, name="Đỗ Thị Lan")


def make_report(world, unit):
    report, _receipt, _created = report_submit(
        actor=ANONYMOUS,
        data=ReportInput(
            kind="misconduct",
            agency_id=unit.pk,
            description="Cán bộ quầy số 2 gây khó dễ",
            contact_name="Nguyễn Văn Dân",
            contact_phone="0912345678",
        ),
    )
    return report


def make_monitor_report(world, unit):
    """A report filed by agency B's social monitor (another account than admin_a's)."""
    from congso.accounts.actors import build_actor
    from congso.cases.services import ReportInput, report_submit
    from congso.common.permissions import Role
    from congso.common.testing import make_user

    monitor = make_user(f"giamsat_{unit.pk}", roles=[(Role.SOCIAL_MONITOR, unit)])
    monitor.organisation_name = "Hội Cựu chiến binh"
    monitor.save(update_fields=["organisation_name"])
    report, _receipt, _created = report_submit(
        actor=build_actor(monitor),
        data=ReportInput(kind="praise", agency_id=unit.pk, description="Phục vụ chu đáo"),
    )
    return report


def make_evidence(world, unit):
    from django.core.files.base import ContentFile

    report = make_report(world, unit)
    return Evidence.unscoped.create(
        unit=unit,
        report=report,
        file=ContentFile(b"%PDF-1.4 test", name="t.pdf"),
        content_type="application/pdf",
        size=13,
        sha256="0" * 64,
    )


def make_case(world, unit):
    return _make(unit=unit, person=_person(unit))


def make_freeze(world, unit):
    return award_freeze_open(actor=None, person=_person(unit), reason="inspection", ref="t:1")


def make_exemplar(world, unit):
    case = confirmed_case(unit=unit, person=_person(unit), kind="praise")
    return Exemplar.objects.get(case=case)


def make_reveal(world, unit):
    report = make_report(world, unit)
    return IdentityReveal.objects.create(
        unit=unit, report=report, by_user=world.charlie, by_label="charlie", reason="Kiểm tra"
    )


def _case_post(name: str, slug: str) -> CrossAgencyRoute:
    return CrossAgencyRoute(
        model=Case,
        make=make_case,
        pages=[lambda row, slug=slug: f"/vu-viec/{row.pk}/{slug}/"],
        url_names=[f"cases:{name}"],
        methods=("post",),
    )


ROUTES = [
    CrossAgencyRoute(
        model=Report,
        make=make_report,
        pages=[
            lambda row: f"/vu-viec/phan-anh/{row.pk}/",
            lambda row: f"/vu-viec/phan-anh/{row.pk}/danh-tinh/",
        ],
        url_names=["cases:report", "cases:reveal"],
    ),
    CrossAgencyRoute(
        model=Report,
        make=make_report,
        pages=[lambda row: f"/vu-viec/phan-anh/{row.pk}/tin-nhan/"],
        url_names=["cases:report_message"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=Report,
        make=make_monitor_report,
        pages=[lambda row: f"/vu-viec/phan-bien/{row.pk}/"],
        url_names=["cases:monitor_report"],
    ),
    CrossAgencyRoute(
        model=Evidence,
        make=make_evidence,
        pages=[lambda row: f"/vu-viec/bang-chung/{row.pk}/"],
        url_names=["cases:evidence"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Case,
        make=make_case,
        pages=[lambda row: f"/vu-viec/{row.pk}/"],
        api=[lambda row: f"/api/v1/cases/{row.pk}"],
        url_names=["cases:case", "api:case_detail"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Case,
        make=make_case,
        api=[
            lambda row: f"/api/v1/cases/{row.pk}/transitions",
            lambda row: f"/api/v1/cases/{row.pk}/assign",
        ],
        url_names=["api:case_move", "api:case_assign_api"],
        methods=("post",),
    ),
    _case_post("case_move", "chuyen-buoc"),
    _case_post("case_assign", "phan-cong"),
    _case_post("case_finding", "ket-luan"),
    _case_post("case_measure", "bien-phap"),
    _case_post("case_extend", "gia-han"),
    _case_post("case_appeal", "khieu-nai"),
    _case_post("case_review", "xem-xet-khieu-nai"),
    CrossAgencyRoute(model=AwardFreeze, make=make_freeze),
    CrossAgencyRoute(model=Exemplar, make=make_exemplar),
    CrossAgencyRoute(model=IdentityReveal, make=make_reveal),
]
