"""The other 500s (issue 8 item 19): bad bodies get a 4xx JSON answer, unexpected API errors a
Vietnamese JSON 500 without a traceback, and the demo handles errors as production does."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings

from congso.common.testing import login_client
from congso.common.tests.prod_server import ProdServer

BIG_JSON = b'{"body": "' + b"x" * (3 * 1024 * 1024) + b'"}'
MESSAGES = "/api/v1/public/reports/1234567812345678/messages"


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_a_json_body_over_2_mb_answers_413_json(debug):
    with override_settings(DEBUG=debug):
        response = Client(raise_request_exception=False).post(
            MESSAGES, BIG_JSON, content_type="application/json"
        )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "quá lớn" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_a_multipart_report_without_a_boundary_answers_422_json(debug):
    with override_settings(DEBUG=debug):
        response = Client(raise_request_exception=False).generic(
            "POST", "/api/v1/public/reports", b"--x\r\nabc", CONTENT_TYPE="multipart/form-data"
        )
    assert response.status_code == 422
    assert "boundary" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_an_unexpected_api_error_answers_json_without_a_traceback(world, monkeypatch, debug):
    from congso.accounts import selectors

    def broken(**kwargs):
        raise RuntimeError("hỏng")

    monkeypatch.setattr(selectors, "token_list", broken)
    client = login_client(world.alice)
    client.raise_request_exception = False
    with override_settings(DEBUG=debug):
        response = client.get("/api/v1/accounts/tokens")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert "Lỗi hệ thống" in response.json()["detail"]
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db
def test_a_permission_error_in_the_api_answers_403_json(world, monkeypatch):
    from django.core.exceptions import PermissionDenied

    from congso.accounts import selectors

    def refuse(**kwargs):
        raise PermissionDenied

    monkeypatch.setattr(selectors, "token_list", refuse)
    response = login_client(world.alice).get("/api/v1/accounts/tokens")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


def test_congso_demo_runs_with_debug_off():
    probe = (
        "import os; from congso import cli; import django.conf as c\n"
        "os.environ.pop('DJANGO_SETTINGS_MODULE', None)\n"
        "import sys; sys.argv = ['congso', 'demo', '--help']\n"
        "try:\n    cli.main()\nexcept SystemExit:\n    pass\n"
        "print('SETTINGS', os.environ['DJANGO_SETTINGS_MODULE'], c.settings.DEBUG)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=False
    )
    assert "SETTINGS congso.config.settings.demo False" in done.stdout, done.stderr[-2000:]


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    server = ProdServer(tmp_path_factory.mktemp("demo"))
    server.migrate()
    server.start(demo=True)
    yield server
    server.stop()


def test_the_demo_server_answers_bad_bodies_with_json_not_500(demo_server):
    browser = demo_server.session()
    multipart = browser.request(
        "POST",
        "/api/v1/public/reports",
        data=b"--x\r\nabc",
        headers={"Content-Type": "multipart/form-data"},
    )
    assert multipart.status == 422
    big = browser.request(
        "POST", MESSAGES, data=BIG_JSON, headers={"Content-Type": "application/json"}
    )
    assert big.status == 413
    assert "quá lớn" in json.loads(big.body)["detail"]


def test_the_demo_server_shows_the_vietnamese_error_page_not_a_debug_page(demo_server):
    reply = demo_server.session().request("GET", "/khong-co-trang-nay/")
    assert reply.status == 404
    assert "Traceback" not in reply.body and "URLconf" not in reply.body
    assert "Không tìm thấy" in reply.body
    # Static files are still served with DEBUG off (runserver --insecure, as `congso demo`).
    assert demo_server.session().request("GET", "/static/congso/app.css").status == 200
