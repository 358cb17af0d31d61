"""Staff API of inspections."""

from __future__ import annotations

import pytest

from congso.common.testing import login_client
from congso.inspections import services
from congso.inspections.tests.factories import approved_plan, inspector_user, started_visit

pytestmark = pytest.mark.django_db


def test_visit_detail_lists_checklist_and_findings(world):
    visit = started_visit(world)
    services.finding_record(actor=None, visit=visit, kind="unit", description="Tồn tại")
    body = login_client(inspector_user(world)).get(f"/api/v1/inspections/visits/{visit.pk}").json()
    assert len(body["items"]) == visit.items.count()
    assert body["findings"][0]["kind"] == "unit"


def test_other_agency_visit_is_404_in_vietnamese(world):
    visit = started_visit(world, world.agency_b)
    response = login_client(world.head_a).get(f"/api/v1/inspections/visits/{visit.pk}")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.json()["detail"]


def test_plans_visits_tasks_scores_lists(world):
    plan = approved_plan(world)
    visit = started_visit(world)
    finding = services.finding_record(actor=None, visit=visit, kind="unit", description="x")
    services.task_create(
        actor=None, finding=finding, title="Khắc phục", owner=world.alice.person, working_days=3
    )
    for item in visit.items.all():
        services.item_assess(actor=None, item=item, result="compliant")
    services.visit_finish(actor=None, visit=visit, conclusion="Tốt")
    client = login_client(inspector_user(world))
    assert [p["id"] for p in client.get("/api/v1/inspections/plans?year=2025").json()] == [plan.pk]
    assert client.get(f"/api/v1/inspections/plans/{plan.pk}").status_code == 200
    assert len(client.get("/api/v1/inspections/visits?year=2025").json()) == 1
    tasks = client.get("/api/v1/inspections/tasks").json()
    assert tasks[0]["overdue"] is False
    scores = client.get("/api/v1/inspections/scores?year=2025").json()
    assert scores[0]["score"] == 100.0
