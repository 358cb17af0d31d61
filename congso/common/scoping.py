"""Agency scoping: the one function that decides which rows an actor may see.

An `Actor` is resolved once per request (accounts.middleware). It carries, for every capability
it holds, the set of org-unit ids where that capability reaches (`None` means the whole
province). `ScopedQuerySet.for_actor` turns that into a filter; `get_for_actor` answers 404 for
a row that does not exist and for one the actor may not see alike, so the answer reveals
nothing (the design goal of Zulip's access_stream_by_id).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import Promise

WHOLE_PROVINCE = None  # value of a reach that covers every unit


@dataclass(frozen=True)
class Actor:
    """Who is acting, with what reach. Immutable; built by `accounts.actors.build_actor`."""

    user_id: int | None = None
    username: str = ""
    display_name: str = ""
    person_id: int | None = None
    home_unit_id: int | None = None
    roles: frozenset[str] = frozenset()
    # capability -> unit ids where it applies; None = every unit of the province.
    reach: Mapping[str, frozenset[int] | None] = field(default_factory=dict)
    # capabilities the actor holds over rows about themself (own person record, own ratings).
    self_capabilities: frozenset[str] = frozenset()
    second_factor_verified: bool = False

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    def has(self, capability: str) -> bool:
        """True when the capability applies somewhere (or to the actor's own rows)."""
        return capability in self.reach or capability in self.self_capabilities

    def unit_ids(self, capability: str) -> frozenset[int] | None:
        """Units where `capability` applies: a set, or None for the whole province."""
        if capability not in self.reach:
            return frozenset()
        return self.reach[capability]

    def can(self, capability: str, unit_id: int | None) -> bool:
        """True when `capability` applies on the given unit."""
        if capability not in self.reach:
            return False
        ids = self.reach[capability]
        return ids is WHOLE_PROVINCE or (unit_id is not None and unit_id in ids)


ANONYMOUS = Actor()


def require(
    actor: Actor | None,
    capability: str,
    unit_id: int | None,
    *,
    message: str | Promise | None = None,
) -> None:
    """The permission check every service makes before it writes.

    System jobs (actor=None: the demo loader, migrations, scheduled tasks) pass; a person needs
    `capability` on the unit. The refusal is `PermissionDenied`, carrying `message` when the
    page should say why.
    """
    if actor is not None and not actor.can(capability, unit_id):
        raise PermissionDenied(message) if message else PermissionDenied


def subtree(unit: Any, *, via: str = "unit") -> Q:
    """Rows whose `via` unit is `unit` or below it: org units keep a materialised path
    ("/1/4/9/"), so a subtree is one prefix match. `via=""` for org units themselves."""
    return Q(**{f"{via}__path__startswith" if via else "path__startswith": unit.path})


_M = TypeVar("_M", bound=models.Model)


class TreeQuerySet(models.QuerySet[_M]):
    """Rows placed in the org tree; `in_subtree` is the one subtree filter."""

    def in_subtree(self, unit: Any, *, via: str | None = None) -> Self:
        """Rows of `unit` and everything below it, through the model's `subtree_field`
        ("unit" by default) or the given lookup."""
        field = via if via is not None else getattr(self.model, "subtree_field", "unit")
        return self.filter(subtree(unit, via=field))


class ScopedQuerySet(TreeQuerySet[_M]):
    """QuerySet whose `for_actor` is the only visibility filter in the project."""

    def for_actor(self, actor: Actor, capability: str | None = None) -> Self:
        model = self.model
        cap = capability or model.view_capability
        condition = Q()
        matched = False
        if cap in actor.reach:
            ids = actor.reach[cap]
            if ids is WHOLE_PROVINCE:
                return self.all()
            if ids:
                condition |= Q(**{f"{model.scope_field}__in": sorted(ids)})
                matched = True
        self_field = getattr(model, "self_field", None)
        if self_field and actor.person_id and cap in actor.self_capabilities:
            condition |= Q(**{self_field: actor.person_id})
            matched = True
        if not matched:
            return self.none()
        return self.filter(condition)


class ScopedModel(models.Model):
    """A row that belongs to an org unit and is visible through `for_actor` only.

    Subclasses set `view_capability` (the capability needed to read them) and, when a person
    may read rows about themself, `self_field` (the lookup to that person's id).
    """

    unit = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()
    unscoped = TreeQuerySet.as_manager()  # admin, migrations and system jobs only

    scope_field = "unit_id"
    view_capability = "org.view"
    self_field: str | None = None

    class Meta:
        abstract = True


M = TypeVar("M", bound=models.Model)


def get_for_actor(queryset: Any, actor: Actor, pk: Any, *, capability: str | None = None) -> Any:
    """Fetch one row the actor may see, else 404 (same answer for missing and forbidden)."""
    if isinstance(queryset, type):
        queryset = queryset.objects.all()
    try:
        return queryset.for_actor(actor, capability).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
