"""Per-year facts set by higher apps through this service (the one writer of YearFacts)."""

from __future__ import annotations

from django.db import transaction

from congso.common.scoping import Actor
from congso.common.services import fields_update
from congso.evaluation.models import YearFacts


def year_facts_set_initiative(
    *, actor: Actor | None, person, unit_id: int, year: int, recognised: bool
) -> YearFacts:
    """Record that the person has (or no longer has) a sáng kiến recognised by the competent
    council in `year` (R13). Called by the emulation app when its council recognises or
    withdraws an initiative; the caller has checked its own permission."""
    with transaction.atomic():
        facts, _created = YearFacts.unscoped.select_for_update().get_or_create(
            person=person, year=year, defaults={"unit_id": unit_id}
        )
        fields_update(
            actor=actor,
            obj=facts,
            action="evaluation.year_facts_initiative",
            values={"recognised_initiative": recognised},
            context={"person_id": person.pk, "year": year},
        )
    return facts
