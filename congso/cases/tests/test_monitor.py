"""The social monitor's own home (issue 8, item 4): file under the organisation's name,
follow what it filed, see the public figures; a menu of only what it can open."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from congso.cases.models import Message, Report
from congso.common.permissions import Role
from congso.common.testing import login_client, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def monitor(world):
    world.agency_a.serves_citizens = True
    world.agency_a.save(update_fields=["serves_citizens"])
    user = make_user("mttq", roles=[(Role.SOCIAL_MONITOR, world.province)])
    user.organisation_name = "Ủy ban MTTQ Việt Nam tỉnh"
    user.save(update_fields=["organisation_name"])
    return user


def _menu(html: str) -> list[str]:
    nav = re.search(r"<nav[^>]*>(.*?)</nav>", html, re.S)
    return re.findall(r">([^<>]+)</a>", nav.group(1)) if nav else []


def test_monitor_lands_on_its_own_home_with_a_menu_of_what_it_can_open(monitor):
    client = login_client(monitor, verified=False)
    landing = client.get("/")
    assert landing.status_code == 302 and landing["Location"] == "/vu-viec/phan-bien/"
    home = client.get("/vu-viec/phan-bien/")
    assert home.status_code == 200
    html = home.content.decode()
    assert "Ủy ban MTTQ Việt Nam tỉnh" in html
    assert 'href="/cong-dan/phan-anh/"' in html and 'href="/cong-dan/"' in html
    menu = _menu(html)
    assert menu == ["Phản biện xã hội"]
    for label in menu:  # every entry opens
        url = re.search(rf'href="([^"]+)"[^>]*>{label}<', html).group(1)
        assert client.get(url).status_code == 200
    # No case queue and no staff "Ghi nhận vụ việc" form for an organisation's account.
    assert client.get("/vu-viec/").status_code == 404
    assert client.get("/vu-viec/tao-moi/").status_code == 404


def test_monitor_files_under_the_organisation_and_follows_it(monitor, world):
    client = login_client(monitor, verified=False)
    form = client.get("/cong-dan/phan-anh/").content.decode()
    assert "danh nghĩa tổ chức" in form
    sent = client.post(
        "/cong-dan/phan-anh/",
        {
            "kind": "praise",
            "agency_id": world.agency_a.pk,
            "description": "Bộ phận một cửa phục vụ tận tình",
            "evidence": "",
        },
    )
    assert sent.status_code == 200, sent.content.decode()
    report = Report.unscoped.get()
    assert report.is_social_monitor and report.organisation_name == "Ủy ban MTTQ Việt Nam tỉnh"
    assert report.filed_by_id == monitor.pk
    home = client.get("/vu-viec/phan-bien/").content.decode()
    assert f'href="/vu-viec/phan-bien/{report.pk}/"' in home
    assert "Đã tiếp nhận, đang sàng lọc" in home
    detail = client.get(f"/vu-viec/phan-bien/{report.pk}/")
    assert (
        detail.status_code == 200 and "Bộ phận một cửa phục vụ tận tình" in detail.content.decode()
    )
    posted = client.post(f"/vu-viec/phan-bien/{report.pk}/", {"body": "Đề nghị biểu dương"})
    assert posted.status_code == 302
    assert Message.objects.get(report=report).body == "Đề nghị biểu dương"


def test_another_monitor_or_a_citizen_cannot_open_the_filing(monitor, world):
    from congso.accounts.actors import build_actor
    from congso.cases.services import ReportInput, report_submit

    report, _r, _c = report_submit(
        actor=build_actor(monitor),
        data=ReportInput(kind="praise", agency_id=world.agency_a.pk, description="Tận tình"),
    )
    other = make_user("baochi", roles=[(Role.SOCIAL_MONITOR, world.province)])
    other.organisation_name = "Báo tỉnh"
    other.save(update_fields=["organisation_name"])
    assert (
        login_client(other, verified=False).get(f"/vu-viec/phan-bien/{report.pk}/").status_code
        == 404
    )
    assert login_client(world.alice).get("/vu-viec/phan-bien/").status_code == 404
    assert Client().get("/vu-viec/phan-bien/").status_code == 302  # to the login
