"""Org rows of another agency answer 404 on every page and API path (common cross-agency suite).

GET-only paths are tried with GET (a POST there is refused by method before any lookup); the
transfer and edit pages are tried with GET and POST.
"""

from __future__ import annotations

from congso.common.testing import CrossAgencyRoute, make_person, make_unit
from congso.org.models import Assignment, CategoryRecord, OrgUnit, Person, ServiceCounter
from congso.org.services import counter_create

API = "/api/v1/org"


def _unit(world, unit) -> OrgUnit:
    return make_unit("Phòng Kế hoạch – Tài chính", kind="division", parent=unit)


def _person(world, unit) -> Person:
    return make_person(unit, full_name="Đinh Văn Khách")


def _assignment(world, unit) -> Assignment:
    return _person(world, unit).assignments.get()


def _category_record(world, unit) -> CategoryRecord:
    return _person(world, unit).category_records.get()


def _counter(world, unit) -> ServiceCounter:
    return counter_create(actor=None, unit=unit, name="Quầy tiếp nhận hồ sơ")


ROUTES = [
    CrossAgencyRoute(
        model=OrgUnit,
        make=_unit,
        pages=[
            lambda unit: f"/to-chuc/don-vi/{unit.pk}/",
            lambda unit: f"/to-chuc/?goc={unit.pk}",
            lambda unit: f"/to-chuc/can-bo/xuat-excel/?don_vi={unit.pk}",
        ],
        api=[
            lambda unit: f"{API}/units/{unit.pk}",
            lambda unit: f"{API}/units/{unit.pk}/children",
            lambda unit: f"{API}/people?unit={unit.pk}",
        ],
        url_names=["org:unit", "api:org_unit_get", "api:org_unit_children"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Person,
        make=_person,
        pages=[lambda person: f"/to-chuc/can-bo/{person.pk}/"],
        api=[lambda person: f"{API}/people/{person.pk}"],
        url_names=["org:person", "api:org_person_get"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=Person,
        make=_person,
        pages=[
            lambda person: f"/to-chuc/can-bo/{person.pk}/dieu-dong/",
            lambda person: f"/to-chuc/can-bo/{person.pk}/sua/",
        ],
        url_names=["org:person_transfer", "org:person_edit"],
        methods=("get", "post"),
    ),
    CrossAgencyRoute(
        model=Assignment,
        make=_assignment,
        pages=[lambda assignment: f"/to-chuc/can-bo/{assignment.person_id}/"],
        api=[lambda assignment: f"{API}/people/{assignment.person_id}"],
        url_names=["org:person", "api:org_person_get"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=CategoryRecord,
        make=_category_record,
        pages=[lambda record: f"/to-chuc/can-bo/{record.person_id}/"],
        url_names=["org:person"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=ServiceCounter,
        make=_counter,
        pages=[lambda counter: f"/to-chuc/don-vi/{counter.unit_id}/"],
        api=[lambda counter: f"{API}/units/{counter.unit_id}"],
        url_names=["org:unit", "api:org_unit_get"],
        methods=("get",),
    ),
]
