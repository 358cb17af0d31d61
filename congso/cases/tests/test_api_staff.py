"""Staff case API: list with filters and paging, detail, transitions, assignment."""

import json

import pytest
import time_machine

from congso.accounts.services import api_token_create
from congso.cases.choices import CaseState
from congso.cases.services import ReportInput, report_accept, report_submit
from congso.cases.tests.helpers import make_case, person_in
from congso.common.permissions import Role
from congso.common.scoping import ANONYMOUS
from congso.common.testing import actor_of, login_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def handler(world):
    return make_user("xuly_api", roles=[(Role.CASE_HANDLER, world.agency_a)])


def bearer(user):
    from django.test import Client

    _, raw = api_token_create(actor=actor_of(user), user=user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_list_is_scoped_paged_and_filtered(world, handler):
    for index in range(3):
        make_case(unit=world.agency_a, person=person_in(world.agency_a, name=f"Người {index}"))
    make_case(unit=world.agency_b, person=person_in(world.agency_b))
    client = bearer(handler)
    data = client.get("/api/v1/cases/?size=20").json()
    assert data["count"] == 3 and len(data["results"]) == 3
    assert {row["unit"] for row in data["results"]} == {"Sở Nội vụ"}
    assert client.get("/api/v1/cases/?state=closed").json()["count"] == 0
    assert client.get("/api/v1/cases/?state=all").json()["count"] == 3


def test_transition_through_the_api_and_its_refusals(world, handler):
    case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    client = bearer(handler)
    url = f"/api/v1/cases/{case.pk}/transitions"
    ok = client.post(
        url,
        data=json.dumps({"to": "verifying", "note": "Bắt đầu"}),
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["state"] == CaseState.VERIFYING
    assert [e["to_state"] for e in ok.json()["events"]] == ["received", "verifying"]
    bad = client.post(url, data=json.dumps({"to": "closed"}), content_type="application/json")
    assert bad.status_code == 422 and "Không thể chuyển" in bad.json()["detail"]
    forbidden = client.post(
        url, data=json.dumps({"to": "dismissed", "note": "x"}), content_type="application/json"
    )
    assert forbidden.status_code == 403  # a handler does not decide


def test_assign_needs_decide_capability_and_a_handler_of_the_unit(world, handler):
    case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    url = f"/api/v1/cases/{case.pk}/assign"
    body = json.dumps({"handler_id": handler.pk})
    assert bearer(handler).post(url, data=body, content_type="application/json").status_code == 403
    head = login_client(world.head_a)
    answer = head.post(url, data=body, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["handler"] == "xuly_api"
    outsider = json.dumps({"handler_id": world.charlie.pk})
    refused = head.post(url, data=outsider, content_type="application/json")
    assert refused.status_code == 422


def test_detail_shows_pseudonym_not_reporter(world, handler):
    report, _receipt, _created = report_submit(
        actor=ANONYMOUS,
        data=ReportInput(
            kind="misconduct",
            agency_id=world.agency_a.pk,
            description="Sách nhiễu",
            contact_name="Đinh Văn Kín",
        ),
    )
    case = report_accept(actor=actor_of(handler), report=report)
    data = bearer(handler).get(f"/api/v1/cases/{case.pk}").json()
    assert data["reporter"] == f"Người phản ánh #{report.pseudonym}"
    assert "Đinh Văn Kín" not in json.dumps(data, ensure_ascii=False)
