"""The public survey API: the form, storing once, and refusing bad input with 4xx."""

from __future__ import annotations

import json
import unicodedata
import uuid

import pytest
from django.test import Client

from congso.common.testing import login_client
from congso.org.models import OrgUnit
from congso.surveys.models import DailyRollup, MonthlyRollup, SurveyResponse
from congso.surveys.services import target_reissue_code
from congso.surveys.tests.factories import answers, rate

pytestmark = pytest.mark.django_db


def get_form(client: Client, code: str) -> dict:
    response = client.get(f"/api/v1/public/surveys/{code}")
    assert response.status_code == 200, response.content
    return response.json()


def post(client: Client, code: str, body: dict, **extra):
    return client.post(
        f"/api/v1/public/surveys/{code}/responses",
        data=json.dumps(body),
        content_type="application/json",
        **extra,
    )


def valid_body(form: dict, **fields) -> dict:
    body = {
        "client_id": str(uuid.uuid4()),
        "form_token": form["form_token"],
        "answers": {q["key"]: 4 for q in form["questions"]},
    }
    body.update(fields)
    return body


def test_form_describes_target_questions_and_scale(sw):
    form = get_form(Client(), sw.counter_a.code)
    assert form["target"] == {
        "kind": "counter",
        "name": "Quầy số 1",
        "unit": "Sở Nội vụ",
        "agency": "Sở Nội vụ",
    }
    assert [q["key"] for q in form["questions"]] == [
        "access",
        "procedure",
        "officer",
        "result",
        "feedback",
        "attitude",
        "overall",
    ]
    assert form["questions"][0]["scale"][0] == {"value": 1, "label": "Rất không hài lòng"}
    assert form["questions"][0]["scale"][4] == {"value": 5, "label": "Rất hài lòng"}
    assert form["form_token"]


def test_officer_target_names_the_officer_and_the_agency_of_the_division(sw):
    form = get_form(Client(), sw.officer_a.code)
    assert form["target"]["kind"] == "officer"
    assert form["target"]["name"] == "Phạm Thu Hà"
    assert form["target"]["unit"] == "Phòng Tổ chức"
    assert form["target"]["agency"] == "Sở Nội vụ"


def test_first_post_is_201_and_retry_is_200_with_same_body_stored_once(sw):
    client = Client()
    body = valid_body(get_form(client, sw.counter_a.code))
    first = post(client, sw.counter_a.code, body)
    again = post(client, sw.counter_a.code, body)
    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == first.json()
    assert SurveyResponse.unscoped.count() == 1
    daily = DailyRollup.unscoped.get()
    assert (daily.n, daily.c_overall_4, daily.c_access_4) == (1, 1, 1)
    assert MonthlyRollup.unscoped.get().n == 1


def test_same_form_token_cannot_be_replayed_with_a_new_client_id(sw):
    client = Client()
    form = get_form(client, sw.counter_a.code)
    assert post(client, sw.counter_a.code, valid_body(form)).status_code == 201
    replay = post(client, sw.counter_a.code, valid_body(form))
    assert replay.status_code == 409
    assert "đã được gửi" in replay.json()["detail"]
    assert SurveyResponse.unscoped.count() == 1


def test_unknown_code_is_404_in_vietnamese(sw):
    response = Client().get("/api/v1/public/surveys/khongtontai")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.json()["detail"]


def test_revoked_code_is_404_with_revoked_message_for_form_and_post(sw):
    client = Client()
    form = get_form(client, sw.counter_a.code)
    old = sw.counter_a.code
    target_reissue_code(actor=None, target=sw.counter_a)
    assert "thu hồi" in client.get(f"/api/v1/public/surveys/{old}").json()["detail"]
    response = post(client, old, valid_body(form))
    assert response.status_code == 404
    assert "thu hồi" in response.json()["detail"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answers": answers(6)}, "answers"),
        ({"answers": answers(0)}, "answers"),
        ({"answers": {"overall": 4}}, "answers"),
        ({"answers": {**answers(4), "bonus": 5}}, "answers"),
        ({"answers": answers(4, overall=2**63)}, "answers"),
        ({"answers": answers(4, overall=True)}, "answers"),
        ({"answers": answers(4, overall=4.0)}, "answers"),
        ({"client_id": "not-a-uuid"}, "client_id"),
        ({"client_id": 12}, "client_id"),
        ({"comment": "x" * 2001}, "comment"),
        ({"comment": "ab\x00cd"}, "comment"),
        ({"dossier_code": "H\x0038"}, "dossier_code"),
        ({"form_token": "forged:token:sig"}, "form_token"),
    ],
)
def test_invalid_input_is_422_and_nothing_is_stored(sw, change, field):
    client = Client()
    body = valid_body(get_form(client, sw.counter_a.code))
    body.update(change)
    response = post(client, sw.counter_a.code, body)
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert SurveyResponse.unscoped.count() == 0
    assert DailyRollup.unscoped.count() == 0


def test_unknown_field_is_422(sw):
    client = Client()
    body = valid_body(get_form(client, sw.counter_a.code), extra=1)
    assert post(client, sw.counter_a.code, body).status_code == 422


def test_wrong_content_type_is_415(sw):
    client = Client()
    body = valid_body(get_form(client, sw.counter_a.code))
    response = client.post(
        f"/api/v1/public/surveys/{sw.counter_a.code}/responses",
        data=json.dumps(body),
        content_type="text/plain",
    )
    assert response.status_code == 415
    assert "application/json" in response.json()["detail"]


def test_body_over_16_kb_is_413_before_parsing(sw):
    client = Client()
    body = valid_body(get_form(client, sw.counter_a.code), comment="a" * 17000)
    response = post(client, sw.counter_a.code, body)
    assert response.status_code == 413
    assert SurveyResponse.unscoped.count() == 0


