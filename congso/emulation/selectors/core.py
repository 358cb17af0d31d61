"""Reads of the emulation app, always with the actor, through `for_actor`: the catalogue,
plans, registrations, urging, eligibility, history, initiatives, proposals and reviews.

Eligibility lists are built in a fixed number of queries whatever the number of people:
people, published or final results (evaluation.selectors), open award freezes, CSTĐCS history
and province-scope initiatives, each read once for the whole subtree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from congso.cases.models import AwardFreeze
from congso.common.permissions import Cap
from congso.common.scoping import Actor, get_for_actor
from congso.emulation import rules
from congso.emulation.models import (
    AwardTitle,
    BaseSalary,
    Initiative,
    InitiativeScope,
    InitiativeState,
    Plan,
    Proposal,
    Registration,
    RegistrationState,
    Review,
    Subject,
    TitleCoefficient,
    TitleRecord,
)
from congso.evaluation import selectors as evaluation
from congso.org.models import OrgUnit, Person, UnitKind


def agencies(*, actor: Actor, capability: str = Cap.EMULATION_VIEW) -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.for_actor(actor, capability)
        .exclude(kind=UnitKind.DIVISION)
        .order_by("depth", "sort_key")
    )


def unit_get(*, actor: Actor, pk, capability: str = Cap.EMULATION_VIEW) -> OrgUnit:
    return get_for_actor(OrgUnit, actor, pk, capability=capability)


def catalogue(*, active_only: bool = True) -> QuerySet[AwardTitle]:
    rows = AwardTitle.objects.all()
    return rows.filter(active=True) if active_only else rows


def catalogue_title(*, pk) -> AwardTitle:
    title = AwardTitle.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if title is None:
        raise Http404
    return title


@dataclass(frozen=True)
class CatalogueRow:
    """A catalogue entry with the coefficient in force on a day and one that starts later."""

    title: AwardTitle
    now: TitleCoefficient | None
    upcoming: TitleCoefficient | None


def catalogue_with_coefficients(*, day: date | None = None) -> list[CatalogueRow]:
    """Every title and form (active or not) with its coefficient in force on `day` (today)
    and the next one, if any. Two queries."""
    day = day or timezone.localdate()
    by_title: dict[int, list[TitleCoefficient]] = defaultdict(list)
    for row in TitleCoefficient.objects.order_by("title_id", "-valid_from"):
        by_title[row.title_id].append(row)
    rows = []
    for title in AwardTitle.objects.all():
        versions = by_title.get(title.pk, [])
        rows.append(
            CatalogueRow(
                title=title,
                now=next((r for r in versions if r.valid_from <= day), None),
                upcoming=next((r for r in reversed(versions) if r.valid_from > day), None),
            )
        )
    return rows


def base_salaries() -> QuerySet[BaseSalary]:
    return BaseSalary.objects.order_by("-valid_from")


def plan_list(*, actor: Actor, year: int | None = None) -> QuerySet[Plan]:
    rows = Plan.objects.for_actor(actor).select_related("unit")
    return rows.filter(year=year) if year else rows


def plan_get(*, actor: Actor, pk) -> Plan:
    return get_for_actor(Plan.objects.select_related("unit"), actor, pk)


def plans_open_to(*, actor: Actor, year: int) -> QuerySet[Plan]:
    """Plans of the year a person may register under: the province's and their units' plans
    (every plan is announced to the units below it)."""
    if not actor.home_unit_id:
        return Plan.objects.for_actor(actor).none()
    home = OrgUnit.unscoped.only("path").get(pk=actor.home_unit_id)
    ancestors = [int(part) for part in home.path.strip("/").split("/") if part]
    return Plan.unscoped.filter(year=year, unit_id__in=ancestors).select_related("unit")


def plan_readable(*, actor: Actor, pk) -> Plan:
    """A plan the actor may read (emulation.view on its unit) or one announced to the
    actor's own unit (a plan applies to every unit below it); 404 otherwise."""
    plan = Plan.unscoped.select_related("unit").filter(pk=pk).first() if str(pk).isdigit() else None
    if plan is None:
        raise Http404
    if plan_list(actor=actor).filter(pk=plan.pk).exists():
        return plan
    if plans_open_to(actor=actor, year=plan.year).filter(pk=plan.pk).exists():
        return plan
    raise Http404


