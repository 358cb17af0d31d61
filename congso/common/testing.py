"""Test helpers shared by every app: a small org tree, the three standard actors, and the
cross-agency route registry.

The standard world (Healthchecks' alice/bob/charlie):
- `province` (root) → `agency_a` (with division `division_a`) and `agency_b`.
- alice: staff member of agency A (a Person in A, role STAFF on A).
- head_a: unit head of A (role UNIT_HEAD on A: reaches A and its division).
- boss: leadership on the province root (reaches everything).
- charlie: unit head of agency B.

Cross-agency suite: every app lists, in `<app>/tests/cross_agency.py`, a `ROUTES` list of
`CrossAgencyRoute`: how to make one row of each unit-scoped model inside a given unit, and every
page and API path that addresses such a row. `common/tests/test_cross_agency.py` creates the row
in agency B and proves that agency A's most powerful user gets 404 on each path, and fails when
a scoped model or a URL with a parameter is not listed anywhere.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client

from congso.accounts.actors import build_actor
from congso.accounts.services import grant_role
from congso.common.permissions import Role
from congso.common.scoping import Actor
from congso.org.services import person_create, unit_create

_codes = itertools.count(1)


def make_unit(name: str, *, kind: str = "state", parent=None, **fields: Any):
    return unit_create(actor=None, name=name, kind=kind, parent=parent, **fields)


def make_person(unit, *, full_name: str = "Nguyễn Văn An", **fields: Any):
    defaults = {
        "sex": "M",
        "birth_year": 1985,
        "category": "cong_chuc",
        "staff_code": f"T{next(_codes):06d}",
    }
    defaults.update(fields)
    return person_create(
        actor=None, unit=unit, start_date=date(2025, 7, 1), full_name=full_name, **defaults
    )


def make_user(
    username: str,
    *,
    roles: list[tuple[str, Any]] = (),
    person=None,
    password: str = "mat-khau-thu-nghiem-1",
):
    user = get_user_model().objects.create_user(username=username, password=password, person=person)
    for role, unit in roles:
        grant_role(actor=None, user=user, role=role, unit_id=unit.pk)
    return user


def actor_of(user, *, verified: bool = True) -> Actor:
    return build_actor(user, second_factor_verified=verified)


def login_client(user, *, verified: bool = True) -> Client:
    """A test client logged in as `user`, with the second factor already confirmed."""
    client = Client()
    client.force_login(user)
    if verified:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device, _ = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


@dataclass
class World:
    province: Any
    agency_a: Any
    division_a: Any
    agency_b: Any
    alice: Any
    head_a: Any
    boss: Any
    charlie: Any
    admin_a: Any


def build_world() -> World:
    province = make_unit("Tỉnh Thử Nghiệm", kind="province")
    agency_a = make_unit("Sở Nội vụ", parent=province, short_name="SNV")
    division_a = make_unit("Phòng Tổ chức", kind="division", parent=agency_a)
    agency_b = make_unit("Sở Y tế", parent=province, short_name="SYT")
    alice_person = make_person(agency_a, full_name="Nguyễn Thị Hoa", sex="F")
    alice = make_user("alice", roles=[(Role.STAFF, agency_a)], person=alice_person)
    head_a = make_user(
        "head_a",
        roles=[(Role.UNIT_HEAD, agency_a)],
        person=make_person(agency_a, full_name="Trần Văn Bình", is_leader=True),
    )
    boss = make_user("boss", roles=[(Role.LEADERSHIP, province)])
    charlie = make_user(
        "charlie",
        roles=[(Role.UNIT_HEAD, agency_b)],
        person=make_person(agency_b, full_name="Lê Văn Cường"),
    )
    # The strongest user of agency A: every role, granted on A only.
    admin_a = make_user("admin_a", roles=[(role, agency_a) for role in Role.values])
    return World(province, agency_a, division_a, agency_b, alice, head_a, boss, charlie, admin_a)


@dataclass
class CrossAgencyRoute:
    """How to make a row of `model` inside a unit, and the paths that address it.

    `make(world, unit)` returns the row. Each of `pages` / `api` maps the row to a path;
    `url_names` lists the Django URL names those paths use, so the guard can tell which
    parameterised URLs are covered. `methods` are tried on every path.
    """

    model: type[models.Model]
    make: Callable[[World, Any], Any]
    pages: list[Callable[[Any], str]] = field(default_factory=list)
    api: list[Callable[[Any], str]] = field(default_factory=list)
    url_names: list[str] = field(default_factory=list)
    methods: tuple[str, ...] = ("get", "post")


# Tables a refused request may still write: sessions and the login lock-out log; and columns:
# an API key's last use is stamped on every authenticated call, refused or not.
_VOLATILE_APPS = frozenset({"sessions", "axes", "django_tasks_db"})
_VOLATILE_FIELDS = {"accounts.ApiToken": frozenset({"last_used_at"})}


def database_state() -> dict[str, int]:
    """A digest of every table's rows (count and a hash of all values), for tests that a
    refusal wrote nothing. Test databases are small, so reading every row is cheap."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in _VOLATILE_APPS or model._meta.proxy:
            continue
        skip = _VOLATILE_FIELDS.get(model._meta.label, frozenset())
        names = [f.attname for f in model._meta.concrete_fields if f.name not in skip]
        rows = model._base_manager.order_by("pk").values_list(*names)
        state[model._meta.label] = hash(repr(list(rows)))
    return state


@contextmanager
def unchanged_database():
    """Assert that the block changes no row of any table (a refused action writes nothing)."""
    before = database_state()
    yield
    after = database_state()
    changed = sorted(label for label in before if before[label] != after.get(label))
    assert not changed, f"a refused action changed: {', '.join(changed)}"
