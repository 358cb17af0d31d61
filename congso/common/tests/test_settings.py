"""Production settings refuse to start without their secrets (checked in a clean process)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

GOOD = {
    "SECRET_KEY": "k" * 50,
    "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    "ALLOWED_HOSTS": "congso.laocai.gov.vn",
    "CONGSO_AUDIT_KEY": "a" * 48,
}
PROBE = (
    "import congso.config.settings.prod as s; "
    "print(s.DEBUG, s.PASSWORD_HASHERS[0], s.SESSION_COOKIE_SECURE, "
    "s.AXES_CLIENT_IP_CALLABLE, s.ALLOWED_HOSTS)"
)


def import_prod(**env: str) -> subprocess.CompletedProcess:
    """Import the production settings with only PATH and the given variables set."""
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8", **env}
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed probe
        [sys.executable, "-c", PROBE],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "Biến môi trường SECRET_KEY là bắt buộc"),
        ("FIELD_ENCRYPTION_KEY", "Biến môi trường FIELD_ENCRYPTION_KEY là bắt buộc"),
        ("ALLOWED_HOSTS", "Biến môi trường ALLOWED_HOSTS là bắt buộc"),
        ("CONGSO_AUDIT_KEY", "Biến môi trường CONGSO_AUDIT_KEY là bắt buộc"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {key: value for key, value in GOOD.items() if key != missing}
    result = import_prod(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_refuses_a_short_secret_key():
    result = import_prod(**{**GOOD, "SECRET_KEY": "ngan-qua"})
    assert result.returncode != 0
    assert "SECRET_KEY phải dài ít nhất 40 ký tự" in result.stderr


@pytest.mark.parametrize("key", ["khong-phai-khoa", "YWJj", "x" * 44])
def test_production_refuses_a_field_encryption_key_that_is_not_fernet(key):
    result = import_prod(**{**GOOD, "FIELD_ENCRYPTION_KEY": key})
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEY không phải khóa Fernet hợp lệ" in result.stderr


def test_production_starts_with_its_secrets_and_hashes_with_argon2():
    result = import_prod(**GOOD)
    assert result.returncode == 0, result.stderr
    debug, hasher, secure, client_ip, hosts = result.stdout.split(" ", 4)
    assert debug == "False"
    assert hasher == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert secure == "True"
    assert client_ip == "congso.common.http.client_address"  # the one address decision
    assert "congso.laocai.gov.vn" in hosts
