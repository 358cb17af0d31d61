"""Staff API of codes of conduct."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from congso.common.testing import actor_of, login_client
from congso.conduct import services
from congso.conduct.models import CodeVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def code(world):
    head = actor_of(world.head_a)
    code = services.code_create_from_template(actor=head, unit=world.agency_a)
    day = timezone.localdate() - timedelta(days=3)
    services.version_publish(actor=head, version=code.versions.get(), effective_from=day)
    return code


def test_categories_list_the_taxonomy(world):
    data = login_client(world.alice).get("/api/v1/conduct/categories").json()
    by_code = {row["code"]: row for row in data}
    assert by_code["public_place"]["culture"] == "public_place"
    assert by_code["smoking"]["legal_basis"]


def test_codes_are_scoped(world, code):
    assert [c["id"] for c in login_client(world.alice).get("/api/v1/conduct/codes").json()] == [
        code.pk
    ]
    assert login_client(world.charlie).get("/api/v1/conduct/codes").json() == []


def test_code_detail_and_version_with_clauses(world, code):
    client = login_client(world.alice)
    detail = client.get(f"/api/v1/conduct/codes/{code.pk}").json()
    version = CodeVersion.objects.get()
    assert detail["version_in_force_id"] == version.pk
    body = client.get(f"/api/v1/conduct/versions/{version.pk}").json()
    assert len(body["clauses"]) == version.clauses.count()
    clause_id = body["clauses"][0]["id"]
    assert client.get(f"/api/v1/conduct/clauses/{clause_id}").status_code == 200


def test_other_agency_code_is_404_with_vietnamese_message(world, code):
    response = login_client(world.charlie).get(f"/api/v1/conduct/codes/{code.pk}")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.json()["detail"]


def test_clause_in_force_lookup(world, code):
    client = login_client(world.head_a)
    today = timezone.localdate().isoformat()
    params = {"unit_id": world.division_a.pk, "category": "alcohol", "on": today}
    response = client.get("/api/v1/conduct/clause-in-force", params)
    assert response.status_code == 200
    assert response.json()["number"] == "Điều 12"
    params["on"] = "2000-01-01"
    assert client.get("/api/v1/conduct/clause-in-force", params).status_code == 404
    params["unit_id"] = world.agency_b.pk
    params["on"] = today
    assert client.get("/api/v1/conduct/clause-in-force", params).status_code == 404


def test_attestation_completion_api(world, code):
    services.attestation_create(actor=actor_of(world.alice), version=CodeVersion.objects.get())
    rows = login_client(world.head_a).get("/api/v1/conduct/attestation-completion").json()
    assert rows[0]["unit_id"] == world.agency_a.pk
    assert (rows[0]["active_staff"], rows[0]["attested"], rows[0]["percent"]) == (2, 1, 50)
    response = login_client(world.head_a).get(
        "/api/v1/conduct/attestation-completion", {"unit_id": world.agency_b.pk}
    )
    assert response.status_code == 404
