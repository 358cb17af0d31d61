"""Public reads (honour roll, certificate verification, the honour roll of one unit for other
apps' public pages): only what is final — awards under an issued decision, not revoked;
confirmed exemplars. No actor: these pages are for citizens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import Http404

from congso.cases.models import Exemplar
from congso.emulation.models import (
    Award,
    Decision,
)
from congso.org.models import OrgUnit, UnitKind


def public_award(*, code: str) -> Award:
    award = (
        Award.unscoped.select_related("decision", "title", "unit")
        .filter(code=code.strip().upper())
        .first()
    )
    if award is None:
        raise Http404
    return award


def _final_awards(year: int):
    """Awards under an issued decision of `year`, not revoked: the only awards made public."""
    return (
        Award.unscoped.filter(decision__year=year, revoked_on__isnull=True)
        .select_related("decision", "title", "unit")
        .order_by("title__sort", "unit__sort_key", "subject_name")
    )


def honour_roll(*, year: int, unit: OrgUnit | None = None) -> list[Award]:
    rows = _final_awards(year)
    return list(rows.in_subtree(unit) if unit is not None else rows)


def public_exemplars(*, year: int, unit: OrgUnit | None = None) -> list[Exemplar]:
    rows = Exemplar.unscoped.filter(recognised_on__year=year)
    if unit is not None:
        rows = rows.in_subtree(unit)
    return list(rows.select_related("person", "unit").order_by("-recognised_on")[:200])


def honour_units(*, year: int) -> list[OrgUnit]:
    """The agencies (and communes, the province) with a public award in `year`, for the
    honour roll's unit filter: each award counts for its unit and every unit above it."""
    ids: set[int] = set()
    for path in _final_awards(year).values_list("unit__path", flat=True).distinct():
        ids.update(int(part) for part in path.strip("/").split("/") if part)
    return list(
        OrgUnit.unscoped.filter(pk__in=ids)
        .exclude(kind=UnitKind.DIVISION)
        .order_by("depth", "sort_key")
    )


def public_unit(*, pk) -> OrgUnit:
    """A unit named on a public page (404 for a division or an unknown id)."""
    unit = (
        OrgUnit.unscoped.exclude(kind=UnitKind.DIVISION).filter(pk=pk).first()
        if str(pk).isdigit()
        else None
    )
    if unit is None:
        raise Http404
    return unit


@dataclass(frozen=True)
class HonourEntry:
    """One line of a public honour roll: only what the certificate verification page shows."""

    subject_name: str
    unit_name: str
    title_name: str
    decision_ref: str
    signed_on: date
    code: str
    individual: bool


@dataclass(frozen=True)
class HonourExemplar:
    person_name: str
    unit_name: str
    summary: str
    recognised_on: date


@dataclass(frozen=True)
class HonourRoll:
    unit_name: str
    year: int
    awards: tuple[HonourEntry, ...]
    exemplars: tuple[HonourExemplar, ...]

    def __bool__(self) -> bool:
        return bool(self.awards or self.exemplars)


def honour_roll_for(unit: OrgUnit, year: int) -> HonourRoll:
    """The public honour roll of `unit` and the units below it for `year`, for other apps'
    public pages (the reports app's page per agency): final awards only (under an issued
    decision, not revoked) and confirmed exemplars, as plain rows without ids or amounts.
    Three queries. Render it with the template `emulation/public/_honour_roll.html`."""
    awards = tuple(
        HonourEntry(
            subject_name=a.subject_name,
            unit_name=a.unit.name,
            title_name=a.title.name,
            decision_ref=a.decision.ref,
            signed_on=a.decision.signed_on,
            code=a.code,
            individual=a.person_id is not None,
        )
        for a in honour_roll(year=year, unit=unit)
    )
    exemplars = tuple(
        HonourExemplar(
            person_name=e.person.full_name,
            unit_name=e.unit.name,
            summary=e.summary,
            recognised_on=e.recognised_on,
        )
        for e in public_exemplars(year=year, unit=unit)
    )
    return HonourRoll(unit_name=unit.name, year=year, awards=awards, exemplars=exemplars)


def honour_years() -> list[int]:
    return sorted(set(Decision.unscoped.values_list("year", flat=True).distinct()), reverse=True)
