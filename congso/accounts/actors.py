"""Build the request's `Actor` from the user's role grants (one or two queries)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from congso.common.permissions import (
    ROLE_CAPABILITIES,
    SELF_CAPABILITIES,
    role_reaches_subtree,
)
from congso.common.scoping import ANONYMOUS, WHOLE_PROVINCE, Actor
from congso.org.models import OrgUnit


def build_actor(user, *, second_factor_verified: bool = False) -> Actor:
    """Resolve a user's grants into capability → unit-id reach."""

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    grants = list(
        user.grants.select_related("unit").only("role", "unit__id", "unit__path", "unit__parent_id")
    )
    subtree_paths = {g.unit.path for g in grants if role_reaches_subtree(g.role)}
    whole = {p for p in subtree_paths if p.count("/") == 2}  # '/<root id>/' covers the province
    units_under: dict[str, set[int]] = {}
    partial_paths = sorted(subtree_paths - whole)
    if partial_paths:
        condition = Q()
        for path in partial_paths:
            condition |= Q(path__startswith=path)
        rows = OrgUnit.unscoped.filter(condition).values_list("id", "path")
        for path in partial_paths:
            units_under[path] = set()
        for unit_id, unit_path in rows:
            for path in partial_paths:
                if unit_path.startswith(path):
                    units_under[path].add(unit_id)
    reach: dict[str, set[int] | None] = defaultdict(set)
    for grant in grants:
        for cap in ROLE_CAPABILITIES.get(grant.role, ()):
            if reach.get(cap, set()) is WHOLE_PROVINCE:
                continue
            if role_reaches_subtree(grant.role) and grant.unit.path in whole:
                reach[cap] = WHOLE_PROVINCE
            elif role_reaches_subtree(grant.role):
                reach[cap] |= units_under[grant.unit.path]  # type: ignore[operator]
            else:
                reach[cap].add(grant.unit.id)  # type: ignore[union-attr]
    person = getattr(user, "person", None) if user.person_id else None
    return Actor(
        user_id=user.pk,
        username=user.get_username(),
        display_name=(person.full_name if person else user.get_full_name()) or user.username,
        person_id=user.person_id,
        home_unit_id=person.unit_id if person else None,
        roles=frozenset(g.role for g in grants),
        reach={cap: (None if ids is None else frozenset(ids)) for cap, ids in reach.items()},
        self_capabilities=SELF_CAPABILITIES if user.person_id else frozenset(),
        second_factor_verified=second_factor_verified,
    )
