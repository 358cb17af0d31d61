"""Reads of inspections for pages and the API, always through `for_actor`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from congso.common.permissions import Cap
from congso.common.scoping import Actor, get_for_actor
from congso.inspections.models import (
    ChecklistItem,
    Finding,
    InspectionPlan,
    ItemPhoto,
    ItemResult,
    RemediationTask,
    TaskStatus,
    Visit,
    VisitStatus,
)
from congso.inspections.rules import Score
from congso.org.models import OrgUnit, Person

MAX_OPTIONS = 500


def plan_list(*, actor: Actor, year: int | None = None) -> QuerySet[InspectionPlan]:
    plans = (
        InspectionPlan.objects.for_actor(actor, Cap.INSPECTIONS_VIEW)
        .select_related("unit")
        .annotate(target_count=Count("targets", distinct=True))
    )
    return plans.filter(year=year) if year else plans


def plan_get(*, actor: Actor, pk, capability: str = Cap.INSPECTIONS_VIEW) -> InspectionPlan:
    return get_for_actor(
        InspectionPlan.objects.select_related("unit"), actor, pk, capability=capability
    )


def plan_targets(*, plan: InspectionPlan) -> QuerySet[OrgUnit]:
    """Targets of a plan the caller fetched through plan_get."""
    return plan.targets.order_by("sort_key")


def visit_list(
    *,
    actor: Actor,
    status: str = "",
    year: int | None = None,
    plan: InspectionPlan | None = None,
) -> QuerySet[Visit]:
    visits = Visit.objects.for_actor(actor, Cap.INSPECTIONS_VIEW).select_related(
        "unit", "inspecting_unit", "plan"
    )
    if status:
        visits = visits.filter(status=status)
    if year:
        visits = visits.filter(visit_on__year=year)
    if plan is not None:
        visits = visits.filter(plan=plan)
    return visits.order_by("-visit_on", "-id")


def visit_get(*, actor: Actor, pk, capability: str = Cap.INSPECTIONS_VIEW) -> Visit:
    return get_for_actor(
        Visit.objects.select_related("unit", "inspecting_unit", "plan", "version__code"),
        actor,
        pk,
        capability=capability,
    )


def visit_items(*, visit: Visit) -> list[ChecklistItem]:
    """Checklist of a visit fetched through visit_get, with clauses and photos (3 queries)."""
    return list(
        visit.items.select_related("clause", "clause__category")
        .prefetch_related("photos")
        .order_by("ordering", "id")
    )


def visit_findings(*, visit: Visit) -> list[Finding]:
    return list(
        visit.findings.select_related("person", "category", "case", "item__clause")
        .prefetch_related("tasks__owner")
        .order_by("id")
    )


def visit_people(*, visit: Visit, field: str) -> list[Person]:
    return list(getattr(visit, field).order_by("sort_key"))


def item_get(*, actor: Actor, pk, capability: str = Cap.INSPECTIONS_VIEW) -> ChecklistItem:
    return get_for_actor(
        ChecklistItem.objects.select_related("visit", "clause"), actor, pk, capability=capability
    )


def photo_get(*, actor: Actor, pk) -> ItemPhoto:
    return get_for_actor(ItemPhoto, actor, pk, capability=Cap.INSPECTIONS_VIEW)


def finding_get(*, actor: Actor, pk, capability: str = Cap.INSPECTIONS_VIEW) -> Finding:
    return get_for_actor(
        Finding.objects.select_related("visit", "visit__unit", "person", "category"),
        actor,
        pk,
        capability=capability,
    )


def _tasks_visible(actor: Actor) -> QuerySet[RemediationTask]:
    """Tasks the actor may see: by inspection reach, or as owner / head of the inspected unit."""
    return RemediationTask.objects.for_actor(
        actor, Cap.INSPECTIONS_VIEW
    ) | RemediationTask.objects.for_actor(actor, Cap.INSPECTIONS_REMEDIATE)


def task_get(*, actor: Actor, pk) -> RemediationTask:
    """One task the actor may see (404 otherwise, like get_for_actor)."""
    try:
        return (
            _tasks_visible(actor).select_related("owner", "unit", "finding__visit").get(pk=int(pk))
        )
    except (RemediationTask.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def task_list(*, actor: Actor, overdue_only: bool = False, open_only: bool = False):
    tasks = _tasks_visible(actor).select_related("owner", "unit", "finding__visit")
    if overdue_only:
        tasks = tasks.filter(status=TaskStatus.OPEN, due_on__lt=timezone.localdate())
    elif open_only:
        tasks = tasks.filter(status=TaskStatus.OPEN)
    return tasks.order_by("status", "due_on", "id")


@dataclass(frozen=True)
class UnitScore:
    unit_id: int
    name: str
    visits: int
    score: Score


def unit_scores(
    *, actor: Actor, year: int, start: date | None = None, end: date | None = None
) -> list[UnitScore]:
    """Inspection score per inspected unit for `year` (finished visits only; see
    rules.Score for the formula), or for visits on [start, end) when both are given (the
    unit reports' quarters and half-years). Two queries."""
    when = (
        Q(visit__visit_on__gte=start, visit__visit_on__lt=end)
        if start is not None and end is not None
        else Q(visit__visit_on__year=year)
    )
    items = (
        ChecklistItem.objects.for_actor(actor, Cap.INSPECTIONS_VIEW)
        .filter(when, visit__status=VisitStatus.DONE)
        .values("unit_id", "unit__name")
        .annotate(
            compliant=Count("id", filter=Q(result=ItemResult.COMPLIANT)),
            non_compliant=Count("id", filter=Q(result=ItemResult.NON_COMPLIANT)),
            not_applicable=Count("id", filter=Q(result=ItemResult.NOT_APPLICABLE)),
            visits=Count("visit_id", distinct=True),
        )
    )
    rows = [
        UnitScore(
            r["unit_id"],
            r["unit__name"],
            r["visits"],
            Score(r["compliant"], r["non_compliant"], r["not_applicable"]),
        )
        for r in items
    ]
    return sorted(rows, key=lambda row: (-(row.score.value or -1), row.name))


def target_options(*, actor: Actor) -> QuerySet[OrgUnit]:
    """Units the actor may inspect, for plan and visit forms: agencies, communes and their
    public-service units (not divisions, nor the parts of a commune, which are inspected
    with their commune)."""
    return (
        OrgUnit.objects.for_actor(actor, Cap.INSPECTIONS_MANAGE)
        .filter(valid_to__isnull=True)
        .exclude(kind__in=["province", "division"])
        .exclude(parent__kind="commune")
        .order_by("depth", "sort_key")[:MAX_OPTIONS]
    )


def inspecting_unit_options(*, actor: Actor) -> QuerySet[OrgUnit]:
    """Units that may run an inspection: the province level and agencies (not divisions or
    commune parts)."""
    return (
        OrgUnit.objects.for_actor(actor, Cap.INSPECTIONS_MANAGE)
        .filter(valid_to__isnull=True)
        .exclude(kind="division")
        .exclude(parent__kind="commune")
        .order_by("depth", "sort_key")[:MAX_OPTIONS]
    )


def unit_get(*, actor: Actor, pk, capability: str = Cap.INSPECTIONS_MANAGE) -> OrgUnit:
    return get_for_actor(OrgUnit, actor, pk, capability=capability)


def people_of(*, actor: Actor, unit: OrgUnit) -> QuerySet[Person]:
    """Active staff of `unit` and its sub-units, for subject, finding and owner choices."""
    return (
        Person.objects.for_actor(actor, Cap.INSPECTIONS_VIEW)
        .in_subtree(unit)
        .filter(is_active=True)
        .order_by("sort_key", "id")[:MAX_OPTIONS]
    )


def inspector_options(*, actor: Actor, plan: InspectionPlan | None) -> QuerySet[Person]:
    """Who may sit on the inspection team: staff of the plan's unit, or, for a surprise visit,
    of the actor's own agency (their home unit, or its parent when that is a division)."""
    unit = plan.unit if plan is not None else None
    if unit is None and actor.home_unit_id is not None:
        home = OrgUnit.objects.for_actor(actor, Cap.ORG_VIEW).filter(pk=actor.home_unit_id)
        unit = home.select_related("parent").first()
        if unit is not None and unit.kind == "division" and unit.parent_id:
            unit = unit.parent
    if unit is None:
        return Person.objects.for_actor(actor, Cap.INSPECTIONS_VIEW).none()
    return (
        Person.objects.for_actor(actor, Cap.INSPECTIONS_VIEW)
        .in_subtree(unit)
        .filter(is_active=True)
        .order_by("sort_key", "id")[:MAX_OPTIONS]
    )


def person_get(*, actor: Actor, pk) -> Person:
    return get_for_actor(
        Person.objects.select_related("unit"), actor, pk, capability=Cap.INSPECTIONS_VIEW
    )


def current_year() -> int:
    return timezone.localdate().year


def year_options(today: date | None = None, *, selected: int | None = None) -> list[int]:
    """Next year down to six years back, plus the year shown when it is older (so the picker
    always shows the year the page is about)."""
    year = (today or timezone.localdate()).year
    years = list(range(year + 1, year - 6, -1))
    if selected is not None and selected not in years:
        years.append(selected)
    return years
