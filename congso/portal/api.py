"""Public, read-only portal API (no login). Other apps add their public operations here."""

from __future__ import annotations

from collections import defaultdict

from django.http import HttpRequest
from ninja import Router, Schema

from congso.org.models import OrgUnit, ServiceCounter

public_router = Router()


class CounterOut(Schema):
    id: int
    name: str
    survey_code: str | None


class AgencyOut(Schema):
    id: int
    name: str
    code: str
    kind: str
    counters: list[CounterOut]


@public_router.get(
    "/agencies", response=list[AgencyOut], auth=None, summary="Cơ quan phục vụ người dân"
)
def agencies(request: HttpRequest):
    """Units that serve citizens (provincial bodies and communes) with their active counters
    and each counter's current survey code. Two queries whatever the number of units."""
    units = list(
        OrgUnit.unscoped.filter(serves_citizens=True)
        .order_by("sort_key")
        .values("id", "name", "code", "kind")
    )
    counters: dict[int, list[dict]] = defaultdict(list)
    rows = (
        ServiceCounter.unscoped.filter(unit_id__in=[u["id"] for u in units], is_active=True)
        .order_by("unit_id", "name", "id")
        .values_list("unit_id", "id", "name", "survey_target__code", "survey_target__is_active")
    )
    for unit_id, counter_id, name, code, active in rows:
        counters[unit_id].append(
            {"id": counter_id, "name": name, "survey_code": code if active else None}
        )
    return [{**unit, "counters": counters[unit["id"]]} for unit in units]
