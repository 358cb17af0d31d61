"""Reads of org units and people, always through `for_actor`."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from congso.accounts.permissions import Cap
from congso.common.scoping import Actor, get_for_actor
from congso.common.text import search_key
from congso.org.models import Assignment, OrgUnit, Person, ServiceCounter


def unit_list(*, actor: Actor) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.for_actor(actor)


def unit_get(*, actor: Actor, pk) -> OrgUnit:
    return get_for_actor(OrgUnit.objects.select_related("parent"), actor, pk)


def unit_children(*, actor: Actor, unit: OrgUnit | None) -> QuerySet[OrgUnit]:
    """Visible children of `unit` (roots of the actor's reach when unit is None),
    with the number of active staff in each child's whole subtree."""
    units = OrgUnit.objects.for_actor(actor)
    if unit is None:
        visible = list(units.values_list("id", "parent_id"))
        ids = {u for u, _p in visible}
        roots = [u for u, p in visible if p not in ids]
        return units.filter(id__in=roots)
    return units.filter(parent=unit)


def head_counts(*, actor: Actor, units: list[OrgUnit]) -> dict[int, int]:
    """Active staff per unit, counting the whole subtree under each unit (one query)."""
    if not units:
        return {}
    people = Person.objects.for_actor(actor).filter(is_active=True)
    condition = Q()
    for unit in units:
        condition |= Q(unit__path__startswith=unit.path)
    rows = people.filter(condition).values("unit__path").annotate(n=Count("id"))
    counts = {unit.pk: 0 for unit in units}
    for row in rows:
        for unit in units:
            if row["unit__path"].startswith(unit.path):
                counts[unit.pk] += row["n"]
    return counts


def person_list(
    *,
    actor: Actor,
    query: str = "",
    unit: OrgUnit | None = None,
    include_subunits: bool = True,
    category: str = "",
    active_only: bool = True,
) -> QuerySet[Person]:
    """People the actor may see, searched without diacritics, in Vietnamese order."""
    people = Person.objects.for_actor(actor, Cap.PEOPLE_VIEW).select_related("unit")
    if active_only:
        people = people.filter(is_active=True)
    if unit is not None:
        people = (
            people.filter(unit__path__startswith=unit.path)
            if include_subunits
            else people.filter(unit=unit)
        )
    if category:
        people = people.filter(category=category)
    key = search_key(query)
    for word in key.split(" ") if key else []:
        people = people.filter(search_key__contains=word)
    return people.order_by("sort_key", "id")


def person_get(*, actor: Actor, pk) -> Person:
    return get_for_actor(
        Person.objects.select_related("unit"), actor, pk, capability=Cap.PEOPLE_VIEW
    )


def assignment_history(*, actor: Actor, person: Person) -> QuerySet[Assignment]:
    """The whole history of a person the actor may see (fetched through person_get), including
    units outside the actor's reach: a transfer keeps the past readable."""
    return person.assignments.select_related("unit").order_by("-start_date")


def counter_list(*, actor: Actor, unit: OrgUnit | None = None) -> QuerySet[ServiceCounter]:
    counters = ServiceCounter.objects.for_actor(actor, Cap.ORG_VIEW).select_related("unit")
    return counters.filter(unit=unit) if unit is not None else counters
