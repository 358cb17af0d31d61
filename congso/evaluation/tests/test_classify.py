"""The annual classification run: inputs from the database, decisions through policy/."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from congso.common.testing import build_world, make_person
from congso.evaluation.models import LeaveRecord, Result, Run
from congso.evaluation.rules import EvaluationError
from congso.evaluation.services import classify
from congso.evaluation.tests.factories import final_sheets
from congso.org.models import Assignment

pytestmark = pytest.mark.django_db


def _year_start(person, year=2026):
    Assignment.unscoped.filter(person=person).update(start_date=date(year - 1, 1, 1))


def test_classify_stores_result_with_reasons_rule_set_and_inputs():
    world = build_world()
    alice = world.alice.person
    _year_start(alice)
    final_sheets(alice, world.agency_a, 2026, common="28", task="64")
    classify(actor=None, year=2026, unit=world.agency_a)
    result = Result.unscoped.get(person=alice)
    assert result.proposed == "HTXSNV"
    # Alone in her group: floor((0 + 1) / 6) = 0, the quota refuses her HTXSNV (R10).
    assert result.classification == "HTTNV"
    assert result.reasons[-1]["code"] == "R10_REFUSED"
    assert result.rule_set == "nd335_2025"
    assert result.inputs["common_points"] == "28.00"
    assert result.inputs["months_worked"] == "12.0"
    assert any(r["code"].startswith("R2_BAND") for r in result.reasons)
    assert all(r["basis"] for r in result.reasons)
    run = Run.unscoped.get(unit=world.agency_a, year=2026)
    assert run.rule_sets == ["nd335_2025"]


def test_person_without_finalised_sheet_is_incomplete_not_guessed():
    world = build_world()
    _year_start(world.alice.person)
    classify(actor=None, year=2026, unit=world.agency_a)
    result = Result.unscoped.get(person=world.alice.person)
    assert result.classification == "incomplete"
    assert result.reasons[0]["code"] == "INPUT_MISSING"


def test_classify_a_year_without_rule_set_is_refused_and_writes_nothing():
    world = build_world()
    with pytest.raises(EvaluationError, match="chưa có bộ quy tắc"):
        classify(actor=None, year=2019, unit=world.agency_a)
    assert not Run.unscoped.exists()


def test_maternity_leave_counts_months_absent_without_ceiling():
    world = build_world()
    alice = world.alice.person
    _year_start(alice)
    final_sheets(alice, world.agency_a, 2026, common="28", task="64")
    LeaveRecord.unscoped.create(
        unit=world.agency_a,
        person=alice,
        kind="maternity",
        start=date(2026, 3, 1),
        end=date(2026, 6, 30),
    )
    classify(actor=None, year=2026, unit=world.agency_a)
    result = Result.unscoped.get(person=alice)
    assert result.inputs["maternity"] is True
    assert result.inputs["months_absent"] == "4.0"
    assert result.proposed == "HTXSNV"


def test_quota_keeps_best_points_and_lists_ties():
    world = build_world()
    people = [make_person(world.agency_a, full_name=f"Người {i}") for i in range(6)]
    for i, person in enumerate(people):
        _year_start(person)
        final_sheets(person, world.agency_a, 2026, common="28", task="65" if i < 2 else "50")
    classify(actor=None, year=2026, unit=world.agency_a)
    run = Run.unscoped.get(unit=world.agency_a)
    group = run.quota[0]
    # 2 candidates (93 points), 4 HTTNV (78): floor((4 + 2) / 6) = 1 keeps HTXSNV.
    assert group["allowed"] == 1
    assert len(group["ties"]) == 2
    levels = sorted(Result.unscoped.filter(run=run).values_list("classification", flat=True))
    assert levels.count("HTXSNV") == 1


def test_dry_run_writes_nothing_and_the_command_prints_counts(capsys):
    world = build_world()
    _year_start(world.alice.person)
    final_sheets(world.alice.person, world.agency_a, 2026)
    world.agency_a.code = "000.00.12.H38"
    world.agency_a.save()
    call_command("classify", "--year", "2026", "--unit", "000.00.12.H38", "--dry-run")
    assert not Result.unscoped.exists()
    assert '"dry_run": true' in capsys.readouterr().out
