"""Login: Argon2 hashing, lockout after repeated failures (django-axes)."""

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from congso.config.settings import base

LOGIN = "/tai-khoan/dang-nhap/"


def test_base_settings_hash_passwords_with_argon2_first():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert make_password("mat-khau-dai-hon-10").startswith("argon2$argon2id$")


@pytest.mark.django_db
def test_login_with_the_right_password_lands_on_my_tasks(client, world):
    response = client.post(LOGIN, {"username": "alice", "password": "mat-khau-thu-nghiem-1"})
    assert response.status_code == 302
    assert response["Location"] == "/viec-cua-toi/"
    assert client.get("/viec-cua-toi/").status_code == 200


@pytest.mark.django_db
def test_wrong_password_shows_a_vietnamese_error(client, world):
    response = client.post(LOGIN, {"username": "alice", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sixth_attempt_is_locked_out_and_even_the_right_password_is_refused(client, world):
    assert settings.AXES_FAILURE_LIMIT == 5
    for attempt in range(1, 6):
        response = client.post(LOGIN, {"username": "alice", "password": "sai-mat-khau"})
        # the fifth failure itself already answers with the lock-out page
        assert response.status_code == (200 if attempt < 5 else 429)
    response = client.post(LOGIN, {"username": "alice", "password": "sai-mat-khau"})
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    response = client.post(LOGIN, {"username": "alice", "password": "mat-khau-thu-nghiem-1"})
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_lifts_after_the_cool_off(client, world, settings):
    import time_machine
    from django.utils import timezone

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            client.post(LOGIN, {"username": "alice", "password": "sai-mat-khau"})
    with time_machine.travel(start + settings.AXES_COOLOFF_TIME * 1.1, tick=False):
        response = client.post(LOGIN, {"username": "alice", "password": "mat-khau-thu-nghiem-1"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_login_does_not_redirect_to_another_site(client, world):
    response = client.post(
        LOGIN + "?next=https://evil.example/",
        {
            "username": "alice",
            "password": "mat-khau-thu-nghiem-1",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/viec-cua-toi/"  # the landing page, never the other site
