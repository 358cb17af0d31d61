"""Encryption of reporters' contact details (Luật Tố cáo 2018 art. 47).

The key comes from the environment (`FIELD_ENCRYPTION_KEY`). Several keys may be given,
separated by commas: the first encrypts, all of them decrypt (cryptography's MultiFernet), so a
key can be rotated by putting the new key first and running `rotate_token` over the rows.
Only `cases.services.identity` calls `decrypt`, after checking the custodian's capability.
"""

from __future__ import annotations

import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _fernet() -> MultiFernet:
    raw = getattr(settings, "FIELD_ENCRYPTION_KEY", "") or ""
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY chưa được đặt (is not set).")
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY không đúng dạng khóa Fernet (32 byte, base64 URL-safe)."
        ) from exc


def encrypt_contact(contact: dict[str, str]) -> str:
    """Ciphertext (text) of the contact details; '' when there is nothing to keep."""
    cleaned = {k: v for k, v in contact.items() if v}
    if not cleaned:
        return ""
    payload = json.dumps(cleaned, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return _fernet().encrypt(payload).decode("ascii")


def decrypt_contact(token: str) -> dict[str, str]:
    """The contact details behind `token` ({} when empty). Raises InvalidToken on a bad key."""
    if not token:
        return {}
    return json.loads(_fernet().decrypt(token.encode("ascii")).decode("utf-8"))


def rotate_token(token: str) -> str:
    """Re-encrypt `token` under the first (newest) key."""
    if not token:
        return token
    return _fernet().rotate(token.encode("ascii")).decode("ascii")


__all__ = ["InvalidToken", "decrypt_contact", "encrypt_contact", "rotate_token"]
