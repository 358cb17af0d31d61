"""Helpers shared by the cases services."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from django.utils import timezone

from congso.cases.models import Case
from congso.cases.rules import RuleError
from congso.common.scoping import Actor


def case_lock(case: Case, *, states: Collection[str] | None = None, refusal: str = "") -> Case:
    """The one way a cases service takes the case it changes, inside its transaction.

    Re-reads the row with `select_for_update` (PostgreSQL row lock; SQLite's IMMEDIATE
    transactions hold the write lock already) and checks `states` on that fresh, locked row, so
    neither a stale in-memory object nor a concurrent change can slip past the check. Refuses
    with `RuleError(refusal)` when the locked case is in another state.
    """
    locked = (
        Case.objects.select_for_update(of=("self",))
        .select_related("category", "person")
        .get(pk=case.pk)
    )
    if states is not None and locked.state not in states:
        raise RuleError(refusal)
    return locked


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
