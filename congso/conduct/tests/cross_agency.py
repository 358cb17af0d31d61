"""Cross-agency routes of the conduct app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from datetime import date

from congso.common.testing import CrossAgencyRoute
from congso.conduct.models import Attestation, Clause, CodeOfConduct, CodeVersion


def _code(world, unit):
    from congso.conduct.tests.factories import make_code

    return make_code(unit)


def _version(world, unit):
    from congso.conduct.tests.factories import make_code, make_version

    return make_version(make_code(unit), effective_from=date(2025, 1, 1))


def _clause(world, unit):
    return _version(world, unit).clauses.first()


def _attestation(world, unit):
    from django.utils import timezone

    from congso.common.testing import make_person

    version = _version(world, unit)
    person = make_person(unit, full_name="Phạm Thị Lan", sex="F")
    return Attestation.unscoped.create(unit=unit, person=person, version=version, at=timezone.now())


ROUTES = [
    CrossAgencyRoute(model=CodeOfConduct, make=_code),
    CrossAgencyRoute(model=CodeVersion, make=_version),
    CrossAgencyRoute(model=Clause, make=_clause),
    CrossAgencyRoute(model=Attestation, make=_attestation),
]
