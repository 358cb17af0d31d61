"""Staff API of the emulation app."""

from __future__ import annotations

import pytest

from congso.common.permissions import Role
from congso.common.testing import build_world, login_client, make_person, make_user
from congso.emulation.tests.factories import published_result

pytestmark = pytest.mark.django_db


def test_eligibility_api_gives_reasons_and_articles():
    world = build_world()
    officer = make_user(
        "thidua",
        roles=[(Role.EMULATION_OFFICER, world.province)],
        person=make_person(world.province, full_name="Đỗ Thị Thu"),
    )
    published_result(world.alice.person, level="HTNV", ldtt=False)
    response = login_client(officer).get(
        f"/api/v1/emulation/units/{world.agency_a.pk}/eligibility",
        {"year": 2025, "title": "ldtt"},
    )
    assert response.status_code == 200
    alice = next(r for r in response.json() if r["person_id"] == world.alice.person.pk)
    assert alice["eligible"] is False
    assert alice["reasons"][0]["blocks"] and "Điều 24" in alice["reasons"][0]["basis"]
    missing = login_client(officer).get(
        f"/api/v1/emulation/units/{world.agency_a.pk}/eligibility", {"year": 2025, "title": "x"}
    )
    assert missing.status_code == 404
