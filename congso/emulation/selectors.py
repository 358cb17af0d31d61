"""Reads of the emulation app, always with the actor, through `for_actor`.

Eligibility lists are built in a fixed number of queries whatever the number of people:
people, published or final results (evaluation.selectors), open award freezes, CSTĐCS history
and province-scope initiatives, each read once for the whole subtree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import timezone

from congso.cases.models import AwardFreeze, Exemplar
from congso.common.permissions import Cap
from congso.common.scoping import Actor, get_for_actor
from congso.emulation import rules
from congso.emulation.models import (
    Award,
    AwardTitle,
    Ballot,
    BallotReceipt,
    BaseSalary,
    Decision,
    Initiative,
    InitiativeScope,
    InitiativeState,
    Meeting,
    MeetingMember,
    Plan,
    Proposal,
    ProposalState,
    Registration,
    RegistrationState,
    Review,
    Subject,
    TitleCoefficient,
    TitleRecord,
    VoteCount,
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


def catalogue_with_coefficients(*, day: date | None = None) -> list[AwardTitle]:
    """Every title and form (active or not), each with `coefficient_now`: the coefficient in
    force on `day` (today), and `next_coefficient`: one that starts later, if any."""
    day = day or timezone.localdate()
    titles = list(AwardTitle.objects.all())
    by_title: dict[int, list[TitleCoefficient]] = defaultdict(list)
    for row in TitleCoefficient.objects.order_by("title_id", "-valid_from"):
        by_title[row.title_id].append(row)
    for title in titles:
        rows = by_title.get(title.pk, [])
        title.coefficient_now = next((r for r in rows if r.valid_from <= day), None)
        title.next_coefficient = next((r for r in reversed(rows) if r.valid_from > day), None)
    return titles


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


def ballot_of(*, proposal: Proposal):
    return Ballot.objects.filter(proposal=proposal).select_related("meeting").first()


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


def meeting_list(*, actor: Actor) -> QuerySet[Meeting]:
    return Meeting.objects.for_actor(actor).select_related("unit")


def meeting_get(*, actor: Actor, pk) -> Meeting:
    return get_for_actor(Meeting.objects.select_related("unit"), actor, pk)


def meeting_membership(*, actor: Actor, meeting: Meeting) -> MeetingMember | None:
    """The actor's own seat at a meeting (None when they are not a member)."""
    if not actor.person_id:
        return None
    return (
        MeetingMember.objects.filter(meeting=meeting, person_id=actor.person_id)
        .select_related("person")
        .first()
    )


def meeting_for_voter(*, actor: Actor, pk) -> tuple[Meeting, MeetingMember]:
    """A meeting read by one of its members (the ballot page): the seat is the scope, so a
    member from another unit votes without reading the unit's other rows; 404 otherwise."""
    meeting = (
        Meeting.unscoped.select_related("unit").filter(pk=pk).first() if str(pk).isdigit() else None
    )
    member = meeting_membership(actor=actor, meeting=meeting) if meeting else None
    if meeting is None or member is None:
        raise Http404
    return meeting, member


def ballot_page(*, meeting: Meeting, member: MeetingMember) -> dict:
    """What a member's ballot page shows: the candidates they may vote on, those they are
    recused from, whether they have voted and how many have (never the counts before the
    chair closes the ballot)."""
    counts = list(
        VoteCount.objects.filter(meeting=meeting)
        .select_related("proposal__person", "proposal__unit", "proposal__title")
        .order_by("id")
    )
    return {
        "candidates": [c for c in counts if member.person_id not in c.recused],
        "recused": [c for c in counts if member.person_id in c.recused],
        "voted": BallotReceipt.objects.filter(meeting=meeting, member=member).exists(),
        "ballots": BallotReceipt.objects.filter(meeting=meeting).count(),
        "present": MeetingMember.objects.filter(meeting=meeting, present=True).count(),
        "results": list(
            Ballot.objects.filter(meeting=meeting)
            .select_related("proposal__person", "proposal__unit", "proposal__title")
            .order_by("id")
        )
        if meeting.voting_closed_at
        else [],
    }


def meeting_agenda(*, actor: Actor, meeting: Meeting) -> QuerySet[Proposal]:
    """Proposals of the meeting's year under the meeting's unit, waiting or tallied here."""
    return (
        Proposal.objects.for_actor(actor)
        .in_subtree(meeting.unit)
        .filter(year=meeting.year)
        .exclude(state=ProposalState.WITHDRAWN)
        .filter(Q(ballot__isnull=True) | Q(ballot__meeting=meeting))
        .select_related("person", "unit", "title", "ballot")
        .order_by("title__sort", "id")
    )


def decision_list(*, actor: Actor) -> QuerySet[Decision]:
    return Decision.objects.for_actor(actor).select_related("unit")


def decision_get(*, actor: Actor, pk) -> Decision:
    return get_for_actor(Decision.objects.select_related("unit"), actor, pk)


def award_get(*, actor: Actor, pk) -> Award:
    return get_for_actor(
        Award.objects.select_related(
            "decision__unit", "title", "person", "unit__parent", "proposal"
        ),
        actor,
        pk,
    )


def my_awards(*, actor: Actor) -> QuerySet[Award]:
    if not actor.person_id:
        return Award.objects.for_actor(actor).none()
    return (
        Award.objects.for_actor(actor)
        .filter(person_id=actor.person_id)
        .select_related("decision", "title")
    )


# Public reads (honour roll, verification): only what is final — awards under an issued
# decision; confirmed exemplars. No actor: these pages are for citizens.


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
