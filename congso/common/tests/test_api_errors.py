import pytest

from congso.common.testing import login_client


@pytest.mark.django_db
def test_schema_errors_answer_422_in_vietnamese_naming_the_field(world):
    client = login_client(world.boss)
    response = client.get("/api/v1/org/units/abc")
    assert response.status_code == 422
    body = response.json()
    assert "không hợp lệ" in body["detail"]
    assert body["errors"]


@pytest.mark.django_db
def test_missing_credentials_answer_401_in_vietnamese(client):
    response = client.get("/api/v1/org/units")
    assert response.status_code == 401
    assert response.json() == {"detail": "Cần đăng nhập hoặc khóa API hợp lệ."}


@pytest.mark.django_db
def test_unknown_row_answers_404_in_vietnamese(world):
    client = login_client(world.head_a)
    response = client.get(f"/api/v1/org/units/{world.agency_b.pk}")
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.django_db
def test_every_app_answers_a_row_out_of_reach_with_the_one_404_wording(world):
    """Missing and forbidden alike, in one wording across org, people, surveys, conduct and
    inspections (common/api.py NOT_FOUND)."""
    client = login_client(world.head_a)
    paths = [
        f"/api/v1/org/units/{world.agency_b.pk}",
        f"/api/v1/org/people/{world.charlie.person_id}",
        "/api/v1/surveys/units/999999/ranking",
        "/api/v1/surveys/targets/999999",
        "/api/v1/conduct/versions/999999",
        "/api/v1/inspections/plans/999999",
    ]
    for path in paths:
        response = client.get(path)
        assert (path, response.status_code) == (path, 404)
        assert response.json()["detail"] == "Không tìm thấy hoặc bạn không có quyền xem."
