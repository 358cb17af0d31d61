"""NĐ 90/48 leaders are judged on the unit they lead with figures read from the database
(finalised sheets of the unit's people), not by the staff test."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.common.testing import build_world, make_person
from congso.evaluation import gather as gathering
from congso.evaluation import leaders
from congso.evaluation.models import Result
from congso.evaluation.services import classify
from congso.evaluation.tests.factories import final_sheets
from congso.org.models import Assignment, Person
from congso.policy.facts import CaseFacts, LeaderUnit
from congso.policy.switches import Assumptions

YEAR = 2025  # NĐ 90/48 for everyone


def _facts(on_time=None, exceeded=None, failed=None, common=None, task=None):
    def d(v):
        return None if v is None else Decimal(v)

    return CaseFacts(
        year=2026,
        category="can_bo",
        is_leader=False,
        months_worked=Decimal(12),
        months_absent=Decimal(0),
        tasks_on_time_share=d(on_time),
        tasks_exceeded_share=d(exceeded),
        criteria_failed_share=d(failed),
        common_points=d(common),
        task_points=d(task),
    )


def test_unit_figures_are_the_members_shares_and_levels():
    members = [
        _facts("1", "0.5", "0"),  # HTXSNV by R4
        _facts("0.8", "0", "0.3"),  # KHTNV by R4 and A3
        _facts(common="25", task="50"),  # 75 points: HTTNV by R2 (no shares)
    ]
    figures = leaders.unit_figures(members, Assumptions())
    assert figures == LeaderUnit(
        completed_share=Decimal("0.85"),
        on_time_share=Decimal("0.9"),
        exceeded_share=Decimal("0.25"),
        subordinates_htnv_plus_share=Decimal("0.6667"),
        subordinates_httnv_plus_share=Decimal("0.6667"),
    )


def test_no_member_with_figures_gives_no_unit_figures():
    assert leaders.unit_figures([_facts()], Assumptions()) is None


@pytest.fixture
def world():
    w = build_world()
    Assignment.unscoped.update(start_date=date(YEAR - 1, 1, 1))
    return w


def _unit_of_two(world, bob_shares):
    head = world.head_a.person
    final_sheets(head, world.agency_a, YEAR, shares=("1", "0.6", "0"))
    final_sheets(world.alice.person, world.agency_a, YEAR, shares=("1", "0.5", "0"))
    bob = make_person(world.division_a, full_name="Phạm Văn Bình")
    Assignment.unscoped.filter(person=bob).update(start_date=date(YEAR - 1, 1, 1))
    final_sheets(bob, world.division_a, YEAR, shares=bob_shares)
    deputy = make_person(world.agency_a, full_name="Đỗ Thị Hạnh", is_leader=True)
    Assignment.unscoped.filter(person=deputy).update(start_date=date(YEAR - 1, 1, 1))
    final_sheets(deputy, world.agency_a, YEAR, shares=("0.5", "0", "0.5"))  # not a member
    return head


@pytest.mark.django_db
def test_leader_of_a_good_unit_is_rated_by_the_leaders_clause_with_its_figures(world):
    head = _unit_of_two(world, ("1", "0.6", "0"))
    classify(actor=None, year=YEAR, unit=world.agency_a)
    result = Result.unscoped.get(person=head)
    codes = [r["code"] for r in result.reasons]
    assert "R5_HTXSNV" in codes and "R4_HTXSNV" not in codes
    assert result.inputs["unit_completed_share"] == "1.0000"
    assert result.inputs["unit_exceeded_share"] == "0.5500"
    assert result.inputs["unit_subordinates_httnv_plus_share"] == "1.0000"


@pytest.mark.django_db
def test_leader_of_a_unit_with_a_failing_member_is_not_rated_by_own_tasks_alone(world):
    head = _unit_of_two(world, ("0.8", "0", "0.3"))
    classify(actor=None, year=YEAR, unit=world.agency_a)
    result = Result.unscoped.get(person=head)
    # Own tasks alone (the staff test) would give HTXSNV; the unit completed 85 % and half of
    # its people reach HTNV (< 70 %): R5 gives KHTNV.
    assert result.proposed == "KHTNV"
    assert "R5_KHTNV" in [r["code"] for r in result.reasons]
    assert result.inputs["unit_completed_share"] == "0.8500"
    assert result.inputs["unit_subordinates_htnv_plus_share"] == "0.5000"
    alice = Result.unscoped.get(person=world.alice.person)
    assert "unit_completed_share" not in alice.inputs  # not a leader


@pytest.mark.django_db
def test_gathering_the_leader_alone_reads_the_same_unit_figures(world):
    head = _unit_of_two(world, ("0.8", "0", "0.3"))
    everyone = {x.person_id: x for x in gathering.gather(year=YEAR, unit=world.agency_a)}
    alone = gathering.gather(year=YEAR, unit=world.agency_a, person_ids=[head.pk])
    assert alone[0].facts.unit == everyone[head.pk].facts.unit is not None


@pytest.mark.django_db
def test_the_unit_figures_cost_no_query(world):
    _unit_of_two(world, ("1", "0.6", "0"))
    with CaptureQueriesContext(connection) as with_leader:
        gathering.gather(year=YEAR, unit=world.agency_a)
    Person.unscoped.update(is_leader=False)
    with CaptureQueriesContext(connection) as without:
        gathering.gather(year=YEAR, unit=world.agency_a)
    assert len(with_leader) == len(without)
