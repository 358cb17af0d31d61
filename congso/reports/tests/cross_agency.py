"""Cross-agency routes of the reports app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from congso.common.testing import CrossAgencyRoute, make_person
from congso.org.models import OrgUnit
from congso.surveys.models import SurveyTarget


def _unit(world, unit) -> OrgUnit:
    return unit


def _officer(world, unit) -> SurveyTarget:
    from congso.surveys.services import targets_sync, template_default

    template_default()
    person = make_person(unit, full_name="Hoàng Văn Tú", serves_citizens=True)
    targets_sync(actor=None, unit=unit)
    return SurveyTarget.unscoped.get(person=person)


ROUTES = [
    CrossAgencyRoute(
        model=OrgUnit,
        make=_unit,
        pages=[lambda u: reverse("reports:dashboard_unit", args=[u.pk])],
        url_names=["reports:dashboard_unit"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=SurveyTarget,
        make=_officer,
        pages=[lambda t: reverse("reports:officer", args=[t.pk])],
        url_names=["reports:officer"],
        methods=("get",),
    ),
]


# --- unit reports upward ---------------------------------------------------------------------

UNIT_REPORT_SLUG = "2025"


def _unit_report(world, unit):
    from congso.reports.unit_reports.models import UnitReport

    return UnitReport.objects.create(
        unit=unit,
        kind="year",
        year=2025,
        seq=1,
        state="submitted",
        submissions=1,
        due_on=date(2026, 1, 29),
        narrative={"conduct": {"results": "Nội dung của đơn vị khác"}},
    )


def _unit_report_model():
    from congso.reports.unit_reports.models import UnitReport

    return UnitReport


ROUTES += [
    CrossAgencyRoute(
        model=OrgUnit,
        make=_unit,
        pages=[lambda u: reverse("reports:unit_report", args=[u.pk, UNIT_REPORT_SLUG])],
        url_names=["reports:unit_report"],
        methods=("get", "post"),
    ),
    CrossAgencyRoute(
        model=OrgUnit,
        make=_unit,
        pages=[
            lambda u: reverse("reports:unit_review", args=[u.pk, UNIT_REPORT_SLUG]),
            lambda u: reverse("reports:unit_report_file", args=[u.pk, UNIT_REPORT_SLUG]),
        ],
        url_names=["reports:unit_review", "reports:unit_report_file"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=_unit_report_model(),
        make=_unit_report,
        pages=[lambda r: reverse("reports:unit_report_decide", args=[r.pk])],
        url_names=["reports:unit_report_decide"],
        methods=("post",),
    ),
]
