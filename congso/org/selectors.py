"""Reads of org units and people, always through `for_actor`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, Q, QuerySet

from congso.common.permissions import Cap
from congso.common.scoping import Actor, get_for_actor
from congso.common.text import search_key
from congso.org.models import (
    Assignment,
    CategoryRecord,
    OrgUnit,
    Person,
    ServiceCounter,
    StaffCategory,
)


def _valid_on(day: date) -> Q:
    """Units in force on `day` (valid_from <= day < valid_to, open ends allowed)."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=day)
    )


def unit_list(*, actor: Actor, query: str = "", on: date | None = None) -> QuerySet[OrgUnit]:
    """Units the actor may see, optionally searched (no diacritics) and in force on `on`."""
    units = OrgUnit.objects.for_actor(actor)
    if on is not None:
        units = units.filter(_valid_on(on))
    key = search_key(query)
    if key:
        words = Q()
        for word in key.split(" "):
            words &= Q(search_key__startswith=word) | Q(search_key__contains=f" {word}")
        code = query.strip().upper()
        units = units.filter(words | Q(code=code) | Q(statistical_code=code))
    return units.order_by("sort_key", "id")


# Deep enough for province → agency → division → team → group; deeper ancestors are read
# one row at a time by unit_ancestors (rare).
_ANCESTORS = "parent__parent__parent__parent__parent"


def unit_get(*, actor: Actor, pk) -> OrgUnit:
    """One unit the actor may see (404 otherwise), with its ancestors joined in."""
    return get_for_actor(OrgUnit.objects.select_related(_ANCESTORS), actor, pk)


def unit_children(
    *, actor: Actor, unit: OrgUnit | None, on: date | None = None, include_expired: bool = False
) -> QuerySet[OrgUnit]:
    """Visible children of `unit` (roots of the actor's reach when unit is None).

    With `on`, only units in force that day, unless `include_expired` (then every unit, and
    the page greys those not in force)."""
    units = OrgUnit.objects.for_actor(actor)
    if unit is None:
        visible = list(units.values_list("id", "parent_id"))
        ids = {u for u, _p in visible}
        roots = [u for u, p in visible if p not in ids]
        children = units.filter(id__in=roots)
    else:
        children = units.filter(parent=unit)
    if on is not None and not include_expired:
        children = children.filter(_valid_on(on))
    return children.order_by("sort_key", "id")


def _common_prefix(paths: list[str]) -> str:
    """Longest common materialised path of `paths` ('/1/5/' and '/1/7/' → '/1/')."""
    parts = [p.strip("/").split("/") for p in paths]
    common: list[str] = []
    for group in zip(*parts, strict=False):
        if len(set(group)) != 1:
            break
        common.append(group[0])
    return "/" + "".join(f"{part}/" for part in common)


def head_counts(*, actor: Actor, units: list[OrgUnit]) -> dict[int, int]:
    """Active staff per unit, counting each unit's whole subtree; one query for the list.

    Counts are aggregates over units the actor may view (org.view), so a staff member sees
    the size of their own agency without seeing anyone's record."""
    if not units:
        return {}
    counts = {unit.pk: 0 for unit in units}
    rows = (
        Person.objects.for_actor(actor, Cap.ORG_VIEW)
        .filter(is_active=True, unit__path__startswith=_common_prefix([u.path for u in units]))
        .values("unit__path")
        .annotate(n=Count("id"))
    )
    for row in rows:
        for part in row["unit__path"].strip("/").split("/"):
            unit_id = int(part)
            if unit_id in counts:
                counts[unit_id] += row["n"]
    return counts


@dataclass(frozen=True)
class CategoryCount:
    category: str
    label: str
    count: int
    percent: float  # of the largest bar, for drawing


