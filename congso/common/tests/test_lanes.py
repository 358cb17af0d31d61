"""The two middleware lanes (common/lanes.py): the citizen survey paths run without sessions,
users, CSRF cookies or lock-out, but keep every security header; every other path keeps the
whole staff middleware."""

from __future__ import annotations

import pytest
from django.test import Client

from congso.common.lanes import is_citizen_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def sw(world):
    from congso.surveys.tests.factories import build_survey_world

    return build_survey_world(world)


SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@pytest.mark.parametrize(
    ("path", "citizen"),
    [
        ("/cong-dan/danh-gia/abc123/", True),
        ("/cong-dan/danh-gia/abc123/cam-on/", True),
        ("/api/v1/public/surveys/abc123/responses", True),
        ("/api/v1/public/surveys/abc123", True),
        ("/cong-dan/", False),
        ("/cong-dan/phan-anh/", False),  # the report form keeps CSRF
        ("/cong-dan/co-quan/1/hai-long/", False),
        ("/api/v1/public/reports", False),
        ("/api/v1/surveys/targets/1", False),
        ("/khao-sat/", False),
        ("/tai-khoan/dang-nhap/", False),
    ],
)
def test_only_the_citizen_survey_paths_take_the_citizen_lane(path, citizen):
    assert is_citizen_path(path) is citizen


def test_citizen_survey_page_runs_without_session_user_or_csrf_but_with_security_headers(sw):
    response = Client().get(f"/cong-dan/danh-gia/{sw.counter_a.code}/")
    assert response.status_code == 200
    request = response.wsgi_request
    for attribute in ("session", "user", "actor", "htmx", "_messages"):
        assert not hasattr(request, attribute), attribute
    assert set(response.cookies) == {"cs_device"}  # no session or CSRF cookie
    for name, value in SECURITY_HEADERS.items():
        assert response[name] == value
    assert response["Content-Language"] == "vi"


def test_rating_operation_runs_in_the_citizen_lane_with_security_headers(sw):
    response = Client().post(
        f"/api/v1/public/surveys/{sw.counter_a.code}/responses",
        data="{}",
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not hasattr(response.wsgi_request, "session")
    for name, value in SECURITY_HEADERS.items():
        assert response[name] == value


def test_staff_paths_keep_sessions_users_actor_and_lock_out(world):
    response = Client().get("/tai-khoan/dang-nhap/")
    assert response.status_code == 200
    request = response.wsgi_request
    for attribute in ("session", "user", "actor", "htmx", "_messages"):
        assert hasattr(request, attribute), attribute
    for name, value in SECURITY_HEADERS.items():
        assert response[name] == value


def test_staff_forms_still_refuse_a_post_without_csrf_token(world):
    response = Client(enforce_csrf_checks=True).post(
        "/tai-khoan/dang-nhap/", {"username": "x", "password": "y"}
    )
    assert response.status_code == 403


def test_citizen_report_form_still_refuses_a_post_without_csrf_token(world):
    response = Client(enforce_csrf_checks=True).post("/cong-dan/phan-anh/", {})
    assert response.status_code == 403


def test_system_check_finds_csrf_missing_from_the_staff_lane(settings):
    from congso.common.lanes import staff_lane_check

    assert staff_lane_check() == []
    settings.STAFF_MIDDLEWARE = [
        m for m in settings.STAFF_MIDDLEWARE if m != "django.middleware.csrf.CsrfViewMiddleware"
    ]
    assert [e.id for e in staff_lane_check()] == ["congso.E002"]
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:-1]]
    assert "congso.E001" in [e.id for e in staff_lane_check()]