def registration_list(*, actor: Actor, plan: Plan) -> QuerySet[Registration]:
    return (
        Registration.objects.for_actor(actor)
        .filter(plan=plan)
        .select_related("person", "unit", "title")
        .order_by("unit__sort_key", "person__sort_key", "title__sort")
    )


def registration_get(*, actor: Actor, pk) -> Registration:
    return get_for_actor(Registration.objects.select_related("plan", "title", "person"), actor, pk)


def my_registrations(*, actor: Actor) -> QuerySet[Registration]:
    if not actor.person_id:
        return Registration.objects.for_actor(actor).none()
    return (
        Registration.objects.for_actor(actor)
        .filter(person_id=actor.person_id)
        .select_related("plan", "title")
    )


@dataclass(frozen=True)
class UrgingRow:
    unit: OrgUnit
    registered: int
    submitted: int


def urging(*, actor: Actor, plan: Plan) -> list[UrgingRow]:
    """Agencies under the plan's unit that have not submitted any registration (đôn đốc)."""
    units = list(agencies(actor=actor).filter(path__startswith=plan.unit.path))
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, state in (
        Registration.objects.for_actor(actor).filter(plan=plan).values_list("unit_id", "state")
    ):
        counts[unit_id][0] += 1
        if state in (RegistrationState.SUBMITTED, RegistrationState.APPROVED):
            counts[unit_id][1] += 1
    rows = [UrgingRow(u, *counts[u.pk]) for u in units if u.kind != "province"]
    return [row for row in rows if row.submitted == 0]


@dataclass(frozen=True)
class EligibilityRow:
    title: AwardTitle
    subject_name: str
    person_id: int | None
    unit_id: int
    eligibility: rules.Eligibility


def _freezes(actor: Actor, people) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    rows = AwardFreeze.objects.for_actor(actor).filter(person_id__in=people, closed_at__isnull=True)
    labels = dict(AwardFreeze._meta.get_field("reason").flatchoices)
    for person_id, reason in rows.order_by("opened_at").values_list("person_id", "reason"):
        found[person_id].append(str(labels.get(reason, reason)))
    return found


def eligibility(
    *, actor: Actor, unit: OrgUnit, year: int, titles: list[AwardTitle] | None = None
) -> list[EligibilityRow]:
    """Every person and collective under `unit` for every title (or the given ones), with the
    reasons. Reads only published or final classification results.

    Seven queries whatever the size: people, results, freezes, CSTĐCS history, province
    initiatives, runs, agencies. The people are named by a subquery (no list of ids sent to
    the database), results are read as values with their reasons as raw JSON text, and the
    rules run once per distinct set of facts (most people share theirs)."""
    titles = titles if titles is not None else list(catalogue())
    people_q = (
        Person.objects.for_actor(actor, Cap.PEOPLE_VIEW).in_subtree(unit).filter(is_active=True)
    )
    people = list(people_q.order_by("sort_key").values_list("id", "full_name", "unit_id"))
    ids = people_q.values("id")
    results = {
        row[0]: row[1:]
        for row in evaluation.published_results(actor=actor, unit=unit, years=[year])
        .filter(person_id__in=ids)
        .annotate(raw_reasons=Cast("reasons", TextField()))
        .values_list(
            "person_id", "classification", "ldtt_eligible", "cstdcs_eligible", "raw_reasons"
        )
    }
    freezes = _freezes(actor, ids)
    cstdcs: dict[int, set[int]] = defaultdict(set)
    for person_id, y in (
        TitleRecord.objects.for_actor(actor)
        .filter(person_id__in=ids, title__rule="cstdcs", year__gte=year - 2, year__lt=year)
        .values_list("person_id", "year")
    ):
        cstdcs[person_id].add(y)
    province_init = set(
        Initiative.objects.for_actor(actor)
        .filter(
            person_id__in=ids,
            state=InitiativeState.RECOGNISED,
            scope=InitiativeScope.PROVINCE,
            year__gte=year - 2,
            year__lte=year,
        )
        .values_list("person_id", flat=True)
    )
    rows: list[EligibilityRow] = []
    individual = [t for t in titles if t.subject == Subject.INDIVIDUAL]
    memo: dict[tuple, rules.Eligibility] = {}
    no_result = (None, False, False, "[]")
    for person_id, full_name, unit_id in people:
        result = results.get(person_id, no_result)
        frozen = tuple(freezes.get(person_id, ()))
        years = frozenset(cstdcs.get(person_id, ()))
        initiative = person_id in province_init
        facts = None
        for title in individual:
            key = (title.rule, *result, frozen, years, initiative)
            found = memo.get(key)
            if found is None:
                if facts is None:
                    facts = rules.PersonFacts(
                        classification=result[0],
                        ldtt=bool(result[1]),
                        cstdcs=bool(result[2]),
                        result_reasons=tuple(json.loads(result[3] or "[]")),
                        freezes=frozen,
                        cstdcs_years=years,
                        province_initiative=initiative,
                    )
                found = memo[key] = rules.person_eligibility(title.rule, year, facts)
            rows.append(EligibilityRow(title, full_name, person_id, unit_id, found))
    collective = [t for t in titles if t.subject == Subject.COLLECTIVE]
    if collective:
        runs = {r.unit_id: r for r in evaluation.published_runs(actor=actor, unit=unit, year=year)}
        for agency in agencies(actor=actor).filter(path__startswith=unit.path):
            if agency.kind == "province":
                continue
            run = runs.get(agency.pk)
            collective_facts = rules.CollectiveFacts(
                collective_level=(run.collective_level or None) if run else None,
                titles=run.titles if run else {},
            )
            for title in collective:
                rows.append(
                    EligibilityRow(
                        title,
                        agency.name,
                        None,
                        agency.pk,
                        rules.collective_eligibility(title.rule, year, collective_facts),
                    )
                )
    return rows


