"""Reads of classification results for the reports app (annual report, dashboards)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.evaluation.models import PUBLISHED_STATES, Result, Run
from congso.org.models import OrgUnit

CAP_REASON = "R9_DIRECTIVE_CAP"  # policy/rules_common.directive_cap


@dataclass(frozen=True)
class ClassificationSummary:
    total: int
    by_level: dict[str, int]
    capped: int  # results whose reasons carry the directive's cap (R9)
    runs: int
    trace: str


def _codes(reasons) -> set[str]:
    codes = set()
    for item in reasons or ():
        if isinstance(item, dict):
            codes.add(str(item.get("code", "")))
        elif isinstance(item, list | tuple) and item:
            codes.add(str(item[0]))
        else:
            codes.add(str(item))
    return codes


def classification_summary(*, actor: Actor, unit_path: str, year: int) -> ClassificationSummary:
    """Published (or final) classification results of `year` for people of the subtree at
    `unit_path`, counted by level; how many carry the directive's cap. One query."""
    rows = (
        Result.objects.for_actor(actor)
        .filter(run__year=year, run__state__in=PUBLISHED_STATES, unit__path__startswith=unit_path)
        .values_list("classification", "reasons", "run_id")
    )
    levels: Counter = Counter()
    capped = 0
    runs = set()
    for level, reasons, run_id in rows.iterator(chunk_size=5000):
        levels[level] += 1
        runs.add(run_id)
        if CAP_REASON in _codes(reasons):
            capped += 1
    trace = (
        f"evaluation.Result: run.year = {year}, run.state in {list(PUBLISHED_STATES)}, "
        f"unit.path startswith '{unit_path}'; capped = reasons contain {CAP_REASON}"
    )
    return ClassificationSummary(sum(levels.values()), dict(levels), capped, len(runs), trace)


def classification_by_unit(*, actor: Actor, unit_path: str, year: int) -> dict[str, Counter]:
    """Published (or final) results of `year` per unit path of the subtree and level — the
    dashboards' distribution and the heads' ranking. The year's published runs first (a small
    table), then one grouped query on their results by unit (no reasons read, no join)."""
    runs = list(
        Run.objects.for_actor(actor)
        .filter(year=year, state__in=PUBLISHED_STATES)
        .values_list("id", flat=True)
    )
    if not runs:
        return {}
    paths = dict(
        OrgUnit.objects.for_actor(actor, Cap.EVALUATION_VIEW)
        .filter(path__startswith=unit_path)
        .values_list("id", "path")
    )
    rows = (
        Result.objects.for_actor(actor)
        .filter(run_id__in=runs, unit_id__in=list(paths))
        .values_list("unit_id", "classification")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[str, Counter] = {}
    for unit_id, level, n in rows:
        out.setdefault(paths[unit_id], Counter())[level] += n
    return out
