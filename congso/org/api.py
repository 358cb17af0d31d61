"""Staff API of the org tree and people (mounted at /api/v1/org/, session or token auth).

`request.auth` is the Actor. Every read goes through org.selectors, so rows of units outside
the caller's reach answer 404 exactly like missing rows.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.core.paginator import Paginator
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from congso.common.scoping import Actor
from congso.org import selectors
from congso.org.models import OrgUnit, Person, StaffCategory

router = Router()

MAX_PAGE_SIZE = 200


# --- schemas -------------------------------------------------------------------------------


class PageIn(Schema):
    # Ranges are checked in _page (400 with a Vietnamese message) rather than by pydantic,
    # whose 422 messages are English.
    page: int = Field(1, description="Trang (từ 1)")
    page_size: int = Field(50, description=f"Số dòng mỗi trang (1–{MAX_PAGE_SIZE})")


class UnitListIn(PageIn):
    q: str = Field("", description="Tìm theo tên, tên viết tắt hoặc mã")
    on: date | None = Field(None, description="Chỉ đơn vị có hiệu lực ngày này")


class UnitChildrenIn(Schema):
    on: date | None = Field(None, description="Chỉ đơn vị có hiệu lực ngày này")


class PeopleListIn(PageIn):
    q: str = Field("", description="Tìm theo tên (không dấu) hoặc mã cán bộ")
    unit: int | None = Field(None, description="Mã số đơn vị (gồm đơn vị trực thuộc)")
    category: StaffCategory | None = Field(None, description="Đối tượng")
    status: Literal["active", "inactive", "all"] = Field(
        "active", description="active: đang công tác; inactive: đã nghỉ; all: tất cả"
    )


class UnitOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    code: str
    statistical_code: str
    parent_id: int | None
    depth: int
    valid_from: date | None
    valid_to: date | None
    serves_citizens: bool


class UnitCountedOut(UnitOut):
    head_count: int = Field(description="Cán bộ đang công tác, cả đơn vị trực thuộc")


class UnitPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[UnitOut]


class PersonOut(Schema):
    id: int
    staff_code: str
    full_name: str
    sex: str
    birth_year: int
    category: str
    unit_id: int
    unit_name: str
    position: str
    is_leader: bool
    is_party_member: bool
    serves_citizens: bool
    is_active: bool


class AssignmentOut(Schema):
    unit_id: int
    unit_name: str
    position: str
    start_date: date
    end_date: date | None = Field(description="Ngày bắt đầu công tác nơi khác (không tính)")


class PersonDetailOut(PersonOut):
    assignments: list[AssignmentOut]


class PersonPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[PersonOut]


# --- helpers -------------------------------------------------------------------------------


def _unit(actor: Actor, pk: int) -> OrgUnit:
    return selectors.unit_get(actor=actor, pk=pk)


def _unit_out(unit: OrgUnit, **extra) -> dict:
    fields = UnitOut.model_fields
    return {name: getattr(unit, name) for name in fields} | extra


def _person_out(person: Person) -> dict:
    data = {name: getattr(person, name) for name in PersonOut.model_fields if name != "unit_name"}
    return data | {"unit_name": person.unit.name}


def _page(queryset, params: PageIn):
    """The requested page; a page past the end is empty rather than an error."""
    if params.page < 1:
        raise HttpError(400, "Số trang phải từ 1 trở lên.")
    if not 1 <= params.page_size <= MAX_PAGE_SIZE:
        raise HttpError(400, f"Số dòng mỗi trang phải từ 1 đến {MAX_PAGE_SIZE}.")
    paginator = Paginator(queryset, params.page_size)
    count = paginator.count
    items = (
        list(paginator.page(params.page).object_list) if params.page <= paginator.num_pages else []
    )
    return count, items


# --- operations ----------------------------------------------------------------------------


@router.get("/units", response=UnitPage, url_name="org_unit_list", summary="Danh sách đơn vị")
def unit_list(request, params: Query[UnitListIn]):
    units = selectors.unit_list(actor=request.auth, query=params.q[:100], on=params.on)
    count, items = _page(units, params)
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "items": [_unit_out(u) for u in items],
    }


@router.get(
    "/units/{unit_id}",
    response={200: UnitCountedOut},
    url_name="org_unit_get",
    summary="Thông tin một đơn vị",
)
def unit_get(request, unit_id: int):
    unit = _unit(request.auth, unit_id)
    counts = selectors.head_counts(actor=request.auth, units=[unit])
    return _unit_out(unit, head_count=counts[unit.pk])


@router.get(
    "/units/{unit_id}/children",
    response=list[UnitCountedOut],
    url_name="org_unit_children",
    summary="Các đơn vị trực thuộc",
)
def unit_children(request, unit_id: int, params: Query[UnitChildrenIn]):
    unit = _unit(request.auth, unit_id)
    children = list(selectors.unit_children(actor=request.auth, unit=unit, on=params.on))
    counts = selectors.head_counts(actor=request.auth, units=children)
    return [_unit_out(child, head_count=counts[child.pk]) for child in children]


@router.get("/people", response=PersonPage, url_name="org_person_list", summary="Danh sách cán bộ")
def person_list(request, params: Query[PeopleListIn]):
    unit = _unit(request.auth, params.unit) if params.unit is not None else None
    people = selectors.person_list(
        actor=request.auth,
        query=params.q[:100],
        unit=unit,
        category=params.category or "",
        active={"active": True, "inactive": False, "all": None}[params.status],
    )
    count, items = _page(people, params)
    return {
        "count": count,
        "page": params.page,
        "page_size": params.page_size,
        "items": [_person_out(p) for p in items],
    }


@router.get(
    "/people/{person_id}",
    response=PersonDetailOut,
    url_name="org_person_get",
    summary="Thông tin một cán bộ và quá trình công tác",
)
def person_get(request, person_id: int):
    person = selectors.person_get(actor=request.auth, pk=person_id)
    history = selectors.assignment_history(actor=request.auth, person=person)
    assignments = [
        {
            "unit_id": a.unit_id,
            "unit_name": a.unit.name,
            "position": a.position,
            "start_date": a.start_date,
            "end_date": a.end_date,
        }
        for a in history
    ]
    return _person_out(person) | {"assignments": assignments}
