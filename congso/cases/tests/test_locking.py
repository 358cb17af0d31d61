"""Every cases service that changes a case takes it through `case_lock`: the row is re-read
under a lock and its state is checked on that row, so a stale in-memory object (here, a copy
read before another request moved the case) cannot slip past the check, and nothing is
written when the service refuses."""

from datetime import date
from unittest import mock

import pytest
import time_machine

from congso.cases.choices import AppealOutcome, CaseState, MeasureKind, Severity
from congso.cases.models import Case, CaseEvent, Measure
from congso.cases.rules import RuleError
from congso.cases.services import (
    appeal_file,
    appeal_review,
    case_assign,
    case_set_finding,
    case_transition,
    handling,
    measure_record,
    processing_extend,
    workflow,
)
from congso.cases.services import base as services_base
from congso.cases.tests.helpers import confirmed_case, make_case, person_in
from congso.common.models import AuditEntry
from congso.common.testing import actor_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        yield


def _stale(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def _moved_elsewhere(case: Case, **fields) -> None:
    """What another request did meanwhile (the stale copy does not know)."""
    Case.objects.filter(pk=case.pk).update(**fields)


def _footprint(case: Case) -> tuple:
    row = Case.objects.filter(pk=case.pk).values().get()
    return (
        row,
        CaseEvent.objects.filter(case_id=case.pk).count(),
        Measure.objects.filter(case_id=case.pk).count(),
        AuditEntry.objects.count(),
    )


def test_case_set_finding_checks_the_state_of_the_locked_row(world):
    case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    stale = _stale(case)  # received: a finding may be recorded
    _moved_elsewhere(case, state=CaseState.DISMISSED)
    before = _footprint(case)
    with pytest.raises(RuleError, match="đang tiếp nhận hoặc xác minh"):
        case_set_finding(actor=None, case=stale, severity=Severity.SERIOUS)
    assert _footprint(case) == before


def test_measure_record_checks_the_state_of_the_locked_row(world):
    case = confirmed_case(unit=world.agency_a, person=person_in(world.agency_a))
    case_transition(actor=None, case=case, to=CaseState.HANDLING)
    stale = _stale(case)
    _moved_elsewhere(case, state=CaseState.CLOSED)
    before = _footprint(case)
    with pytest.raises(RuleError, match="đang xử lý"):
        measure_record(actor=None, case=stale, kind=MeasureKind.CRITICISM, note="Phê bình")
    assert _footprint(case) == before


def test_processing_extend_checks_the_locked_row(world):
    case = confirmed_case(unit=world.agency_a, person=person_in(world.agency_a))
    case_transition(actor=None, case=case, to=CaseState.HANDLING)
    stale = _stale(case)
    _moved_elsewhere(case, processing_extended=True)
    before = _footprint(case)
    with pytest.raises(RuleError, match="đã được gia hạn"):
        processing_extend(actor=None, case=stale, reason="Cần thêm thời gian xác minh")
    assert _footprint(case) == before


def test_case_transition_checks_the_state_of_the_locked_row(world):
    case = confirmed_case(unit=world.agency_a, person=person_in(world.agency_a))
    stale = _stale(case)  # confirmed: may move to handling
    _moved_elsewhere(case, state=CaseState.CLOSED)
    before = _footprint(case)
    with pytest.raises(RuleError):
        case_transition(actor=None, case=stale, to=CaseState.HANDLING)
    assert _footprint(case) == before


def test_appeal_file_checks_the_state_of_the_locked_row(world):
    case = confirmed_case(unit=world.agency_a, person=world.alice.person)
    stale = _stale(case)  # confirmed, inside the appeal window
    _moved_elsewhere(case, state=CaseState.APPEALED)  # appealed meanwhile (another tab)
    before = _footprint(case)
    with pytest.raises(RuleError):
        appeal_file(actor=actor_of(world.alice), case=stale, reason="Hôm đó tôi nghỉ phép")
    assert _footprint(case) == before


def test_appeal_review_checks_the_appeals_of_the_locked_row(world):
    case = confirmed_case(unit=world.agency_a, person=world.alice.person)
    appeal_file(actor=actor_of(world.alice), case=case, reason="Hôm đó tôi nghỉ phép")
    stale = _stale(case)  # appealed, one appeal pending
    appeal_review(actor=None, case=case, outcome=AppealOutcome.UPHELD, note="Giữ nguyên")
    before = _footprint(case)
    with pytest.raises(RuleError):
        appeal_review(actor=None, case=stale, outcome=AppealOutcome.REVERSED, note="Hủy")
    assert _footprint(case) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda case, world: case_assign(actor=None, case=case, handler=None),
        lambda case, world: case_set_finding(actor=None, case=case, severity=Severity.MINOR),
        lambda case, world: case_transition(actor=None, case=case, to=CaseState.VERIFYING),
    ],
    ids=["case_assign", "case_set_finding", "case_transition"],
)
def test_services_that_change_a_case_take_it_through_case_lock(world, change):
    case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    with (
        mock.patch.object(workflow, "case_lock", wraps=services_base.case_lock) as w,
        mock.patch.object(handling, "case_lock", wraps=services_base.case_lock) as h,
    ):
        change(case, world)
    assert w.call_count + h.call_count == 1


def test_handling_services_take_the_case_through_case_lock(world):
    case = confirmed_case(unit=world.agency_a, person=person_in(world.agency_a))
    case_transition(actor=None, case=case, to=CaseState.HANDLING)
    with mock.patch.object(handling, "case_lock", wraps=services_base.case_lock) as spy:
        measure_record(actor=None, case=case, kind=MeasureKind.CRITICISM, note="Phê bình")
        processing_extend(actor=None, case=case, reason="Cần thêm thời gian")
    assert spy.call_count == 2
    assert date(2025, 9, 10) == Case.objects.get(pk=case.pk).processing_started_on
