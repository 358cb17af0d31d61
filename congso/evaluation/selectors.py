"""Reads of the evaluation app, always with the actor, through `for_actor`.

A person reads their own sheets at every step and their own result once the run is published;
a unit's lists need `evaluation.view` on the unit. Lists select their relations once (a fixed
number of queries whatever the number of rows).
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from congso.common.evidence import EvidenceItem, collect_evidence
from congso.common.permissions import Cap
from congso.common.scoping import WHOLE_PROVINCE, Actor, get_for_actor
from congso.evaluation.models import (
    PUBLISHED_STATES,
    LeaveRecord,
    Product,
    Result,
    ResultAppeal,
    Run,
    Sheet,
    SheetState,
)
from congso.evaluation.services import lines
from congso.org.models import OrgUnit, UnitKind


def own_open_sheets(*, actor: Actor) -> QuerySet[Sheet]:
    if not actor.person_id:
        return Sheet.objects.for_actor(actor).none()
    return Sheet.objects.for_actor(actor).filter(person_id=actor.person_id, state=SheetState.SELF)


def sheets_to_assess(*, actor: Actor) -> QuerySet[Sheet]:
    """Sheets submitted to the head in the units the actor assesses (never their own)."""
    return (
        Sheet.objects.for_actor(actor, Cap.EVALUATION_ASSESS)
        .filter(state=SheetState.HEAD)
        .exclude(person_id=actor.person_id or 0)
        .select_related("person")
        .order_by("due_on", "id")
    )


def my_sheets(*, actor: Actor, year: int | None = None) -> QuerySet[Sheet]:
    if not actor.person_id:
        return Sheet.objects.for_actor(actor).none()
    rows = Sheet.objects.for_actor(actor).filter(person_id=actor.person_id)
    return rows.filter(year=year) if year else rows


def sheet_list(*, actor: Actor, unit: OrgUnit, year: int, number: int | None = None):
    rows = (
        Sheet.objects.for_actor(actor)
        .in_subtree(unit)
        .filter(year=year)
        .select_related("person", "unit")
        .order_by("start", "person__sort_key")
    )
    return rows.filter(number=number) if number else rows


def sheet_get(*, actor: Actor, pk) -> Sheet:
    return get_for_actor(Sheet.objects.select_related("person", "unit"), actor, pk)


def sheet_evidence(*, actor: Actor, sheet: Sheet) -> list[EvidenceItem]:
    return collect_evidence(actor, [sheet.person_id], sheet.start, sheet.end)[sheet.person_id]


def agencies(*, actor: Actor, capability: str = Cap.EVALUATION_VIEW) -> QuerySet[OrgUnit]:
    """Agencies (not divisions) where the actor holds `capability`."""
    return (
        OrgUnit.objects.for_actor(actor, capability)
        .exclude(kind=UnitKind.DIVISION)
        .order_by("depth", "sort_key")
    )


def unit_get(*, actor: Actor, pk, capability: str = Cap.EVALUATION_VIEW) -> OrgUnit:
    return get_for_actor(OrgUnit, actor, pk, capability=capability)


def run_list(*, actor: Actor) -> QuerySet[Run]:
    return Run.objects.for_actor(actor).select_related("unit")


def run_get(*, actor: Actor, pk) -> Run:
    return get_for_actor(Run.objects.select_related("unit"), actor, pk)


def _results(actor: Actor) -> QuerySet[Result]:
    """Results the actor may read: the units where they hold evaluation.view, and their own
    once published (a proposal is not shown to the person before the head publishes it)."""
    rows = Result.objects.for_actor(actor)
    reach = actor.unit_ids(Cap.EVALUATION_VIEW)
    if reach is WHOLE_PROVINCE:
        return rows
    return rows.filter(Q(unit_id__in=sorted(reach or ())) | Q(run__state__in=PUBLISHED_STATES))


def result_list(*, actor: Actor, run: Run) -> QuerySet[Result]:
    return (
        _results(actor)
        .filter(run=run)
        .select_related("person", "unit")
        .order_by("task_group", "person__sort_key")
    )


def result_get(*, actor: Actor, pk) -> Result:
    return get_for_actor(_results(actor).select_related("person", "run", "run__unit"), actor, pk)


def my_results(*, actor: Actor) -> QuerySet[Result]:
    if not actor.person_id:
        return Result.objects.for_actor(actor).none()
    return (
        _results(actor)
        .filter(person_id=actor.person_id, run__state__in=PUBLISHED_STATES)
        .select_related("run", "run__unit")
        .order_by("-run__year")
    )


def published_list(*, actor: Actor, pk) -> tuple[Run, list[tuple[str, str]]]:
    """A published run's list (names and levels only) for the members of its agency: the
    list is announced in the agency once published (404 before, and for anyone else)."""
    run = Run.unscoped.select_related("unit").filter(pk=pk, state__in=PUBLISHED_STATES).first()
    if run is None or not actor.home_unit_id:
        raise Http404
    home = OrgUnit.unscoped.only("path").get(pk=actor.home_unit_id)
    if not home.path.startswith(run.unit.path):
        raise Http404
    rows = list(
        Result.unscoped.filter(run=run)
        .order_by("person__sort_key")
        .values_list("person__full_name", "classification")
    )
    return run, rows


def appeal_list(*, actor: Actor, run: Run) -> QuerySet[ResultAppeal]:
    return (
        ResultAppeal.objects.for_actor(actor)
        .filter(result__run=run)
        .select_related("person", "result")
    )


def appeal_get(*, actor: Actor, pk) -> ResultAppeal:
    return get_for_actor(
        ResultAppeal.objects.select_related("result", "result__run"),
        actor,
        pk,
        capability=Cap.EVALUATION_APPROVE,
    )


def product_list(
    *, actor: Actor, unit: OrgUnit, position: str = "", retired: bool | None = None
) -> QuerySet[Product]:
    """The unit's own catalogue (products kept at `unit`), by position and code; `position`
    narrows to one job position, `retired` to retired (True) or in-use (False) products."""
    rows = Product.objects.for_actor(actor).filter(unit=unit).order_by("position", "code")
    if position:
        rows = rows.filter(position=position)
    if retired is not None:
        rows = rows.filter(retired_on__isnull=not retired)
    return rows


def product_positions(*, actor: Actor, unit: OrgUnit) -> list[str]:
    return list(
        Product.objects.for_actor(actor)
        .filter(unit=unit)
        .order_by("position")
        .values_list("position", flat=True)
        .distinct()
    )


def product_get(*, actor: Actor, pk, capability: str = Cap.EVALUATION_VIEW) -> Product:
    return get_for_actor(Product, actor, pk, capability=capability)


def sheet_products(*, actor: Actor, sheet: Sheet) -> list[Product]:
    """The products a line of `sheet` may name: the catalogues of the sheet's unit and the
    units above it, not retired. `sheet` was read through the actor's scope (the person
    reads the catalogue that applies to their own sheet without reading the unit's lists)."""
    get_for_actor(Sheet, actor, sheet.pk)
    return lines.offered_products(sheet)


