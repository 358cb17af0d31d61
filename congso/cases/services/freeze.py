"""The award freeze ("xét khen thưởng tạm dừng", NĐ 152/2025/NĐ-CP).

A person carries the flag while any freeze row is open: one per open case about them (opened
and closed by the case workflow) and one per inspection concerning them (opened and closed by
the inspections app through `award_freeze_open` / `award_freeze_close`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from congso.cases.choices import FreezeReason
from congso.cases.models import AwardFreeze, Case
from congso.cases.rules import FREEZING_STATES
from congso.common.audit import audit_record
from congso.common.scoping import Actor


def award_freeze_open(
    *, actor: Actor | None, person, reason: str, ref: str, note: str = ""
) -> AwardFreeze:
    """Open (or return the already open) freeze of `person` for `ref`."""
    if reason not in FreezeReason.values:
        raise ValueError(f"unknown freeze reason {reason!r}")
    with transaction.atomic():
        existing = AwardFreeze.unscoped.filter(
            person=person, ref=ref, closed_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        freeze = AwardFreeze.unscoped.create(
            person=person,
            unit_id=person.unit_id,
            reason=reason,
            ref=ref[:60],
            note=note[:300],
            opened_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="cases.award_freeze_open",
            obj=freeze,
            new={"person": person.pk, "reason": reason, "ref": ref},
        )
    return freeze


def award_freeze_close(*, actor: Actor | None, person, ref: str) -> int:
    """Close the open freeze of `person` for `ref`; returns how many rows were closed."""
    with transaction.atomic():
        rows = list(AwardFreeze.unscoped.filter(person=person, ref=ref, closed_at__isnull=True))
        now = timezone.now()
        for freeze in rows:
            freeze.closed_at = now
            freeze.save(update_fields=["closed_at"])
            audit_record(
                actor=actor,
                action="cases.award_freeze_close",
                obj=freeze,
                old={"closed_at": None},
                new={"person": person.pk, "ref": ref, "closed_at": now},
            )
    return len(rows)


def case_ref(case: Case) -> str:
    return f"cases.case:{case.pk}"


def sync_case_freeze(*, actor: Actor | None, case: Case) -> None:
    """Open the case's freeze while it is open about a person; close it otherwise."""
    if case.person_id is None:
        return
    person = case.person
    should_freeze = (
        case.kind == "misconduct" and case.state in FREEZING_STATES and not case.reversed
    )
    if should_freeze:
        award_freeze_open(
            actor=actor, person=person, reason=FreezeReason.OPEN_CASE, ref=case_ref(case)
        )
    else:
        award_freeze_close(actor=actor, person=person, ref=case_ref(case))
