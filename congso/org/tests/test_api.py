"""Staff org API: units and people, paged and searched, scoped to the caller's reach."""

from __future__ import annotations

from datetime import date

import pytest

from congso.accounts.services import api_token_create
from congso.common.api import NOT_FOUND
from congso.common.testing import actor_of, login_client, make_person
from congso.org.models import Person
from congso.org.services import person_transfer

pytestmark = pytest.mark.django_db

API = "/api/v1/org"


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    return response.status_code, response.json()


def test_unit_list_is_paged_searched_and_scoped(world):
    client = login_client(world.head_a)
    status, body = get(client, "/units")
    assert status == 200
    assert {u["name"] for u in body["items"]} == {"Sở Nội vụ", "Phòng Tổ chức"}
    assert body["count"] == 2 and body["page"] == 1
    status, body = get(login_client(world.boss), "/units", q="so y te", page_size=1)
    assert [u["name"] for u in body["items"]] == ["Sở Y tế"] and body["count"] == 1
    status, body = get(login_client(world.boss), "/units", page=2, page_size=3)
    assert body["count"] == 4 and len(body["items"]) == 1


def test_unit_get_and_children_carry_subtree_head_counts(world):
    make_person(world.division_a, full_name="Phạm Thị Lan")
    client = login_client(world.boss)
    status, unit = get(client, f"/units/{world.agency_a.pk}")
    assert status == 200
    assert unit["short_name"] == "SNV" and unit["head_count"] == 3
    status, children = get(client, f"/units/{world.province.pk}/children")
    assert {(c["name"], c["head_count"]) for c in children} == {("Sở Nội vụ", 3), ("Sở Y tế", 1)}


def test_people_list_searches_without_diacritics_and_filters(world):
    make_person(world.division_a, full_name="Nguyễn Văn A", category="vien_chuc")
    client = login_client(world.head_a)
    status, body = get(client, "/people", q="NGUYEN VAN A")
    assert status == 200 and [p["full_name"] for p in body["items"]] == ["Nguyễn Văn A"]
    status, body = get(client, "/people", unit=world.division_a.pk)
    assert [p["full_name"] for p in body["items"]] == ["Nguyễn Văn A"]
    status, body = get(client, "/people", category="vien_chuc")
    assert body["count"] == 1 and body["items"][0]["unit_name"] == "Phòng Tổ chức"
    status, body = get(client, "/people")
    assert [p["full_name"] for p in body["items"]] == [
        "Nguyễn Văn A",
        "Trần Văn Bình",
        "Nguyễn Thị Hoa",
    ]


def test_people_list_refuses_bad_input_in_vietnamese(world):
    client = login_client(world.head_a)
    status, body = get(client, "/people", page_size=1000)
    assert status == 400 and body["detail"] == "Số dòng mỗi trang phải từ 1 đến 200."
    status, body = get(client, "/units", page=0)
    assert status == 400 and body["detail"] == "Số trang phải từ 1 trở lên."
    status, body = get(client, "/people", unit=world.agency_b.pk)
    assert status == 404 and body["detail"] == NOT_FOUND


def test_person_get_includes_the_assignment_history(world):
    person = Person.objects.get(pk=world.alice.person_id)
    person_transfer(actor=None, person=person, to_unit=world.division_a, on=date(2025, 9, 1))
    status, body = get(login_client(world.head_a), f"/people/{person.pk}")
    assert status == 200
    assert body["unit_name"] == "Phòng Tổ chức"
    assert [a["unit_name"] for a in body["assignments"]] == ["Phòng Tổ chức", "Sở Nội vụ"]
    assert body["assignments"][0]["end_date"] is None


def test_staff_member_reads_own_record_only(world):
    client = login_client(world.alice)
    assert get(client, f"/people/{world.alice.person_id}")[0] == 200
    status, body = get(client, f"/people/{world.head_a.person_id}")
    assert status == 404 and body["detail"] == NOT_FOUND
    status, body = get(client, "/people")
    assert [p["full_name"] for p in body["items"]] == ["Nguyễn Thị Hoa"]


def test_other_agency_rows_are_404_with_a_token(world):
    _, raw = api_token_create(actor=actor_of(world.head_a), user=world.head_a, name="thử")
    client = login_client(world.head_a)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    for path in [
        f"/units/{world.agency_b.pk}",
        f"/units/{world.agency_b.pk}/children",
        f"/people/{world.charlie.person_id}",
    ]:
        assert client.get(f"{API}{path}").status_code == 404, path
    _status, body = get(client, "/people")
    assert "Lê Văn Cường" not in {p["full_name"] for p in body["items"]}


def test_anonymous_caller_is_refused(world):
    from django.test import Client

    assert Client().get(f"{API}/units").status_code == 401


def test_people_list_query_count_is_fixed(world):
    client = login_client(world.boss)
    client.get(f"{API}/people")
    for i in range(30):
        make_person(world.agency_b, full_name=f"Lê Văn Người{i:02d}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(f"{API}/people", {"page_size": 5})
    with CaptureQueriesContext(connection) as many:
        client.get(f"{API}/people", {"page_size": 30})
    assert len(few.captured_queries) == len(many.captured_queries)
