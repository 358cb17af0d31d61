"""Small helpers for the accounts tests."""

from __future__ import annotations

import time

from django_otp.oath import TOTP


def current_code(device) -> str:
    """The code an authenticator app would show now for this device."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def other_code(code: str) -> str:
    """A well-formed code that is not `code`."""
    return f"{(int(code) + 500_000) % 1_000_000:06d}"
