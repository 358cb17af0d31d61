"""The read-only bulk selectors the emulation app uses: published or final runs only."""

import pytest

from congso.common.testing import actor_of, build_world, make_person
from congso.evaluation import selectors
from congso.evaluation.models import Result, Run

pytestmark = pytest.mark.django_db


def _result(unit, person, state):
    run = Run.unscoped.create(unit=unit, year=2025, state=state)
    return Result.unscoped.create(
        unit=unit,
        run=run,
        person=person,
        category="cong_chuc",
        proposed="HTTNV",
        classification="HTTNV",
        rule_set="nd90_2020",
    )


def test_published_results_hide_proposals_and_other_agencies():
    world = build_world()
    shown = _result(world.agency_a, make_person(world.agency_a, full_name="A Một"), "final")
    _result(world.division_a, make_person(world.division_a, full_name="A Hai"), "proposal")
    _result(world.agency_b, make_person(world.agency_b, full_name="B Một"), "final")
    actor = actor_of(world.head_a)
    rows = list(selectors.published_results(actor=actor, unit=world.province, years=[2025]))
    assert rows == [shown]
    runs = list(selectors.published_runs(actor=actor, unit=world.province, year=2025))
    assert [r.pk for r in runs] == [shown.run_id]
