from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from congso.cases.choices import AppealOutcome, CaseState, FreezeReason, MeasureKind
from congso.cases.models import AwardFreeze, CaseEvent, CaseTypeConfig, Exemplar
from congso.cases.rules import RuleError
from congso.cases.selectors import award_freeze_for, confirmed_violations
from congso.cases.services import (
    appeal_file,
    appeal_review,
    award_freeze_close,
    award_freeze_open,
    case_create,
    case_transition,
    measure_record,
)
from congso.cases.tests.helpers import confirmed_case, make_case, person_in
from congso.common.models import AuditEntry
from congso.common.testing import actor_of, unchanged_database

pytestmark = pytest.mark.django_db

TODAY = date(2025, 9, 10)


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        yield


def test_case_create_writes_event_audit_and_opens_award_freeze(world):
    person = person_in(world.agency_a)
    case = make_case(unit=world.agency_a, person=person)
    assert case.code.startswith("VV2025-")
    assert case.state == CaseState.RECEIVED
    assert case.due_on is not None and case.due_on > TODAY
    assert CaseEvent.objects.filter(case=case, action="create").exists()
    assert AuditEntry.objects.filter(action="cases.case_create", object_id=str(case.pk)).exists()
    reasons = award_freeze_for(person_id=person.pk, on=TODAY)
    assert [r.reason for r in reasons] == [FreezeReason.OPEN_CASE]


def test_confirmed_violation_points_at_clause_in_force_and_is_listed_for_evaluation(world):
    person = person_in(world.agency_a)
    case = confirmed_case(unit=world.agency_a, person=person)
    assert case.clause_id is not None
    assert case.culture in ("office", "public_place")
    assert case.appeal_deadline > TODAY
    found = confirmed_violations(person_id=person.pk, year=2025)
    assert [v.case_id for v in found] == [case.pk]
    assert found[0].clause_id == case.clause_id
    assert confirmed_violations(person_id=person.pk, year=2024) == []


def test_transition_outside_table_is_refused_and_nothing_changes(world):
    case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    with unchanged_database(), pytest.raises(RuleError):
        case_transition(actor=None, case=case, to=CaseState.CLOSED)
    case.refresh_from_db()
    assert case.state == CaseState.RECEIVED


def test_handler_of_other_agency_cannot_move_case(world):
    case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    with unchanged_database(), pytest.raises(RuleError):
        case_transition(actor=actor_of(world.charlie), case=case, to=CaseState.VERIFYING)


def test_confirmed_praise_becomes_exemplar(world):
    person = person_in(world.agency_a)
    case = confirmed_case(unit=world.agency_a, person=person, kind="praise")
    exemplar = Exemplar.objects.get(case=case)
    assert exemplar.person == person
    assert award_freeze_for(person_id=person.pk, on=TODAY) == []


def test_closing_a_handled_case_lifts_the_award_freeze(world):
    person = person_in(world.agency_a)
    case = confirmed_case(unit=world.agency_a, person=person)
    case_transition(actor=None, case=case, to=CaseState.HANDLING)
    case.refresh_from_db()
    assert case.processing_started_on == TODAY
    with unchanged_database(), pytest.raises(RuleError):
        case_transition(actor=None, case=case, to=CaseState.CLOSED)
    measure_record(actor=None, case=case, kind=MeasureKind.CRITICISM, note="Phê bình trước đơn vị")
    case_transition(actor=None, case=case, to=CaseState.CLOSED)
    assert award_freeze_for(person_id=person.pk, on=TODAY) == []
    assert len(confirmed_violations(person_id=person.pk, year=2025)) == 1


def test_discipline_uses_forms_of_nd172_after_july_2025(world):
    person = person_in(world.agency_a, category="cong_chuc")
    case = confirmed_case(unit=world.agency_a, person=person)
    case_transition(actor=None, case=case, to=CaseState.HANDLING)
    with unchanged_database(), pytest.raises(RuleError, match="NĐ 172/2025"):
        measure_record(
            actor=None,
            case=case,
            kind=MeasureKind.DISCIPLINE,
            discipline_form="ha_bac_luong",
            decision_number="12/QĐ-SNV",
            decision_date=date(2025, 9, 9),
        )
    measure = measure_record(
        actor=None,
        case=case,
        kind=MeasureKind.DISCIPLINE,
        discipline_form="khien_trach",
        decision_number="12/QĐ-SNV",
        decision_date=date(2025, 9, 9),
        duration_months=12,
    )
    assert measure.regime == "nd172_2025_cong_chuc"


def test_reversed_appeal_removes_violation_and_freeze(world):
    person = world.alice.person
    case = confirmed_case(unit=world.agency_a, person=person)
    appeal = appeal_file(actor=actor_of(world.alice), case=case, reason="Hôm đó tôi nghỉ phép")
    assert appeal.outcome == AppealOutcome.PENDING
    case.refresh_from_db()
    assert case.state == CaseState.APPEALED
    appeal_review(actor=None, case=case, outcome=AppealOutcome.REVERSED, note="Có đơn nghỉ phép")
    case.refresh_from_db()
    assert case.reversed and case.state == CaseState.REVIEWED
    assert confirmed_violations(person_id=person.pk, year=2025) == []
    assert award_freeze_for(person_id=person.pk, on=TODAY) == []
    assert AuditEntry.objects.filter(action="cases.finding_reverse").exists()


def test_only_the_person_concerned_may_appeal(world):
    case = confirmed_case(unit=world.agency_a, person=person_in(world.agency_a))
    with unchanged_database(), pytest.raises(RuleError):
        appeal_file(actor=actor_of(world.alice), case=case, reason="Không đúng")


def test_appeal_after_the_window_is_refused(world):
    case = confirmed_case(unit=world.agency_a, person=world.alice.person)
    with time_machine.travel("2025-12-01 09:00 +07:00", tick=False):
        with unchanged_database(), pytest.raises(RuleError, match="hết thời hạn"):
            appeal_file(actor=actor_of(world.alice), case=case, reason="Muộn")


def test_award_freeze_open_close_by_inspection_ref(world):
    person = person_in(world.agency_a)
    award_freeze_open(actor=None, person=person, reason="inspection", ref="inspections.visit:3")
    award_freeze_open(actor=None, person=person, reason="inspection", ref="inspections.visit:3")
    assert AwardFreeze.unscoped.filter(person=person, closed_at__isnull=True).count() == 1
    assert award_freeze_close(actor=None, person=person, ref="inspections.visit:3") == 1
    assert award_freeze_for(person_id=person.pk, on=TODAY) == []


def test_staff_cannot_create_case_for_others(world):
    other = person_in(world.agency_a)
    with unchanged_database(), pytest.raises(PermissionDenied):
        case_create(
            actor=actor_of(world.alice),
            unit=world.agency_a,
            source="head_record",
            summary="x",
            person=other,
        )


def test_stage_deadlines_come_from_the_case_type_and_urgent_cases_get_one_working_day(world):
    CaseTypeConfig.objects.create(source="press", verifying_days=3, appeal_window_days=4)
    urgent = case_create(
        actor=None,
        unit=world.agency_a,
        source="press",
        summary="Báo nêu",
        person=person_in(world.agency_a),
        urgent=True,
    )
    assert urgent.due_on == date(2025, 9, 11)  # Wednesday → Thursday
    case_transition(actor=None, case=urgent, to=CaseState.VERIFYING)
    assert urgent.due_on == date(2025, 9, 15)  # 3 working days: Thu, Fri, Mon
