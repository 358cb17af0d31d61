"""Helpers shared by the survey services."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# Crockford's base-32 alphabet without the letters people confuse (i, l, o, u).
CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
CODE_LENGTH = 12  # 60 random bits: not guessable, short enough for a URL under a QR code


class SurveyError(Exception):
    """A refusal with an HTTP status and a Vietnamese message for the citizen."""

    def __init__(self, status: int, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def keyed_hash(*parts: str) -> int:
    """A signed 63-bit keyed hash (HMAC-SHA256 with SECRET_KEY) of the parts, never 0."""
    digest = hmac.new(
        str(settings.SECRET_KEY).encode(), "\x1f".join(parts).encode(), hashlib.sha256
    ).digest()
    return (int.from_bytes(digest[:8], "big") >> 1) or 1


def token_hash(token: str) -> str:
    normalised = "".join(token.split()).upper()
    return hmac.new(
        str(settings.SECRET_KEY).encode(), normalised.encode(), hashlib.sha256
    ).hexdigest()


def agency_map(units: list[tuple[int, int | None, str]]) -> dict[int, int]:
    """unit id → its agency, the group rankings compare: the commune or ward the unit belongs
    to (its public-service centre rates as the commune), else the nearest unit at or above it
    that is not a division (phòng, ban trực thuộc)."""
    by_id = {uid: (parent, kind) for uid, parent, kind in units}
    result: dict[int, int] = {}
    for uid in by_id:
        chain: list[int] = []
        current: int | None = uid
        while current is not None and current in by_id and len(chain) < 50:
            chain.append(current)
            current = by_id[current][0]
        commune = next((u for u in chain if by_id[u][1] == "commune"), None)
        if commune is not None:
            result[uid] = commune
            continue
        result[uid] = next((u for u in chain if by_id[u][1] != "division"), uid)
    return result
