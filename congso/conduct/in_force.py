"""System-level look-ups: which rules governed a unit on a day.

Used by other apps' services (cases, inspections) through `congso.conduct.selectors`, which
re-exports them. They take no actor because they answer a question of law ("which clause
applied to this unit on that day?"), not one of visibility: the caller has already checked that
its actor may act on the unit, and a staff member may always read the rules that govern them.
They read with the unscoped manager, so they live outside the guarded `selectors.py`.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from congso.conduct.models import Clause, CodeVersion, VersionStatus, ViolationCategory
from congso.conduct.rules import ancestor_ids
from congso.org.models import OrgUnit


def category_list() -> QuerySet[ViolationCategory]:
    """Active categories of the province-wide taxonomy, in display order."""
    return ViolationCategory.objects.filter(is_active=True).order_by("sort_order", "code")


def _unit_chain(unit_id: int) -> list[int]:
    """The unit and its ancestors, nearest first ([] for an unknown unit)."""

    path = OrgUnit.unscoped.filter(pk=unit_id).values_list("path", flat=True).first()
    return ancestor_ids(path) if path else []


def in_force_filter(on: date) -> Q:
    """Published versions whose [effective_from, effective_to) contains `on`."""
    return Q(status=VersionStatus.PUBLISHED, effective_from__lte=on) & (
        Q(effective_to__isnull=True) | Q(effective_to__gt=on)
    )


def version_in_force(*, unit_id: int, on: date) -> CodeVersion | None:
    """The code version that governs `unit_id` on `on`.

    The unit's own code applies when it has a version in force that day; otherwise the nearest
    ancestor's (a division follows its agency's rules, an agency without rules yet follows its
    parent's). None when no unit up the tree has a version in force.
    """
    chain = _unit_chain(unit_id)
    if not chain:
        return None
    versions = {
        v.unit_id: v
        for v in CodeVersion.unscoped.select_related("code")
        .filter(in_force_filter(on), unit_id__in=chain)
        .order_by("effective_from")
    }
    for candidate in chain:
        if candidate in versions:
            return versions[candidate]
    return None


def clause_in_force(*, unit_id: int, category_code: str, on: date) -> Clause | None:
    """The first clause (in article order) for `category_code` of the version that governs
    `unit_id` on `on`; None when no version is in force or it has no clause for the category."""
    version = version_in_force(unit_id=unit_id, on=on)
    if version is None:
        return None
    return (
        Clause.unscoped.select_related("category", "version")
        .filter(version=version, category__code=category_code)
        .order_by("ordering", "id")
        .first()
    )


def versions_in_force_by_unit(*, unit_paths: dict[int, str], on: date) -> dict[int, int | None]:
    """For many units at once (unit id → materialised path): the id of the version that governs
    each unit on `on` (own or nearest ancestor's), None where nothing is in force. One query."""
    chains = {unit_id: ancestor_ids(path) for unit_id, path in unit_paths.items()}
    every = {u for chain in chains.values() for u in chain}
    in_force_ids = dict(
        CodeVersion.unscoped.filter(in_force_filter(on), unit_id__in=sorted(every))
        .order_by("effective_from")
        .values_list("unit_id", "id")
    )
    result: dict[int, int | None] = {}
    for unit_id, chain in chains.items():
        result[unit_id] = next((in_force_ids[u] for u in chain if u in in_force_ids), None)
    return result
