"""Error pages speak Vietnamese (English when chosen), for citizens and staff alike."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import permission_denied, server_error

pytestmark = pytest.mark.django_db


def test_unknown_address_gets_a_vietnamese_404_page_with_a_way_home():
    response = Client().get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="/"' in html and 'href="/cong-dan/"' in html
    assert "Not Found" not in html


def test_404_page_follows_the_language_chosen_in_the_switcher():
    client = Client()
    client.cookies["congso_language"] = "en"
    html = client.get("/khong-co-trang-nay/").content.decode()
    assert "Page not found" in html


def test_csrf_failure_tells_the_person_to_reload_the_form_in_vietnamese():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/tai-khoan/dang-nhap/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()


def test_403_and_500_pages_are_vietnamese():
    request = RequestFactory().get("/")
    with translation.override("vi"):
        denied = permission_denied(request, PermissionDenied())
        failed = server_error(request)
    assert denied.status_code == 403
    assert "Không thực hiện được yêu cầu" in denied.content.decode()
    assert failed.status_code == 500
    assert "Hệ thống đang gặp sự cố" in failed.content.decode()
