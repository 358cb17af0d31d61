"""Reads of codes of conduct for pages and the API (always through `for_actor`).

The system-level look-ups other apps use (`category_list`, `version_in_force`,
`clause_in_force`) live in `conduct.in_force` and are re-exported here, so callers import
them from `congso.conduct.selectors`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.utils import timezone

from congso.common.permissions import Cap
from congso.common.scoping import Actor, get_for_actor
from congso.conduct.in_force import (
    category_list,
    clause_in_force,
    in_force_filter,
    version_in_force,
    versions_in_force_by_unit,
)
from congso.conduct.models import (
    Attestation,
    Clause,
    CodeOfConduct,
    CodeVersion,
)
from congso.conduct.rules import ClauseText, diff_versions, percent
from congso.org.models import OrgUnit, Person

__all__ = [
    "category_list",
    "clause_in_force",
    "version_in_force",
]


def code_list(*, actor: Actor) -> QuerySet[CodeOfConduct]:
    """Codes the actor may read, with their unit, in unit order."""
    return (
        CodeOfConduct.objects.for_actor(actor, Cap.CONDUCT_VIEW)
        .select_related("unit")
        .order_by("unit__sort_key", "id")
    )


def code_get(*, actor: Actor, pk, capability: str = Cap.CONDUCT_VIEW) -> CodeOfConduct:
    return get_for_actor(
        CodeOfConduct.objects.select_related("unit"), actor, pk, capability=capability
    )


def version_list(*, actor: Actor, code: CodeOfConduct) -> QuerySet:
    return (
        CodeVersion.objects.for_actor(actor, Cap.CONDUCT_VIEW)
        .filter(code=code)
        .annotate(clause_count=Count("clauses"))
        .order_by("-number")
    )


def version_get(*, actor: Actor, pk, capability: str = Cap.CONDUCT_VIEW) -> CodeVersion:
    return get_for_actor(
        CodeVersion.objects.select_related("code", "unit"), actor, pk, capability=capability
    )


def current_version(*, actor: Actor, code: CodeOfConduct, on: date) -> CodeVersion | None:
    """The code's own version in force on `on` (not an ancestor's)."""
    return (
        CodeVersion.objects.for_actor(actor, Cap.CONDUCT_VIEW)
        .filter(in_force_filter(on), code=code)
        .order_by("-effective_from")
        .first()
    )


def clause_list(*, version: CodeVersion) -> QuerySet[Clause]:
    """Clauses of a version the caller already fetched through version_get."""
    return version.clauses.select_related("category").order_by("ordering", "id")


def clause_get(*, actor: Actor, pk, capability: str = Cap.CONDUCT_VIEW) -> Clause:
    return get_for_actor(
        Clause.objects.select_related("version", "category"), actor, pk, capability=capability
    )


def units_without_code(*, actor: Actor):
    """Units where the actor keeps the rules and that have no code yet (agencies first)."""
    with_code = CodeOfConduct.objects.for_actor(actor, Cap.CONDUCT_MANAGE).values("unit_id")
    return (
        OrgUnit.objects.for_actor(actor, Cap.CONDUCT_MANAGE)
        .exclude(id__in=with_code)
        .filter(valid_to__isnull=True)
        .order_by("depth", "sort_key")
    )


@dataclass(frozen=True)
class MyCode:
    """The rules that govern the acting staff member today, and whether they attested."""

    version: CodeVersion | None
    clauses: list[Clause]
    attested_at: object | None


def my_code(*, actor: Actor) -> MyCode:
    """A staff member may always read the rules in force for their own unit, even when they
    come from an ancestor's code (a division follows its agency's)."""
    if actor.home_unit_id is None or actor.person_id is None:
        return MyCode(None, [], None)
    version = version_in_force(unit_id=actor.home_unit_id, on=timezone.localdate())
    if version is None:
        return MyCode(None, [], None)
    attested = (
        Attestation.objects.for_actor(actor, Cap.CONDUCT_ATTEST)
        .filter(person_id=actor.person_id, version=version)
        .values_list("at", flat=True)
        .first()
    )
    return MyCode(version, list(clause_list(version=version)), attested)


def version_diff(*, old: CodeVersion, new: CodeVersion):
    """Clause-level diff of two versions the caller fetched through version_get."""

    def texts(version: CodeVersion) -> list[ClauseText]:
        return [
            ClauseText(c.number, c.title, c.text, c.category.name if c.category else None)
            for c in clause_list(version=version)
        ]

    return diff_versions(texts(old), texts(new))


@dataclass(frozen=True)
class CompletionRow:
    unit_id: int
    name: str
    staff: int
    attested: int
    has_children: bool
    own_only: bool = False

    @property
    def percent(self) -> int:
        return percent(self.attested, self.staff)


def attestation_completion(*, actor: Actor, unit, on: date | None = None) -> list[CompletionRow]:
    """Active staff and how many attested the version in force for their unit, for `unit`
    (its own staff) and each visible child (whole subtree). Five queries."""
    on = on or timezone.localdate()
    units = dict(
        OrgUnit.objects.for_actor(actor, Cap.CONDUCT_REPORT)
        .in_subtree(unit)
        .values_list("id", "path")
    )
    governing = versions_in_force_by_unit(unit_paths=units, on=on)
    staff_rows = (
        Person.objects.for_actor(actor, Cap.CONDUCT_REPORT)
        .filter(is_active=True, unit_id__in=list(units))
        .values("unit_id")
        .annotate(n=Count("id"))
    )
    staff = {row["unit_id"]: row["n"] for row in staff_rows}
    version_ids = sorted({v for v in governing.values() if v is not None})
    attested_rows = (
        Attestation.objects.for_actor(actor, Cap.CONDUCT_REPORT)
        .filter(person__is_active=True, person__unit_id__in=list(units), version_id__in=version_ids)
        .values("person__unit_id", "version_id")
        .annotate(n=Count("person_id", distinct=True))
    )
    attested: dict[int, int] = {}
    for row in attested_rows:
        if governing.get(row["person__unit_id"]) == row["version_id"]:
            attested[row["person__unit_id"]] = row["n"]
    children = (
        OrgUnit.objects.for_actor(actor, Cap.CONDUCT_REPORT)
        .filter(parent=unit)
        .order_by("sort_key")
        .values_list("id", "name", "path")
    )
    rows = [
        CompletionRow(
            unit.pk, unit.name, staff.get(unit.pk, 0), attested.get(unit.pk, 0), False, True
        )
    ]
    for child_id, name, path in children:
        members = [u for u, p in units.items() if p.startswith(path)]
        rows.append(
            CompletionRow(
                child_id,
                name,
                sum(staff.get(u, 0) for u in members),
                sum(attested.get(u, 0) for u in members),
                len(members) > 1,
            )
        )
    return rows


def unattested_people(*, actor: Actor, unit, on: date | None = None, limit: int = 200):
    """Active staff working directly in `unit` who have not attested the version in force
    for it (the last step of the drill-down, so a head can remind them). Three queries."""
    on = on or timezone.localdate()
    version = versions_in_force_by_unit(unit_paths={unit.pk: unit.path}, on=on)[unit.pk]
    people = Person.objects.for_actor(actor, Cap.CONDUCT_REPORT).filter(unit=unit, is_active=True)
    if version is not None:
        attested = Attestation.objects.for_actor(actor, Cap.CONDUCT_REPORT).filter(
            version_id=version
        )
        people = people.exclude(id__in=attested.values("person_id"))
    return list(people.order_by("sort_key", "id")[:limit])


def managed_unit_get(*, actor: Actor, pk) -> OrgUnit:
    return get_for_actor(OrgUnit, actor, pk, capability=Cap.CONDUCT_MANAGE)


def report_unit_get(*, actor: Actor, pk) -> OrgUnit:
    return get_for_actor(OrgUnit, actor, pk, capability=Cap.CONDUCT_REPORT)


def completion_root(*, actor: Actor) -> OrgUnit | None:
    """The highest unit whose completion the actor may see (the start of the drill-down)."""
    return (
        OrgUnit.objects.for_actor(actor, Cap.CONDUCT_REPORT).order_by("depth", "sort_key").first()
    )
