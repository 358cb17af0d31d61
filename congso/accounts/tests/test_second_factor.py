"""TOTP second factor: required for administrators and identity custodians."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from congso.accounts.tests.helpers import current_code, other_code
from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import login_client, make_user

SECOND = "/tai-khoan/xac-thuc-2-buoc/"


@pytest.fixture
def custodian(world):
    return make_user("custodian", roles=[(Role.IDENTITY_CUSTODIAN, world.agency_a)])


def logged_in_without_otp(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_administrator_is_sent_to_the_second_factor_after_the_password(world):
    client = logged_in_without_otp(world.admin_a)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == f"{SECOND}?next=%2F"


@pytest.mark.django_db
def test_identity_custodian_must_confirm_a_code_too(custodian):
    response = logged_in_without_otp(custodian).get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(SECOND)


@pytest.mark.django_db
def test_staff_member_needs_no_second_factor(world):
    assert logged_in_without_otp(world.alice).get("/").status_code == 200


@pytest.mark.django_db
def test_first_visit_shows_a_qr_code_to_set_up_the_app(world):
    response = logged_in_without_otp(world.admin_a).get(SECOND)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body
    assert "Quét mã QR" in body
    assert TOTPDevice.objects.get(user=world.admin_a).confirmed is False


@pytest.mark.django_db
def test_wrong_code_is_refused_with_a_message(world):
    client = logged_in_without_otp(world.admin_a)
    client.get(SECOND)
    device = TOTPDevice.objects.get(user=world.admin_a)
    response = client.post(SECOND, {"code": other_code(current_code(device))})
    assert response.status_code == 200
    assert "Mã không đúng hoặc đã hết hạn" in response.content.decode()
    assert client.get("/").status_code == 302
    device.refresh_from_db()
    assert device.confirmed is False


@pytest.mark.django_db
def test_right_code_confirms_the_device_and_lets_the_administrator_in(world):
    client = logged_in_without_otp(world.admin_a)
    client.get(SECOND)
    device = TOTPDevice.objects.get(user=world.admin_a)
    response = client.post(f"{SECOND}?next=/tai-khoan/quan-ly/", {"code": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/quan-ly/"
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True
    assert AuditEntry.objects.filter(action="accounts.totp_confirm").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "http://testserver.evil.example/"]
)
def test_next_pointing_to_another_site_falls_back_to_home(world, target):
    client = logged_in_without_otp(world.admin_a)
    client.get(SECOND)
    device = TOTPDevice.objects.get(user=world.admin_a)
    response = client.post(SECOND, {"code": current_code(device)}, QUERY_STRING=f"next={target}")
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_confirmed_device_asks_for_the_code_without_a_new_qr(world):
    TOTPDevice.objects.create(user=world.admin_a, name="default", confirmed=True)
    body = logged_in_without_otp(world.admin_a).get(SECOND).content.decode()
    assert "<svg" not in body
    assert "Nhập mã 6 số" in body


@pytest.mark.django_db
def test_api_refuses_a_session_until_the_second_factor_is_confirmed(world):
    response = logged_in_without_otp(world.admin_a).get("/api/v1/accounts/me")
    assert response.status_code == 403
    assert "xác thực hai bước" in response.json()["detail"]
    verified = login_client(world.admin_a).get("/api/v1/accounts/me")
    assert verified.status_code == 200
    assert verified.json()["username"] == "admin_a"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/tai-khoan/khoa-api/", "/tai-khoan/quan-ly/"])
def test_account_pages_wait_for_the_second_factor(world, path):
    response = logged_in_without_otp(world.admin_a).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(SECOND)
