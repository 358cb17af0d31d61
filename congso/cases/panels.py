"""Panels the cases app adds to pages of lower apps (see `person_panels` on CasesConfig).

The org person page knows nothing about cases; it calls every `person_panels` entry of every
app and renders what comes back.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from congso.cases.choices import CultureKind
from congso.cases.models import Case
from congso.cases.selectors import award_freeze_for, confirmed_violations
from congso.common.permissions import Cap
from congso.common.scoping import Actor

CASE_REF = "cases.case:"


def _case_id(ref: str) -> int | None:
    if ref.startswith(CASE_REF) and ref[len(CASE_REF) :].isdigit():
        return int(ref[len(CASE_REF) :])
    return None


def person_award_freeze_panel(*, actor: Actor, person) -> dict | None:
    """The "xét khen thưởng tạm dừng" flag (NĐ 152/2025) and this year's confirmed violations.

    Shown to whoever has cases.view on the person's unit, and to the person themself; None
    otherwise, and when there is nothing to say (no freeze, no violation this year)."""
    is_self = bool(actor.person_id) and actor.person_id == person.pk
    if not (is_self or actor.can(Cap.CASES_VIEW, person.unit_id)):
        return None
    today = timezone.localdate()
    freeze = award_freeze_for(person_id=person.pk, on=today)
    violations = confirmed_violations(person_id=person.pk, year=today.year)
    if not freeze and not violations:
        return None
    case_ids = {cid for cid in (_case_id(item.ref) for item in freeze) if cid is not None}
    case_ids |= {v.case_id for v in violations}
    visible = (
        dict(
            Case.objects.for_actor(actor, Cap.CASES_VIEW)
            .filter(pk__in=sorted(case_ids))
            .values_list("pk", "code")
        )
        if case_ids
        else {}
    )

    def link(case_id: int | None) -> dict | None:
        if case_id in visible:
            return {"url": reverse("cases:case", args=[case_id]), "code": visible[case_id]}
        return None

    reasons = [
        {"label": item.label, "since": item.since, "case": link(_case_id(item.ref))}
        for item in freeze
    ]
    office = sum(1 for v in violations if v.culture == CultureKind.OFFICE)
    return {
        "template": "cases/panels/person_award_freeze.html",
        "context": {
            "frozen": bool(freeze),
            "reasons": reasons,
            "year": today.year,
            "violation_count": len(violations),
            "office_count": office,
            "public_place_count": sum(
                1 for v in violations if v.culture == CultureKind.PUBLIC_PLACE
            ),
            "violations": [{"v": v, "case": link(v.case_id)} for v in violations],
        },
    }
