"""The client's address: proxy headers only from a trusted proxy; lock-outs per user and address.

The last test runs `congso serve` with the production settings, as behind the documented nginx
(every connection from 127.0.0.1, the client's address in X-Real-IP / X-Forwarded-For).
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from django.test import RequestFactory, override_settings

from congso.common.http import client_address
from congso.common.tests.prod_server import ProdServer

LOOPBACK = ["127.0.0.1", "::1"]


def _request(remote: str, **headers: str):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@override_settings(CONGSO_TRUSTED_PROXIES=LOOPBACK)
def test_a_trusted_proxy_reports_the_client_in_x_real_ip():
    request = _request("127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(request) == "203.0.113.7"


@override_settings(CONGSO_TRUSTED_PROXIES=LOOPBACK)
def test_a_client_that_is_not_a_proxy_cannot_choose_its_address():
    request = _request(
        "198.51.100.9", HTTP_X_REAL_IP="203.0.113.7", HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert client_address(request) == "198.51.100.9"


@override_settings(CONGSO_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_x_forwarded_for_is_walked_from_the_right_past_trusted_proxies():
    # The client forged the first hop; our proxies appended what they saw.
    request = _request("127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20, 10.1.2.3")
    assert client_address(request) == "198.51.100.20"


@override_settings(CONGSO_TRUSTED_PROXIES=LOOPBACK)
@pytest.mark.parametrize("header", ["", "không-phải-địa-chỉ", "999.1.1.1", "<script>"])
def test_a_malformed_proxy_header_falls_back_to_the_peer(header):
    assert client_address(_request("127.0.0.1", HTTP_X_REAL_IP=header)) == "127.0.0.1"


@override_settings(CONGSO_TRUSTED_PROXIES=LOOPBACK)
def test_ipv4_mapped_and_ported_forms_are_normalised():
    assert client_address(_request("::ffff:127.0.0.1", HTTP_X_REAL_IP="203.0.113.7:443")) == (
        "203.0.113.7"
    )


def test_surveys_and_cases_use_the_one_client_address():
    from congso.cases import api as cases_api
    from congso.surveys import api as surveys_api

    assert cases_api.client_address is client_address
    assert surveys_api.client_address is client_address


def test_axes_reads_the_address_through_the_one_function(settings):
    from axes.helpers import get_client_ip_address

    settings.CONGSO_TRUSTED_PROXIES = LOOPBACK
    request = _request("127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    assert get_client_ip_address(request) == "203.0.113.7"
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


# ----------------------------------------------------------------- through `congso serve`

CREATE_USERS = """
from congso.accounts.models import User
for name in ("canbo", "thidua"):
    user = User(username=name)
    user.set_password("mat-khau-dung-" + name)
    user.save()
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    instance = ProdServer(tmp_path_factory.mktemp("prod"))
    instance.migrate()
    instance.python(CREATE_USERS)
    instance.start()
    yield instance
    instance.stop()


def _login(server: ProdServer, username: str, password: str, **headers: str) -> int:
    browser = server.session()
    page = browser.request("GET", "/tai-khoan/dang-nhap/", headers=headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password}
    ).encode()
    reply = browser.request(
        "POST",
        "/tai-khoan/dang-nhap/",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
    )
    return reply.status


def test_behind_the_proxy_one_clients_failures_do_not_lock_other_users_out(server):
    attacker = {"X-Real-IP": "203.0.113.7", "X-Forwarded-For": "203.0.113.7"}
    statuses = [_login(server, "canbo", "sai-mat-khau", **attacker) for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    # Another user from another address: logs in (was 429 for everybody before).
    assert _login(server, "thidua", "mat-khau-dung-thidua", **{"X-Real-IP": "198.51.100.9"}) == 302
    # The same user from another address: the pair is locked, not the user name everywhere.
    assert _login(server, "canbo", "mat-khau-dung-canbo", **{"X-Real-IP": "198.51.100.9"}) == 302
    # The locked pair stays locked, even with the right password.
    assert _login(server, "canbo", "mat-khau-dung-canbo", **attacker) == 429


def test_behind_the_proxy_x_forwarded_for_alone_names_the_client(server):
    forwarded = {"X-Forwarded-For": "192.0.2.44"}
    statuses = [_login(server, "thidua", "sai", **forwarded) for _ in range(5)]
    assert statuses[-1] == 429
    assert (
        _login(server, "thidua", "mat-khau-dung-thidua", **{"X-Forwarded-For": "192.0.2.45"}) == 302
    )


def test_behind_the_proxy_citizens_do_not_share_the_receipt_look_up_limit(server):
    from congso.cases.services.intake import LOOKUP_FAILURE_LIMIT as LOOKUP_LIMIT

    browser = server.session()
    path = "/api/v1/public/reports/0000000000000000"
    busy = {"X-Real-IP": "203.0.113.99"}
    statuses = [browser.request("GET", path, headers=busy).status for _ in range(LOOKUP_LIMIT + 1)]
    assert statuses[-1] == 429
    assert browser.request("GET", path, headers={"X-Real-IP": "203.0.113.100"}).status == 404
