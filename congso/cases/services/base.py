"""Helpers shared by the cases services."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from congso.common.scoping import Actor


def today() -> date:
    """The local date (one seam, so tests move time with time_machine)."""
    return timezone.localdate()


def actor_user_id(actor: Actor | None) -> int | None:
    return actor.user_id if actor is not None else None


def actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "hệ thống"  # stored label, like the audit log's
    return (actor.display_name or actor.username or "")[:200]


def clean_text(text: str | None) -> str:
    """NFC, trimmed, Unix line breaks kept (multi-line fields); None becomes ''."""
    import unicodedata

    return unicodedata.normalize("NFC", (text or "").replace("\r\n", "\n")).strip()