def test_malformed_json_is_422(sw):
    response = Client().post(
        f"/api/v1/public/surveys/{sw.counter_a.code}/responses",
        data=b"{not json",
        content_type="application/json",
    )
    assert response.status_code == 422


def test_nfd_comment_is_stored_nfc(sw):
    client = Client()
    text = unicodedata.normalize("NFD", "Cán bộ hướng dẫn rất tận tình")
    body = valid_body(get_form(client, sw.counter_a.code), comment=text)
    assert post(client, sw.counter_a.code, body).status_code == 201
    stored = SurveyResponse.unscoped.get().comment
    assert stored == unicodedata.normalize("NFC", text)
    assert stored != text


def test_dossier_code_is_rated_once_per_agency(sw):
    client = Client()
    form = get_form(client, sw.counter_a.code)
    assert (
        post(client, sw.counter_a.code, valid_body(form, dossier_code="h-001")).status_code == 201
    )
    form = get_form(client, sw.counter_a.code)
    second = post(client, sw.counter_a.code, valid_body(form, dossier_code="H-001"))
    assert second.status_code == 409
    assert "Hồ sơ này đã được đánh giá" in second.json()["detail"]
    other = get_form(client, sw.counter_b.code)
    assert (
        post(client, sw.counter_b.code, valid_body(other, dossier_code="H-001")).status_code == 201
    )


def test_device_rate_limit_gives_429_in_vietnamese(sw, settings):
    settings.CONGSO_SURVEY_RATE_DEVICE = 2
    client = Client()
    client.cookies["cs_device"] = "phone-1"
    statuses = []
    for _ in range(3):
        statuses.append(
            post(
                client, sw.counter_a.code, valid_body(get_form(client, sw.counter_a.code))
            ).status_code
        )
    assert statuses == [201, 201, 429]
    last = post(client, sw.counter_a.code, valid_body(get_form(client, sw.counter_a.code)))
    assert "thử lại sau" in last.json()["detail"]
    other_phone = Client()
    other_phone.cookies["cs_device"] = "phone-2"
    body = valid_body(get_form(other_phone, sw.counter_a.code))
    assert post(other_phone, sw.counter_a.code, body).status_code == 201


def test_address_rate_limit_counts_every_device_of_one_address(sw, settings):
    settings.CONGSO_SURVEY_RATE_ADDRESS = 2
    statuses = []
    for index in range(3):
        client = Client()
        client.cookies["cs_device"] = f"phone-{index}"
        body = valid_body(get_form(client, sw.counter_a.code))
        statuses.append(post(client, sw.counter_a.code, body, REMOTE_ADDR="10.0.0.9").status_code)
    assert statuses == [201, 201, 429]


def test_acknowledged_retry_is_200_even_when_rate_limited(sw, settings):
    settings.CONGSO_SURVEY_RATE_DEVICE = 1
    client = Client()
    client.cookies["cs_device"] = "phone-1"
    body = valid_body(get_form(client, sw.counter_a.code))
    assert post(client, sw.counter_a.code, body).status_code == 201
    assert post(client, sw.counter_a.code, body).status_code == 200


def test_agencies_lists_citizen_units_with_counter_codes_in_two_queries(
    sw, django_assert_num_queries
):
    OrgUnit.unscoped.filter(pk__in=[sw.world.agency_a.pk, sw.world.agency_b.pk]).update(
        serves_citizens=True
    )
    with django_assert_num_queries(2):
        data = Client().get("/api/v1/public/agencies").json()
    by_name = {row["name"]: row for row in data}
    assert set(by_name) == {"Sở Nội vụ", "Sở Y tế"}
    assert by_name["Sở Nội vụ"]["counters"] == [
        {"id": sw.counter_a.counter_id, "name": "Quầy số 1", "survey_code": sw.counter_a.code}
    ]
    assert set(by_name["Sở Y tế"]) == {"id", "name", "code", "kind", "counters"}


def test_staff_ranking_api_lists_agencies_with_smoothed_index(sw):
    for _ in range(10):
        rate(sw.counter_a, level=5)
    for _ in range(10):
        rate(sw.counter_b, level=2)
    client = login_client(sw.world.boss)
    data = client.get(f"/api/v1/surveys/units/{sw.world.province.pk}/ranking?period=").json()
    assert data["minimum_sample"] == 10 and data["prior_weight"] == 10
    first, second = data["rows"]
    assert (first["position"], first["name"]) == (1, "Sở Nội vụ")
    assert first["index"]["sipas"] == 1.0
    assert first["index"]["smoothed"] == pytest.approx(0.75)  # (10·1 + 10·0.5) / 20
    assert second["index"]["smoothed"] == pytest.approx(0.25)


def test_staff_target_api_gives_aggregates_only(sw):
    for _ in range(4):
        rate(sw.officer_a, level=5, comment="bí mật")
    client = login_client(sw.world.head_a)
    data = client.get(f"/api/v1/surveys/targets/{sw.officer_a.pk}").json()
    assert data["index"]["n"] == 4 and data["index"]["published"] is False
    assert data["index"]["sipas"] is None
    assert "bí mật" not in json.dumps(data, ensure_ascii=False)


def test_staff_api_answers_404_in_vietnamese_for_another_agency(sw):
    client = login_client(sw.world.head_a)
    response = client.get(f"/api/v1/surveys/targets/{sw.counter_b.pk}")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Không tìm thấy")
    response = client.get(f"/api/v1/surveys/units/{sw.world.agency_b.pk}/ranking")
    assert response.status_code == 404
