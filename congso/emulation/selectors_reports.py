"""Reads of the emulation movement for the reports app's dashboards: a subtree's
registrations and titles in a year. Grouped queries, read with the actor."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from congso.common.scoping import Actor
from congso.emulation.models import Award, Registration, RegistrationState


@dataclass
class EmulationTally:
    registrations: int = 0  # sent or approved (drafts and returned ones are not counted)
    approved: int = 0
    awards: int = 0  # decided in the year, not revoked
    individuals: int = 0
    by_title: dict[str, int] = field(default_factory=dict)

    @property
    def collectives(self) -> int:
        return self.awards - self.individuals


def emulation_tally(*, actor: Actor, unit_path: str, year: int) -> EmulationTally:
    """Registrations for the year's plans and awards decided in the year (not revoked) whose
    unit is in the subtree at `unit_path`, titles counted by name. Two queries."""
    sent = [RegistrationState.SUBMITTED, RegistrationState.APPROVED]
    counts = (
        Registration.objects.for_actor(actor)
        .filter(plan__year=year, unit__path__startswith=unit_path, state__in=sent)
        .aggregate(n=Count("id"), approved=Count("id", filter=Q(state=RegistrationState.APPROVED)))
    )
    tally = EmulationTally(counts["n"], counts["approved"])
    rows = (
        Award.objects.for_actor(actor)
        .filter(decision__year=year, revoked_on__isnull=True, unit__path__startswith=unit_path)
        .values("title__name", "title__sort")
        .annotate(n=Count("id"), individuals=Count("id", filter=Q(person__isnull=False)))
        .order_by("title__sort", "title__name")
    )
    for row in rows:
        tally.by_title[row["title__name"]] = row["n"]
        tally.awards += row["n"]
        tally.individuals += row["individuals"]
    return tally
