"""The emulation demo after the evaluation demo on the small test province: the 2025 cycle
is complete and consistent with the final classifications; 2026 is under way."""

import random
from datetime import date

import pytest

from congso.common.permissions import Role
from congso.common.testing import build_world, make_person, make_user
from congso.emulation.demo import load_demo
from congso.emulation.models import Award, Ballot, Decision, Registration
from congso.evaluation.demo import load_demo as load_evaluation
from congso.evaluation.models import Result
from congso.org.models import Assignment

pytestmark = pytest.mark.django_db


def test_demo_awards_only_people_eligible_from_final_2025_results():
    world = build_world()
    for i in range(8):
        make_person(world.agency_a, full_name=f"Công chức Sở Nội vụ {i}")
    make_user(
        "thidua",
        roles=[(Role.EMULATION_OFFICER, world.agency_a)],
        person=make_person(world.agency_a, full_name="Cán bộ Thi đua"),
    )
    Assignment.unscoped.update(start_date=date(2024, 1, 1))
    load_evaluation(rng=random.Random(7), log=lambda _text: None)
    load_demo(rng=random.Random(7), log=lambda _text: None)
    decision = Decision.unscoped.get()
    assert decision.year == 2025 and Ballot.objects.exists()
    for award in Award.unscoped.filter(decision=decision).select_related("title"):
        result = Result.unscoped.get(person=award.person, run__year=2025, run__state="final")
        assert result.ldtt_eligible
    states = set(Registration.unscoped.filter(plan__year=2026).values_list("state", flat=True))
    assert {"approved", "submitted"} <= states
