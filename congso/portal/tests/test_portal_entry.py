"""Finding the citizen portal (issue 8, items 2 and 12): the landing page, the login's link,
the agency search, the language switch on citizen pages."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_root_is_a_light_landing_page_for_citizens_and_staff():
    response = Client().get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/cong-dan/"' in html and "Người dân" in html
    assert 'href="/tai-khoan/dang-nhap/"' in html and "Cán bộ đăng nhập" in html
    assert "<script" not in html and len(response.content) < 10_000


def test_staff_still_land_on_their_home(world):
    from congso.common.testing import login_client

    response = login_client(world.alice).get("/")
    assert response.status_code == 200 and "Xin chào" in response.content.decode()


def test_login_page_links_to_the_citizen_portal():
    html = Client().get("/tai-khoan/dang-nhap/").content.decode()
    assert 'href="/cong-dan/"' in html and "Cổng người dân" in html


def test_agency_list_search_ignores_diacritics_and_works_as_a_plain_get(sw):
    from congso.org.models import OrgUnit

    for unit in OrgUnit.unscoped.filter(pk__in=[sw.world.agency_a.pk, sw.world.agency_b.pk]):
        unit.serves_citizens = True
        unit.save(update_fields=["serves_citizens"])
    everything = Client().get("/cong-dan/").content.decode()
    assert "Sở Nội vụ" in everything and "Sở Y tế" in everything
    found = Client().get("/cong-dan/", {"tim": "so noi VU"}).content.decode()
    assert "Sở Nội vụ" in found and "Sở Y tế" not in found
    assert 'method="get"' in found and "Tìm thấy 1 cơ quan" in found


def test_language_switch_on_citizen_pages_works_without_javascript():
    client = Client()
    page = client.get("/cong-dan/phan-anh/")
    html = page.content.decode()
    link = 'href="/cong-dan/ngon-ngu/en/?next=/cong-dan/phan-anh/"'
    assert link in html and ">English</a>" in html
    switched = client.get("/cong-dan/ngon-ngu/en/", {"next": "/cong-dan/phan-anh/"})
    assert switched.status_code == 302 and switched["Location"] == "/cong-dan/phan-anh/"
    english = client.get("/cong-dan/phan-anh/").content.decode()
    assert '<html lang="en">' in english and ">Tiếng Việt</a>" in english


def test_language_switch_goes_nowhere_else_and_ignores_unknown_languages():
    client = Client()
    away = client.get("/cong-dan/ngon-ngu/en/", {"next": "https://example.com/"})
    assert away["Location"] == "/cong-dan/"
    unknown = client.get("/cong-dan/ngon-ngu/xx/", {"next": "/cong-dan/"})
    assert "congso_language" not in unknown.cookies


def test_survey_page_header_sets_no_csrf_cookie(sw):
    response = Client().get(f"/cong-dan/danh-gia/{sw.counter_a.code}/")
    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
