"""Inspection services: plans, visits, checklist, findings → cases, remediation, freezes."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from congso.cases.models import AwardFreeze, Case
from congso.common.models import AuditEntry
from congso.common.testing import unchanged_database
from congso.conduct.models import ViolationCategory
from congso.inspections import services
from congso.inspections.models import Finding, ItemResult, VisitStatus
from congso.inspections.tests.factories import (
    VISIT_DAY,
    actor_of,
    approved_plan,
    code_in_force,
    inspector_user,
    started_visit,
)

pytestmark = pytest.mark.django_db


def _assess_all(visit, result=ItemResult.COMPLIANT):
    for item in visit.items.all():
        services.item_assess(actor=None, item=item, result=result, note="ghi chú")


def test_plan_is_stored_once_for_a_repeated_submission(world):
    first = approved_plan(world)
    again = services.plan_create(
        actor=None, unit=world.province, year=2025, title=first.title, targets=[world.agency_a]
    )
    assert again.pk == first.pk
    assert set(first.targets.values_list("pk", flat=True)) == {world.agency_a.pk, world.agency_b.pk}


def test_plan_needs_title_year_and_targets(world):
    with unchanged_database(), pytest.raises(ValidationError) as caught:
        services.plan_create(actor=None, unit=world.province, year=1990, title=" ", targets=[])
    assert set(caught.value.message_dict) == {"title", "year", "targets"}


def test_unit_head_cannot_plan_inspections(world):
    with unchanged_database(), pytest.raises(PermissionDenied):
        services.plan_create(
            actor=actor_of(world.head_a),
            unit=world.agency_a,
            year=2025,
            title="Kế hoạch",
            targets=[world.agency_a],
        )


@pytest.mark.parametrize(
    ("status_approved", "year", "target_name", "field"),
    [
        (False, 2025, "agency_a", "plan"),  # plan still a draft
        (True, 2026, "agency_a", "visit_on"),  # visit outside the plan's year
        (True, 2025, "division_a", "plan"),  # unit not in the plan
    ],
)
def test_scheduled_visit_must_fit_its_plan(world, status_approved, year, target_name, field):
    plan = services.plan_create(
        actor=None, unit=world.province, year=2025, title="KH", targets=[world.agency_a]
    )
    if status_approved:
        services.plan_advance(actor=None, plan=plan)
    with unchanged_database(), pytest.raises(ValidationError) as caught:
        services.visit_schedule(
            actor=None,
            target=getattr(world, target_name),
            visit_on=date(year, 5, 5),
            kind="scheduled",
            inspecting_unit=world.province,
            plan=plan,
        )
    assert field in caught.value.message_dict


def test_checklist_has_one_item_per_clause_of_the_code_in_force_on_the_visit_day(world):
    visit = started_visit(world)
    assert visit.status == VisitStatus.IN_PROGRESS
    assert visit.version.unit_id == world.agency_a.pk
    assert visit.items.count() == visit.version.clauses.count()


def test_division_visit_uses_its_agency_code(world):
    code_in_force(world.agency_a)
    visit = services.visit_schedule(
        actor=None,
        target=world.division_a,
        visit_on=VISIT_DAY,
        kind="surprise",
        inspecting_unit=world.province,
    )
    visit = services.visit_start(actor=None, visit=visit)
    assert visit.version.unit_id == world.agency_a.pk and visit.items.exists()


def test_visit_without_code_in_force_starts_with_empty_checklist(world):
    visit = services.visit_schedule(
        actor=None,
        target=world.agency_b,
        visit_on=VISIT_DAY,
        kind="surprise",
        inspecting_unit=world.province,
    )
    visit = services.visit_start(actor=None, visit=visit)
    assert visit.version is None and not visit.items.exists()


def test_non_compliant_item_needs_a_note(world):
    item = started_visit(world).items.first()
    with unchanged_database(), pytest.raises(ValidationError):
        services.item_assess(actor=None, item=item, result=ItemResult.NON_COMPLIANT, note="")
    with unchanged_database(), pytest.raises(ValidationError):
        services.item_assess(actor=None, item=item, result="", note="x")


def test_visit_cannot_finish_with_pending_items_or_without_conclusion(world):
    visit = started_visit(world)
    with unchanged_database(), pytest.raises(ValidationError) as caught:
        services.visit_finish(actor=None, visit=visit, conclusion="Kết luận")
    assert "chưa đánh giá" in str(caught.value)
    _assess_all(visit)
    with unchanged_database(), pytest.raises(ValidationError):
        services.visit_finish(actor=None, visit=visit, conclusion="  ")
    visit = services.visit_finish(actor=None, visit=visit, conclusion="Đơn vị thực hiện tốt.")
    assert visit.status == VisitStatus.DONE
    with unchanged_database(), pytest.raises(ValidationError):
        services.visit_start(actor=None, visit=visit)


def test_person_finding_opens_a_case_and_pauses_awards_until_the_visit_ends(world):
    visit = started_visit(world)
    alice = world.alice.person
    inspector = actor_of(inspector_user(world))
    category = ViolationCategory.objects.get(code="smoking")
    finding = services.finding_record(
        actor=inspector,
        visit=visit,
        kind="person",
        description="Hút thuốc trong phòng làm việc.",
        person=alice,
        category=category,
    )
    case = Case.objects.get(pk=finding.case_id)
    assert case.source == "inspection" and case.person_id == alice.pk
    assert case.origin_ref == f"inspections.visit:{visit.pk}"
    ref = f"inspections.visit:{visit.pk}"
    assert AwardFreeze.objects.filter(person=alice, ref=ref, closed_at__isnull=True).exists()
    assert services.finding_to_case(actor=inspector, finding=finding).case_id == case.pk
    assert Case.objects.count() == 1
    _assess_all(visit)
    services.visit_finish(actor=inspector, visit=visit, conclusion="Có 01 cá nhân vi phạm.")
    assert not AwardFreeze.objects.filter(person=alice, ref=ref, closed_at__isnull=True).exists()


def test_person_finding_needs_a_person_of_the_target_and_a_category(world):
    visit = started_visit(world)
    with unchanged_database(), pytest.raises(ValidationError):
        services.finding_record(
            actor=None,
            visit=visit,
            kind="person",
            description="x",
            person=world.charlie.person,
            category=ViolationCategory.objects.first(),
        )
    with unchanged_database(), pytest.raises(ValidationError):
        services.finding_record(
            actor=None, visit=visit, kind="person", description="x", person=world.alice.person
        )
    assert not Finding.objects.exists()


def test_subjects_of_a_started_visit_carry_the_freeze(world):
    code_in_force(world.agency_a)
    visit = services.visit_schedule(
        actor=None,
        target=world.agency_a,
        visit_on=VISIT_DAY,
        kind="surprise",
        inspecting_unit=world.province,
        subjects=[world.alice.person],
    )
    assert not AwardFreeze.objects.exists()  # a planned visit is not announced yet
    services.visit_start(actor=None, visit=visit)
    assert AwardFreeze.objects.filter(person=world.alice.person, reason="inspection").count() == 1


def test_unit_finding_gets_a_task_due_in_working_days(world, time_machine):
    time_machine.move_to(date(2025, 12, 31))  # Wednesday; 01/01/2026 is a holiday
    visit = started_visit(world)
    finding = services.finding_record(
        actor=None, visit=visit, kind="unit", description="Chưa treo biển tên phòng làm việc."
    )
    task = services.task_create(
        actor=None,
        finding=finding,
        title="Treo biển tên",
        owner=world.head_a.person,
        working_days=2,
    )
    assert task.due_on == date(2026, 1, 6)  # 01/01 and 02/01 off: Mon 05/01, Tue 06/01
    with unchanged_database(), pytest.raises(ValidationError):
        services.task_create(
            actor=None, finding=finding, title="x", owner=world.head_a.person, working_days=0
        )


def test_task_owner_completes_the_task_once_and_others_cannot(world):
    visit = started_visit(world)
    finding = services.finding_record(actor=None, visit=visit, kind="unit", description="Tồn tại")
    task = services.task_create(
        actor=None, finding=finding, title="Khắc phục", owner=world.alice.person, working_days=5
    )
    with unchanged_database(), pytest.raises(PermissionDenied):
        services.task_complete(actor=actor_of(world.charlie), task=task, note="xong")
    with unchanged_database(), pytest.raises(ValidationError):
        services.task_complete(actor=actor_of(world.alice), task=task, note=" ")
    done = services.task_complete(actor=actor_of(world.alice), task=task, note="Đã treo biển.")
    assert done.status == "done"
    services.task_complete(actor=actor_of(world.alice), task=task, note="lần hai")
    assert AuditEntry.objects.filter(action="inspections.task_complete").count() == 1
