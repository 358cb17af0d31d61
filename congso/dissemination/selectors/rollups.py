"""Completion of a year's campaigns per unit, for the reports app's dashboards (the heads'
accountability view rolls these rows up to each unit below the one shown). Three grouped
queries, whatever the number of people; the same counting as `completion.overview`: recipients
are the active staff of the campaign's categories in its subtree, acknowledgements come from
the CompletionCount rollup of the version sent."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.dissemination.models import Campaign, CompletionCount
from congso.dissemination.rules import parse_categories, unit_ids_of_path
from congso.org.models import OrgUnit, Person


@dataclass
class UnitCompletion:
    recipients: int = 0
    acknowledged: int = 0


def completion_by_unit(*, actor: Actor, unit: OrgUnit, year: int) -> dict[str, UnitCompletion]:
    """Per unit path of `unit`'s subtree: people who had to read the campaigns starting in
    `year` that reach the subtree, and how many acknowledged (summed over the campaigns)."""
    campaigns = list(
        Campaign.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .filter(Q(unit__path__startswith=unit.path) | Q(unit_id__in=unit_ids_of_path(unit.path)))
        .filter(start_on__year=year)
        .select_related("unit")
        .only("id", "version_id", "categories", "unit__path")
    )
    out: dict[str, UnitCompletion] = {}
    if not campaigns:
        return out
    staff = list(
        Person.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(unit)
        .filter(is_active=True)
        .values_list("unit__path", "category")
        .annotate(n=Count("id"))
        .order_by()
    )
    done = list(
        CompletionCount.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(unit)
        .filter(campaign_id__in=[c.pk for c in campaigns])
        .values_list("campaign_id", "version_id", "category", "unit__path")
        .annotate(n=Sum("acknowledged"))
        .order_by()
    )
    by_pk = {c.pk: c for c in campaigns}
    for c in campaigns:
        root = c.unit.path if c.unit.path.startswith(unit.path) else unit.path
        categories = parse_categories(c.categories)
        for path, category, n in staff:
            if path.startswith(root) and (not categories or category in categories):
                out.setdefault(path, UnitCompletion()).recipients += n
    for campaign_id, version_id, category, path, n in done:
        c = by_pk[campaign_id]
        root = c.unit.path if c.unit.path.startswith(unit.path) else unit.path
        categories = parse_categories(c.categories)
        if version_id != c.version_id or not path.startswith(root):
            continue
        if categories and category not in categories:
            continue
        out.setdefault(path, UnitCompletion()).acknowledged += n
    return out
