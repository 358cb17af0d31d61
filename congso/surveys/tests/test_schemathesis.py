"""schemathesis over the public survey and agency operations, in-process through WSGI: no
server error and no status code the OpenAPI document does not list."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from congso.surveys.services import form_token_issue

pytestmark = pytest.mark.django_db

APP = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
CHECKS = [not_a_server_error, status_code_conformance]
SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def wsgi_db(sw, settings):
    """Keep the test database connection open across in-process WSGI requests."""
    settings.CONGSO_SURVEY_RATE_DEVICE = 1_000_000
    settings.CONGSO_SURVEY_RATE_ADDRESS = 1_000_000
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield sw
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@SETTINGS
@given(data=st.data())
def test_survey_form_operation(wsgi_db, data):
    operation = SCHEMA["/api/v1/public/surveys/{code}"]["GET"]
    case = data.draw(operation.as_strategy())
    if data.draw(st.booleans()):
        case.path_parameters = {"code": wsgi_db.counter_a.code}
    case.call_and_validate(checks=CHECKS)


@SETTINGS
@given(data=st.data())
def test_survey_respond_operation(wsgi_db, data):
    operation = SCHEMA["/api/v1/public/surveys/{code}/responses"]["POST"]
    case = data.draw(operation.as_strategy())
    code = wsgi_db.counter_a.code
    if data.draw(st.booleans()):
        case.path_parameters = {**(case.path_parameters or {}), "code": code}
        if isinstance(case.body, dict) and data.draw(st.booleans()):
            token = form_token_issue(code=code, version_id=wsgi_db.version_id).token
            case.body = {**case.body, "form_token": token}
    case.call_and_validate(checks=CHECKS)


@SETTINGS
@given(data=st.data())
def test_agencies_operation(wsgi_db, data):
    operation = SCHEMA["/api/v1/public/agencies"]["GET"]
    case = data.draw(operation.as_strategy())
    case.call_and_validate(checks=CHECKS)
