"""The evaluation demo on the small test province: 2025 final, 2026 as a proposal."""

import random
from datetime import date

import pytest

from congso.common.testing import build_world
from congso.evaluation.demo import load_demo
from congso.evaluation.models import Result, Run, Sheet
from congso.org.models import Assignment

pytestmark = pytest.mark.django_db


def test_demo_gives_a_final_2025_and_a_2026_proposal():
    world = build_world()
    Assignment.unscoped.update(start_date=date(2024, 1, 1))
    load_demo(rng=random.Random(7), log=lambda _text: None)
    assert set(Run.unscoped.filter(year=2025).values_list("state", flat=True)) == {"final"}
    assert set(Run.unscoped.filter(year=2026).values_list("state", flat=True)) == {"proposal"}
    alice = world.alice.person
    assert Sheet.unscoped.filter(person=alice, year=2025, state="final").count() == 4
    assert Sheet.unscoped.filter(person=alice, year=2026).count() == 11
    assert Sheet.unscoped.get(person=alice, year=2026, number=11).state in ("self", "head")
    result = Result.unscoped.get(person=alice, run__year=2026)
    assert result.inputs["periods_finalised"] == 10
    assert result.classification != "incomplete"