def sheet_progress(*, actor: Actor, unit: OrgUnit, year: int) -> dict[tuple[str, int], dict]:
    """Per period of `year` (months, then quarters, in order), how many of the unit's sheets
    are at each step: `self` (the person has not submitted), `submitted` (waiting for the
    head), `assessed` (the head has scored, not finalised), `final`. One grouped query."""
    rows = (
        Sheet.objects.for_actor(actor)
        .in_subtree(unit)
        .filter(year=year)
        .values("period_kind", "number", "state")
        .annotate(n=Count("id"), assessed=Count("assessed_by"))
        .order_by("period_kind", "number")
    )
    out: dict[tuple[str, int], dict] = {}
    for row in rows:
        counts = out.setdefault(
            (row["period_kind"], row["number"]),
            {"self": 0, "submitted": 0, "assessed": 0, "final": 0},
        )
        if row["state"] == SheetState.HEAD:
            counts["assessed"] += row["assessed"]
            counts["submitted"] += row["n"] - row["assessed"]
        else:
            counts[row["state"]] += row["n"]
    return dict(sorted(out.items()))


def open_sheets(*, actor: Actor, unit: OrgUnit, year: int) -> QuerySet[Sheet]:
    return sheet_list(actor=actor, unit=unit, year=year).exclude(state=SheetState.FINAL)


def level_counts(*, actor: Actor, runs) -> dict[str, int]:
    """How many results of `runs` are at each level (one grouped query)."""
    if not runs:
        return {}
    rows = (
        _results(actor)
        .filter(run__in=list(runs))
        .values("classification")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["classification"]: row["n"] for row in rows}


def leave_list(*, actor: Actor, unit: OrgUnit) -> QuerySet[LeaveRecord]:
    return LeaveRecord.objects.for_actor(actor).in_subtree(unit).select_related("person")


def published_results(*, actor: Actor, unit: OrgUnit, years) -> QuerySet[Result]:
    """Results of `years` in the subtree of `unit` whose run is published or final, read with
    the actor's evaluation.view reach (read-only; the emulation app's eligibility lists)."""
    return (
        Result.objects.for_actor(actor)
        .in_subtree(unit)
        .filter(run__year__in=list(years), run__state__in=PUBLISHED_STATES)
        .select_related("run")
    )


def published_runs(*, actor: Actor, unit: OrgUnit, year: int) -> QuerySet[Run]:
    """Published or final runs of `year` in the subtree of `unit` (collective titles, R15)."""
    return (
        Run.objects.for_actor(actor)
        .in_subtree(unit)
        .filter(year=year, state__in=PUBLISHED_STATES)
        .select_related("unit")
    )