def category_counts(*, actor: Actor, unit: OrgUnit) -> list[CategoryCount]:
    """Active staff of the unit's subtree by category (every category, zeros included)."""
    rows = dict(
        Person.objects.for_actor(actor, Cap.ORG_VIEW)
        .in_subtree(unit)
        .filter(is_active=True)
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    top = max(rows.values(), default=0) or 1
    return [
        CategoryCount(value, str(label), rows.get(value, 0), 100 * rows.get(value, 0) / top)
        for value, label in StaffCategory.choices
    ]


@dataclass(frozen=True)
class Ancestor:
    pk: int
    name: str
    linked: bool  # False when outside the actor's reach: shown as text only


def unit_ancestors(*, actor: Actor, unit: OrgUnit) -> list[Ancestor]:
    """The chain from the root down to `unit`'s parent (joined by unit_get). Names of units
    above the actor's reach are public facts of the org tree (the portal lists agencies), so
    they are shown as plain text; only units the actor may view become links."""
    chain: list[Ancestor] = []
    node = unit.parent
    while node is not None:
        chain.append(Ancestor(node.pk, node.name, actor.can(Cap.ORG_VIEW, node.pk)))
        node = node.parent
    return chain[::-1]


def unit_options(*, actor: Actor, capability: str, on: date) -> list[tuple[int, str]]:
    """(id, indented name) of units in force on `on` where `capability` applies, in tree
    order: for filter and target-unit selects (one query)."""
    rows = list(
        OrgUnit.objects.for_actor(actor, capability)
        .filter(_valid_on(on))
        .values_list("id", "parent_id", "name", "sort_key", "depth")
    )
    by_parent: dict[int | None, list[tuple]] = {}
    ids = {row[0] for row in rows}
    for row in rows:
        by_parent.setdefault(row[1] if row[1] in ids else None, []).append(row)
    result: list[tuple[int, str]] = []
    stack = sorted(by_parent.get(None, []), key=lambda r: r[3], reverse=True)
    base = min((row[4] for row in stack), default=0)
    while stack:
        row = stack.pop()
        result.append((row[0], "\u2003" * (row[4] - base) + row[2]))
        stack.extend(sorted(by_parent.get(row[0], []), key=lambda r: r[3], reverse=True))
    return result


def person_list(
    *,
    actor: Actor,
    query: str = "",
    unit: OrgUnit | None = None,
    include_subunits: bool = True,
    category: str = "",
    active: bool | None = True,
) -> QuerySet[Person]:
    """People the actor may see, searched without diacritics or case (each word of the
    query must start a word of the name or the staff code), in Vietnamese order (given
    name first). `active`: True = đang công tác, False = đã nghỉ, None = all."""
    people = Person.objects.for_actor(actor, Cap.PEOPLE_VIEW).select_related("unit")
    if active is not None:
        people = people.filter(is_active=active)
    if unit is not None:
        people = people.in_subtree(unit) if include_subunits else people.filter(unit=unit)
    if category:
        people = people.filter(category=category)
    key = search_key(query)
    for word in key.split(" ") if key else []:
        people = people.filter(Q(search_key__startswith=word) | Q(search_key__contains=f" {word}"))
    return people.order_by("sort_key", "id")


EXPORT_COLUMNS = (
    "staff_code",
    "full_name",
    "sex",
    "birth_year",
    "category",
    "is_party_member",
    "position",
    "is_leader",
    "serves_citizens",
    "unit_id",
    "unit__code",
    "open_start",
    "is_active",
    "unit__name",
)


def person_export_rows(*, people: QuerySet[Person], chunk_size: int = 2000) -> Iterator[tuple]:
    """Plain value tuples of `people` (already scoped by person_list), in EXPORT_COLUMNS order,
    with the start of each person's open assignment; fetched in chunks so a 40,000-row export
    never holds model instances in memory."""
    # Through the people rows (already scoped): no assignment of anyone else is read.
    open_start = Max("assignments__start_date", filter=Q(assignments__end_date__isnull=True))
    return (
        people.annotate(open_start=open_start)
        .values_list(*EXPORT_COLUMNS)
        .iterator(chunk_size=chunk_size)
    )


def person_get(*, actor: Actor, pk) -> Person:
    return get_for_actor(
        Person.objects.select_related("unit"), actor, pk, capability=Cap.PEOPLE_VIEW
    )


def assignment_history(*, actor: Actor, person: Person) -> QuerySet[Assignment]:
    """The whole history of a person the actor may see (fetched through person_get), including
    units outside the actor's reach: a transfer keeps the past readable."""
    return person.assignments.select_related("unit").order_by("-start_date")


def open_assignment(*, actor: Actor, person: Person) -> Assignment | None:
    """The current (open) assignment of a person fetched through person_get."""
    return person.assignments.filter(end_date__isnull=True).first()


def counter_list(*, actor: Actor, unit: OrgUnit | None = None) -> QuerySet[ServiceCounter]:
    counters = ServiceCounter.objects.for_actor(actor, Cap.ORG_VIEW).select_related("unit")
    return counters.filter(unit=unit) if unit is not None else counters


def units_with_children(
    *, actor: Actor, units: list[OrgUnit], on: date | None = None, include_expired: bool = False
) -> set[int]:
    """Ids among `units` that have at least one visible child (one query): the tree shows an
    expand button only for those."""
    children = OrgUnit.objects.for_actor(actor).filter(parent__in=[u.pk for u in units])
    if on is not None and not include_expired:
        children = children.filter(_valid_on(on))
    return set(children.values_list("parent_id", flat=True).distinct())


# --- a person's staff category on a date -----------------------------------------------------


def categories_on(
    *, actor: Actor, person_ids, day: date, capability: str | None = None
) -> dict[int, str]:
    """{person id: staff category on `day`} for the given people the actor may see (through
    `capability`, people.view by default). A record is read when the actor reaches the unit
    it was written in or the person's unit today, so the head of a unit someone left still
    sees the category they had there. The category on a day is the latest record from that
    day or before; before the first record, the first record's; without any record, today's
    (people loaded in bulk without history). At most three queries, whatever the number of
    people."""
    cap = capability or "people.view"
    ids = sorted({int(i) for i in person_ids})
    if not ids:
        return {}
    visible_people = Person.objects.for_actor(actor, cap).filter(pk__in=ids)
    records = (
        CategoryRecord.unscoped.filter(person_id__in=ids)
        .filter(
            Q(
                pk__in=CategoryRecord.objects.for_actor(actor, cap)
                .filter(person_id__in=ids)
                .values("pk")
            )
            | Q(person_id__in=visible_people.values("pk"))
        )
        .order_by("person_id", "valid_from")
        .values_list("person_id", "category", "valid_from")
    )
    found: dict[int, str] = {}
    for person_id, category, valid_from in records:
        if valid_from <= day or person_id not in found:
            found[person_id] = category
    for person_id, category in visible_people.exclude(pk__in=list(found)).values_list(
        "pk", "category"
    ):
        found[person_id] = category
    return found


def category_on(*, actor: Actor, person: Person, day: date, capability: str | None = None) -> str:
    """A person's staff category on `day` (see categories_on); today's when nothing is
    recorded in the actor's reach."""
    found = categories_on(actor=actor, person_ids=[person.pk], day=day, capability=capability)
    return found.get(person.pk, person.category)


def category_history(*, actor: Actor, person: Person) -> list[CategoryRecord]:
    """The person's category records, newest first (for the person's page)."""
    return list(
        CategoryRecord.objects.for_actor(actor).filter(person=person).order_by("-valid_from")
    )


def unit_heads(*, actor: Actor, unit_ids: list[int]) -> dict[int, Person]:
    """The head of each unit (`org.rules.head_rank`): the active leader working directly in it
    with the most senior head's title, then by name order. One query; a unit without one is
    left out (the page says "chưa xác định")."""
    from congso.org.rules import head_rank

    best: dict[int, tuple[int, str, Person]] = {}
    people = (
        Person.objects.for_actor(actor, Cap.ORG_VIEW)
        .filter(unit_id__in=unit_ids, is_active=True, is_leader=True)
        .only("id", "full_name", "position", "unit_id", "sort_key")
    )
    for person in people:
        rank = head_rank(person.position)
        if rank is None:
            continue
        key = (rank, person.sort_key)
        held = best.get(person.unit_id)
        if held is None or key < held[:2]:
            best[person.unit_id] = (rank, person.sort_key, person)
    return {unit_id: held[2] for unit_id, held in best.items()}