def history(*, actor: Actor, person_id: int | None = None, unit: OrgUnit | None = None):
    rows = TitleRecord.objects.for_actor(actor).select_related("title", "person", "unit")
    if person_id:
        return rows.filter(person_id=person_id)
    return rows.filter(unit=unit, person__isnull=True) if unit else rows


def initiative_list(*, actor: Actor, unit: OrgUnit | None = None) -> QuerySet[Initiative]:
    rows = Initiative.objects.for_actor(actor).select_related("person", "unit")
    return rows.in_subtree(unit) if unit else rows


def initiative_get(*, actor: Actor, pk) -> Initiative:
    return get_for_actor(Initiative.objects.select_related("person"), actor, pk)


def proposal_list(*, actor: Actor, year: int, unit: OrgUnit | None = None):
    rows = (
        Proposal.objects.for_actor(actor)
        .filter(year=year)
        .select_related("person", "unit", "title")
    )
    return rows.in_subtree(unit) if unit else rows


def proposal_get(*, actor: Actor, pk) -> Proposal:
    return get_for_actor(Proposal.objects.select_related("person", "unit", "title"), actor, pk)


def eligibility_of(
    *,
    actor: Actor,
    title: AwardTitle,
    year: int,
    person: Person | None = None,
    unit: OrgUnit | None = None,
) -> rules.Eligibility:
    """One subject's eligibility for one title (the proposal check)."""
    if person is not None:
        home = get_for_actor(OrgUnit, actor, person.unit_id, capability=Cap.EMULATION_PROPOSE)
        rows = eligibility(actor=actor, unit=home, year=year, titles=[title])
        found = [r for r in rows if r.person_id == person.pk]
    else:
        if unit is None:
            raise Http404
        rows = eligibility(actor=actor, unit=unit, year=year, titles=[title])
        found = [r for r in rows if r.person_id is None and r.unit_id == unit.pk]
    if not found:
        raise Http404
    return found[0].eligibility


def review_list(*, actor: Actor, plan: Plan):
    return Review.objects.for_actor(actor).filter(plan=plan).select_related("unit")


def review_get(*, actor: Actor, pk) -> Review:
    return get_for_actor(Review.objects.select_related("plan__unit", "unit__parent"), actor, pk)


def own_person(*, actor: Actor) -> Person:
    """The actor's own person record (404 for an account without one)."""
    if not actor.person_id:
        raise Http404
    person = Person.objects.for_actor(actor, Cap.PEOPLE_VIEW).filter(pk=actor.person_id).first()
    if person is None:
        raise Http404
    return person
