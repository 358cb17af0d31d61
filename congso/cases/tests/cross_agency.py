"""Cross-agency routes of the cases app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from congso.cases.models import AwardFreeze, Case, Evidence, Exemplar, IdentityReveal, Report
from congso.common.testing import CrossAgencyRoute


def _person(unit):
    from congso.cases.tests.helpers import person_in

    return person_in(unit, name="Đỗ Thị Lan")


def make_report(world, unit):
    from congso.cases.services import ReportInput, report_submit
    from congso.common.scoping import ANONYMOUS

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
    from congso.cases.tests.helpers import make_case as _make

    return _make(unit=unit, person=_person(unit))


def make_freeze(world, unit):
    from congso.cases.services import award_freeze_open

    return award_freeze_open(actor=None, person=_person(unit), reason="inspection", ref="t:1")


def make_exemplar(world, unit):
    from congso.cases.tests.helpers import confirmed_case

    case = confirmed_case(unit=unit, person=_person(unit), kind="praise")
    return Exemplar.objects.get(case=case)


def make_reveal(world, unit):
    report = make_report(world, unit)
    return IdentityReveal.objects.create(
        unit=unit, report=report, by_user=world.charlie, by_label="charlie", reason="Kiểm tra"
    )


ROUTES = [
    CrossAgencyRoute(model=Report, make=make_report),
    CrossAgencyRoute(model=Evidence, make=make_evidence),
    CrossAgencyRoute(model=Case, make=make_case),
    CrossAgencyRoute(model=AwardFreeze, make=make_freeze),
    CrossAgencyRoute(model=Exemplar, make=make_exemplar),
    CrossAgencyRoute(model=IdentityReveal, make=make_reveal),
]
