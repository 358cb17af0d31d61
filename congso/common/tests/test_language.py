import pytest
from django.conf import settings

from congso.common.permissions import Role
from congso.common.testing import login_client, make_user


@pytest.mark.django_db
def test_pages_are_vietnamese_even_when_the_browser_asks_for_english(client):
    response = client.get("/tai-khoan/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


@pytest.mark.django_db
def test_the_language_switcher_choice_gives_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/tai-khoan/dang-nhap/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get("/tai-khoan/dang-nhap/")
    assert response["Content-Language"] == "en"
    assert "Log in" in response.content.decode() or "Sign in" in response.content.decode()


@pytest.mark.django_db
def test_no_menu_is_shown_before_the_second_factor(world):
    admin = make_user("root_admin", roles=[(Role.ADMIN, world.province)])
    pending = login_client(admin, verified=False)
    page = pending.get("/tai-khoan/xac-thuc-2-buoc/")
    assert page.status_code == 200
    assert page.context["nav_items"] == []
    verified = login_client(admin)
    assert verified.get("/").context["nav_items"]
