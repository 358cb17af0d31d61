"""A menu shows only what the user can open: every menu entry of every demo role answers 200
(following the dashboard's redirect), and so does every button of the case queue's toolbar.
Issue 8 item 3: "Khảo sát hài lòng" led to 404 for the custodian, the handler and the social
monitor; "Nhật ký xem danh tính" for seven of nine roles."""

from __future__ import annotations

import random
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from congso.common.testing import login_client
from congso.org import demo

STAFF = 200


@pytest.fixture(scope="module")
def demo_province(django_db_setup, django_db_blocker):
    """The demo province and logins (reduced staff) with survey targets, rolled back after."""
    from congso.surveys.services import targets_sync, template_default

    with django_db_blocker.unblock(), transaction.atomic():
        demo.load_province(rng=random.Random(3), log=lambda _msg: None, staff_count=STAFF)
        template_default()
        targets_sync(actor=None)
        yield
        transaction.set_rollback(True)


def _menu(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav aria-label="Điều hướng chính">(.*?)</nav>', html, re.S)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(1)) if nav else []


def _toolbar(html: str) -> list[tuple[str, str]]:
    bar = re.search(r'<p class="toolbar">(.*?)</p>', html, re.S)
    return (
        re.findall(r'<a class="btn[^"]*" href="([^"]+)">([^<]+)</a>', bar.group(1)) if bar else []
    )


def _client(username: str):
    return login_client(get_user_model().objects.get(username=username))


@pytest.mark.parametrize("username", [account.username for account in demo.demo_accounts()])
def test_every_menu_entry_of_every_demo_role_opens(demo_province, db, username):
    client = _client(username)
    home = client.get("/", follow=True)
    assert home.status_code == 200
    entries = _menu(home.content.decode())
    assert entries, f"{username} has no menu"
    for url, label in entries:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (username, label, url)
        if url.startswith("/vu-viec/") and url.rstrip("/") == "/vu-viec":
            for button, text in _toolbar(response.content.decode()):
                opened = client.get(button, follow=True)
                assert opened.status_code == 200, (username, text, button)


@pytest.mark.parametrize("username", ["giudanhtinh", "xuly", "giamsat"])
def test_roles_without_survey_figures_have_no_survey_menu(demo_province, db, username):
    labels = [
        label for _url, label in _menu(_client(username).get("/", follow=True).content.decode())
    ]
    assert "Khảo sát hài lòng" not in labels


def test_the_reveals_log_is_offered_only_to_who_may_read_it(demo_province, db):
    offered = {}
    for account in demo.demo_accounts():
        html = _client(account.username).get("/vu-viec/").content.decode()
        offered[account.username] = "/vu-viec/danh-tinh/" in html
    # The Party inspection committee's login (when the demo has it) reads the reveal log too.
    expected = {"giudanhtinh", "thutruong"} | ({"kiemtradang"} & set(offered))
    assert {name for name, shown in offered.items() if shown} == expected
