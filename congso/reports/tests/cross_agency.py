"""Cross-agency routes of the reports app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

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
