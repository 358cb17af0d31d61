"""Staff API of study sessions and training: reads scoped like the pages, and the idempotent
writes an outside training system (LMS) needs."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.utils import timezone

from congso.common.models import AuditEntry
from congso.common.testing import login_client
from congso.dissemination.models import Attendance, Course, Participation
from congso.dissemination.tests.factories import make_session

pytestmark = pytest.mark.django_db

API = "/api/v1/dissemination"


def put(client, path: str, body: dict):
    return client.put(f"{API}{path}", json.dumps(body), content_type="application/json")


COURSE = {
    "title": "Bồi dưỡng kỹ năng giao tiếp công vụ",
    "start_on": "2026-03-02",
    "end_on": "2026-03-04",
    "pass_mark": 70,
}


def test_sessions_are_listed_and_read_with_attendance(world):
    session = make_session(world.agency_a)
    Attendance.objects.create(
        session=session,
        person=world.alice.person,
        unit=world.agency_a,
        method="qr",
        at=timezone.now(),
    )
    make_session(world.agency_b)
    client = login_client(world.head_a)
    listed = client.get(f"{API}/sessions").json()
    assert [s["id"] for s in listed] == [session.pk]
    assert listed[0]["present"] == 1
    detail = client.get(f"{API}/sessions/{session.pk}").json()
    assert detail["attendance"][0]["staff_code"] == world.alice.person.staff_code
    assert detail["attendance"][0]["method"] == "qr"


def test_an_lms_creates_a_course_once_and_updates_it_by_its_own_id(world):
    client = login_client(world.head_a)
    path = f"/units/{world.agency_a.pk}/courses/LMS-2026-07"
    first = put(client, path, COURSE)
    assert first.status_code == 200
    again = put(client, path, COURSE)
    assert again.json()["id"] == first.json()["id"]
    assert Course.objects.count() == 1
    assert AuditEntry.objects.filter(action__startswith="dissemination.course_").count() == 1
    changed = put(client, path, {**COURSE, "title": "Bồi dưỡng kỹ năng giao tiếp (đợt 2)"})
    assert changed.json()["title"].endswith("(đợt 2)")
    assert AuditEntry.objects.filter(action="dissemination.course_update").count() == 1


def test_a_course_with_the_end_before_the_start_is_refused(world):
    client = login_client(world.head_a)
    response = put(
        client, f"/units/{world.agency_a.pk}/courses/X1", {**COURSE, "end_on": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "Ngày kết thúc không được trước ngày bắt đầu" in response.json()["detail"]
    assert not Course.objects.exists()


def test_results_are_pushed_by_staff_code_idempotently(world):
    client = login_client(world.head_a)
    put(client, f"/units/{world.agency_a.pk}/courses/LMS-9", COURSE)
    path = f"/units/{world.agency_a.pk}/courses/LMS-9/results"
    body = {
        "results": [
            {"staff_code": world.alice.person.staff_code.lower(), "score": 80},
            {"staff_code": world.head_a.person.staff_code, "attended": True, "score": 50},
        ]
    }
    first = put(client, path, body).json()
    assert (first["created"], first["updated"], first["unchanged"]) == (2, 0, 0)
    second = put(client, path, body).json()
    assert (second["created"], second["updated"], second["unchanged"]) == (0, 0, 2)
    assert AuditEntry.objects.filter(action="dissemination.course_results").count() == 1
    passed = dict(Participation.objects.values_list("person_id", "passed"))
    assert passed == {world.alice.person_id: True, world.head_a.person_id: False}
    course = client.get(f"{API}/courses/{first['course_id']}").json()
    assert {p["score"] for p in course["participants"]} == {80, 50}
    record = client.get(f"{API}/people/{world.alice.person_id}/training").json()
    assert record["training"][0]["score"] == 80


def test_bad_results_name_their_rows_and_nothing_is_written(world):
    client = login_client(world.head_a)
    put(client, f"/units/{world.agency_a.pk}/courses/LMS-9", COURSE)
    code = world.alice.person.staff_code
    response = put(
        client,
        f"/units/{world.agency_a.pk}/courses/LMS-9/results",
        {
            "results": [
                {"staff_code": code, "score": 80},
                {"staff_code": "KHONG-CO", "score": 10},
                {"staff_code": world.charlie.person.staff_code},
                {"staff_code": code, "score": 101},
            ]
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any("Dòng 2" in e and "KHONG-CO" in e for e in errors)
    assert any("Dòng 3" in e and "không có cán bộ" in e for e in errors)  # another agency's
    assert any("Dòng 4" in e and "trùng với dòng 1" in e for e in errors)
    assert any("Dòng 4" in e and "điểm phải từ 0 đến 100" in e for e in errors)
    assert not Participation.objects.exists()


def test_another_agencys_course_ref_is_not_found_and_not_created(world):
    put(login_client(world.charlie), f"/units/{world.agency_b.pk}/courses/LMS-1", COURSE)
    client = login_client(world.head_a)
    response = put(client, f"/units/{world.agency_b.pk}/courses/LMS-1/results", {"results": []})
    assert response.status_code == 404
    # The same ref in one's own unit is another course.
    assert put(client, f"/units/{world.agency_a.pk}/courses/LMS-1", COURSE).status_code == 200
    assert Course.objects.filter(external_ref="LMS-1").count() == 2


def test_a_staff_member_cannot_push_results(world):
    put(login_client(world.head_a), f"/units/{world.agency_a.pk}/courses/LMS-9", COURSE)
    response = put(
        login_client(world.alice),
        f"/units/{world.agency_a.pk}/courses/LMS-9/results",
        {"results": [{"staff_code": world.alice.person.staff_code, "score": 100}]},
    )
    assert response.status_code == 404
    assert not Participation.objects.exists()


def test_the_training_record_of_someone_out_of_reach_is_404(world):
    client = login_client(world.head_a)
    assert client.get(f"{API}/people/{world.charlie.person_id}/training").status_code == 404
    assert client.get(f"{API}/people/{world.alice.person_id}/training").status_code == 200


def test_course_list_is_scoped(world):
    Course.objects.create(
        unit=world.agency_b, title="Lớp Sở Y tế", start_on=date(2026, 1, 5), end_on=date(2026, 1, 6)
    )
    mine = Course.objects.create(
        unit=world.agency_a,
        title="Lớp Sở Nội vụ",
        start_on=date(2026, 1, 5),
        end_on=date(2026, 1, 6),
    )
    listed = login_client(world.head_a).get(f"{API}/courses").json()
    assert [c["id"] for c in listed] == [mine.pk]
