"""The inspections demo loader on the small test world."""

from __future__ import annotations

import random
from datetime import date

import pytest

from congso.common.testing import make_person, make_unit
from congso.conduct import demo as conduct_demo
from congso.inspections import demo
from congso.inspections.models import InspectionPlan, Visit

pytestmark = pytest.mark.django_db


def test_demo_builds_plans_and_visits_with_assessed_checklists(world, time_machine):
    time_machine.move_to(date(2026, 11, 25))
    for index in range(8):
        commune = make_unit(f"Xã Thử {index}", kind="commune", parent=world.province)
        make_person(commune, full_name=f"Lò Văn Xã {index}")
    conduct_demo.load_demo(rng=random.Random(1), log=lambda line: None)
    lines: list[str] = []
    demo.load_demo(rng=random.Random(2), log=lines.append)
    assert InspectionPlan.objects.filter(year=2025, status="closed").exists()
    assert InspectionPlan.objects.filter(year=2026, status="approved").exists()
    done = Visit.objects.filter(status="done")
    assert done.exists()
    for visit in done:
        assert visit.items.exists() and not visit.items.filter(result="").exists()
    assert "cuộc kiểm tra" in lines[-1]


def test_demo_grants_no_role_so_the_printed_logins_match_the_docs(world, time_machine):
    """The inspector's province-wide grant is made once, by the org demo (demo-accounts.csv),
    so `congso demo` prints the unit docs/demo.md names; this loader adds no grant."""
    from congso.accounts.models import RoleGrant
    from congso.common.permissions import Role
    from congso.common.testing import make_user

    time_machine.move_to(date(2026, 11, 25))
    make_user("thanhtra", roles=[(Role.INSPECTOR, world.agency_a)])
    for index in range(8):
        commune = make_unit(f"Xã Thử {index}", kind="commune", parent=world.province)
        make_person(commune, full_name=f"Lò Văn Xã {index}")
    conduct_demo.load_demo(rng=random.Random(1), log=lambda line: None)
    before = RoleGrant.unscoped.count()
    demo.load_demo(rng=random.Random(2), log=lambda line: None)
    assert RoleGrant.unscoped.count() == before
