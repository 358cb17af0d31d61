"""The directive's cap from the cases app, and results marked for review when a violation is
confirmed or reversed after a result exists."""

from __future__ import annotations

from datetime import date

import pytest

from congso.cases.choices import CaseSource, CaseState, Severity
from congso.cases.models import Notification
from congso.cases.services import case_create, case_set_finding, case_transition
from congso.cases.tests.helpers import category, publish_code
from congso.common.testing import build_world
from congso.evaluation.models import Result
from congso.evaluation.services import classify
from congso.evaluation.tests.factories import final_sheets
from congso.org.models import Assignment

pytestmark = pytest.mark.django_db


def _confirm(unit, person, occurred_on=date(2026, 4, 12)):
    publish_code(unit)
    case = case_create(
        actor=None,
        unit=unit,
        source=CaseSource.HEAD_RECORD,
        summary="Hút thuốc trong phòng họp",
        person=person,
        kind="misconduct",
        occurred_on=occurred_on,
    )
    case_set_finding(actor=None, case=case, category=category(), severity=Severity.MINOR)
    case_transition(actor=None, case=case, to=CaseState.VERIFYING)
    return case_transition(actor=None, case=case, to=CaseState.CONFIRMED)


@pytest.fixture
def world():
    w = build_world()
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    final_sheets(w.alice.person, w.agency_a, 2026, common="28", task="65")
    return w


def test_a_confirmed_culture_violation_caps_the_classification_at_htnv(world):
    _confirm(world.agency_a, world.alice.person)
    classify(actor=None, year=2026, unit=world.agency_a)
    result = Result.unscoped.get(person=world.alice.person)
    assert result.classification == "HTNV"
    assert "R9_DIRECTIVE_CAP" in [r["code"] for r in result.reasons]
    assert result.inputs["violations"][0]["kind"] == "office_culture"
    assert result.ldtt_eligible is False


def test_a_violation_confirmed_after_the_result_marks_it_for_review_and_tells_people(
    world, django_capture_on_commit_callbacks
):
    classify(actor=None, year=2026, unit=world.agency_a)
    result = Result.unscoped.get(person=world.alice.person)
    assert result.classification != "HTNV"
    with django_capture_on_commit_callbacks(execute=True):
        case = _confirm(world.agency_a, world.alice.person)
    result.refresh_from_db()
    assert result.needs_review is True
    assert result.review_proposal["classification"] == "HTNV"
    assert case.code in result.review_note
    assert Notification.objects.filter(user=world.alice, text__contains="xem xét lại").exists()
    assert Notification.objects.filter(user=world.head_a, text__contains="xem xét lại").exists()
