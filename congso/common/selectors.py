"""Reads shared by several pages."""

from __future__ import annotations

from dataclasses import dataclass

from congso.common.scoping import Actor


@dataclass(frozen=True)
class HomeSummary:
    units: int
    people: int
    counters: int


def home_summary(*, actor: Actor) -> HomeSummary:
    from congso.org.models import OrgUnit, Person, ServiceCounter

    return HomeSummary(
        units=OrgUnit.objects.for_actor(actor).count(),
        people=Person.objects.for_actor(actor).filter(is_active=True).count(),
        counters=ServiceCounter.objects.for_actor(actor, "org.view").count(),
    )
