"""Cross-agency routes of the conduct app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from congso.common.testing import CrossAgencyRoute, make_person
from congso.conduct.models import Attestation, Clause, CodeOfConduct, CodeVersion
from congso.conduct.tests.factories import make_code, make_version


def _code(world, unit):
    return make_code(unit)


def _version(world, unit):
    return make_version(make_code(unit), effective_from=date(2025, 1, 1))


def _clause(world, unit):
    return _version(world, unit).clauses.first()


def _draft_clause(world, unit):
    return make_version(make_code(unit), effective_from=None, published=False).clauses.first()


def _attestation(world, unit):
    from django.utils import timezone

    version = _version(world, unit)
    person = make_person(unit, full_name="Phạm Thị Lan", sex="F")
    return Attestation.unscoped.create(unit=unit, person=person, version=version, at=timezone.now())


def _page(name: str):
    return lambda row: reverse(name, args=[row.pk])


ROUTES = [
    CrossAgencyRoute(
        model=CodeOfConduct,
        make=_code,
        pages=[_page("conduct:code"), _page("conduct:diff")],
        api=[lambda row: f"/api/v1/conduct/codes/{row.pk}"],
        url_names=["conduct:code", "conduct:diff", "api:conduct_code"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=CodeOfConduct,
        make=_code,
        pages=[_page("conduct:draft_create")],
        url_names=["conduct:draft_create"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=CodeVersion,
        make=_version,
        pages=[_page("conduct:version")],
        api=[lambda row: f"/api/v1/conduct/versions/{row.pk}"],
        url_names=["conduct:version", "api:conduct_version"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=CodeVersion,
        make=_version,
        pages=[_page("conduct:clause_add"), _page("conduct:publish"), _page("conduct:attest")],
        url_names=["conduct:clause_add", "conduct:publish", "conduct:attest"],
        methods=("post",),
    ),
    CrossAgencyRoute(
        model=Clause,
        make=_clause,
        pages=[_page("conduct:clause_edit")],
        api=[lambda row: f"/api/v1/conduct/clauses/{row.pk}"],
        url_names=["conduct:clause_edit", "api:conduct_clause"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Clause,
        make=_draft_clause,
        pages=[_page("conduct:clause_edit"), _page("conduct:clause_delete")],
        url_names=["conduct:clause_edit", "conduct:clause_delete"],
        methods=("post",),
    ),
    CrossAgencyRoute(model=Attestation, make=_attestation),
]
