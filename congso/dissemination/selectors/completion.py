"""Completion of campaigns per unit, drill-down to the person, and who receives a campaign
on a day and why (grouped queries, never one per person)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.http import Http404

from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.dissemination.models import (
    Campaign,
    CompletionCount,
    Receipt,
)
from congso.dissemination.rules import (
    Reason,
    Targeting,
    parse_categories,
    percent,
    recipient_reason,
    unit_ids_of_path,
)
from congso.org.models import Assignment, OrgUnit, Person
from congso.org.selectors import categories_on

MAX_PEOPLE = 500


# --- completion ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompletionRow:
    unit_id: int
    name: str
    recipients: int
    acknowledged: int
    on_time: int
    has_children: bool
    own_only: bool = False

    @property
    def percent(self) -> int:
        return percent(self.acknowledged, self.recipients)


def _completion_root(campaign: Campaign, unit: OrgUnit) -> OrgUnit:
    """The unit shown must lie inside the campaign's subtree; above it, the campaign's unit."""
    if unit.path.startswith(campaign.unit.path):
        return unit
    if campaign.unit.path.startswith(unit.path):
        return campaign.unit
    raise Http404


def _recipients(actor: Actor, campaign: Campaign, root: OrgUnit, unit_ids=None):
    """Active people of `root`'s subtree in the campaign's categories. With `unit_ids` (the
    subtree's visible units, already read) the subtree is an IN list that the index
    (unit, is_active, category) answers without reading the people rows (count with
    `Count("*")`: counting "id" would need the rows, and PostgreSQL then scans the table)."""
    people = Person.objects.for_actor(actor, Cap.DISSEMINATION_REPORT).filter(is_active=True)
    people = (
        people.filter(unit_id__in=unit_ids) if unit_ids is not None else people.in_subtree(root)
    )
    categories = parse_categories(campaign.categories)
    if categories:
        people = people.filter(category__in=sorted(categories))
    return people


def _acknowledged(actor: Actor, campaign: Campaign, root: OrgUnit):
    receipts = (
        Receipt.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(root, via="person__unit")
        .filter(
            campaign=campaign,
            version_id=campaign.version_id,
            acknowledged_at__isnull=False,
            person__is_active=True,
        )
    )
    categories = parse_categories(campaign.categories)
    if categories:
        receipts = receipts.filter(person__category__in=sorted(categories))
    return receipts


def _counts(actor: Actor, campaign: Campaign, unit_ids):
    """Rollup rows of the campaign's current version in the given units (chosen categories)."""
    counts = CompletionCount.objects.for_actor(actor, Cap.DISSEMINATION_REPORT).filter(
        campaign=campaign, version_id=campaign.version_id, unit_id__in=unit_ids
    )
    categories = parse_categories(campaign.categories)
    if categories:
        counts = counts.filter(category__in=sorted(categories))
    return counts


def campaign_completion(*, actor: Actor, campaign: Campaign, unit: OrgUnit) -> list[CompletionRow]:
    """Recipients today and acknowledgements of the current version, for `unit`'s own staff
    and each visible child's subtree. Three queries, whatever the number of people."""
    root = _completion_root(campaign, unit)
    subtree = list(
        OrgUnit.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(root)
        .order_by("sort_key", "id")
        .values_list("id", "path", "name", "parent_id")
    )
    units = {unit_id: path for unit_id, path, _name, _parent in subtree}
    ids = sorted(units)
    staff = {
        row["unit_id"]: row["n"]
        for row in _recipients(actor, campaign, root, ids)
        .order_by()
        .values("unit_id")
        .annotate(n=Count("*"))
    }
    done: dict[int, tuple[int, int]] = {
        row["unit_id"]: (row["n"], row["t"])
        for row in _counts(actor, campaign, ids)
        .order_by()
        .values("unit_id")
        .annotate(n=Sum("acknowledged"), t=Sum("on_time"))
    }
    children = [(u, name) for u, _path, name, parent in subtree if parent == root.pk]
    # Sum each unit into the child of `root` its path goes through ("/1/5/23/" → 5 under /1/).
    depth = len(root.path.strip("/").split("/"))
    sums: dict[int, list[int]] = {}
    for unit_id, path in units.items():
        parts = path.strip("/").split("/")
        if len(parts) <= depth:
            continue
        total = sums.setdefault(int(parts[depth]), [0, 0, 0, 0])
        ack, on_time = done.get(unit_id, (0, 0))
        total[0] += staff.get(unit_id, 0)
        total[1] += ack
        total[2] += on_time
        total[3] += 1
    own = done.get(root.pk, (0, 0))
    rows = [CompletionRow(root.pk, root.name, staff.get(root.pk, 0), own[0], own[1], False, True)]
    for child_id, name in children:
        recipients, ack, on_time, members = sums.get(child_id, (0, 0, 0, 0))
        rows.append(CompletionRow(child_id, name, recipients, ack, on_time, members > 1))
    return rows


def campaign_totals(*, actor: Actor, campaign: Campaign, unit: OrgUnit) -> tuple[int, int]:
    """(recipients, acknowledged) in `unit`'s subtree within the campaign: two counts."""
    root = _completion_root(campaign, unit)
    return (
        _recipients(actor, campaign, root).count(),
        _acknowledged(actor, campaign, root).count(),
    )


@dataclass(frozen=True)
class PersonStatus:
    person: Person
    receipt: Receipt | None

    @property
    def status(self) -> str:
        if self.receipt is None:
            return "unread"
        if self.receipt.acknowledged_at is None:
            return "opened"
        return "on_time" if self.receipt.on_time else "late"


def people_status(*, actor: Actor, campaign: Campaign, unit: OrgUnit) -> list[PersonStatus]:
    """The last step of the drill-down: each recipient working directly in `unit`, with what
    they did (not opened, opened, acknowledged on time or late). Two queries."""
    root = _completion_root(campaign, unit)
    people = list(
        _recipients(actor, campaign, root, [root.pk])
        .only("id", "full_name", "unit_id")
        .order_by("sort_key", "id")[:MAX_PEOPLE]
    )
    receipts = {
        r.person_id: r
        for r in Receipt.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .filter(
            campaign=campaign, version_id=campaign.version_id, person_id__in=[p.pk for p in people]
        )
        .only("id", "person_id", "opened_at", "acknowledged_at", "on_time")
    }
    return [PersonStatus(p, receipts.get(p.pk)) for p in people]


def people_status_all(*, actor: Actor, campaign: Campaign, unit: OrgUnit):
    """Every recipient of `unit`'s subtree with their receipt (for the xlsx export)."""
    root = _completion_root(campaign, unit)
    receipts = {
        r.person_id: r
        for r in Receipt.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .in_subtree(root, via="person__unit")
        .filter(campaign=campaign, version_id=campaign.version_id)
    }
    for person in (
        _recipients(actor, campaign, root).select_related("unit").order_by("unit__sort_key", "id")
    ):
        yield PersonStatus(person, receipts.get(person.pk))


@dataclass(frozen=True)
class CampaignSummary:
    campaign: Campaign
    recipients: int
    acknowledged: int

    @property
    def percent(self) -> int:
        return percent(self.acknowledged, self.recipients)


def overview(*, actor: Actor, unit: OrgUnit, limit: int = 50) -> list[CampaignSummary]:
    """Every campaign reaching `unit`'s subtree (sent to it, above it or inside it) with its
    completion there: one staff count per category set and one grouped receipt count."""
    campaigns = list(
        Campaign.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .filter(Q(unit__path__startswith=unit.path) | Q(unit_id__in=unit_ids_of_path(unit.path)))
        .select_related("unit", "document")
        .order_by("-start_on", "-id")[:limit]
    )
    if not campaigns:
        return []
    # Each campaign counts in its own root (its unit when inside `unit`, else `unit`): per
    # distinct root, one query for the visible units, one for the staff per category and one
    # for the rollup per campaign and category. Typically one root.
    roots = {c.unit_id: (c.unit if c.unit.path.startswith(unit.path) else unit) for c in campaigns}
    staff_by_root: dict[int, dict[str, int]] = {}
    done: dict[int, int] = {}
    by_root: dict[int, list[Campaign]] = {}
    for c in campaigns:
        by_root.setdefault(roots[c.unit_id].pk, []).append(c)
    for root_pk, members in by_root.items():
        root = roots[members[0].unit_id]
        ids = list(
            OrgUnit.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
            .in_subtree(root)
            .values_list("id", flat=True)
        )
        staff_by_root[root_pk] = {
            row["category"]: row["n"]
            for row in Person.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
            .filter(unit_id__in=ids, is_active=True)
            .order_by()
            .values("category")
            .annotate(n=Count("*"))
        }
        by_pk = {c.pk: c for c in members}
        rows = (
            CompletionCount.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
            .filter(campaign_id__in=list(by_pk), unit_id__in=ids)
            .order_by()
            .values("campaign_id", "version_id", "category")
            .annotate(n=Sum("acknowledged"))
        )
        for row in rows:
            c = by_pk[row["campaign_id"]]
            categories = parse_categories(c.categories)
            if row["version_id"] != c.version_id:
                continue
            if categories and row["category"] not in categories:
                continue
            done[c.pk] = done.get(c.pk, 0) + row["n"]
    result = []
    for c in campaigns:
        categories = parse_categories(c.categories)
        staff = staff_by_root[roots[c.unit_id].pk]
        total = sum(n for cat, n in staff.items() if not categories or cat in categories)
        result.append(CampaignSummary(c, total, done.get(c.pk, 0)))
    return result


# --- who is a recipient, and why --------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    person: Person
    reason: str
    start: date | None
    end: date | None


def explain_recipients(
    *, actor: Actor, campaign: Campaign, unit: OrgUnit, day: date
) -> list[Explanation]:
    """Everyone who ever worked directly in `unit`, and whether they receive the campaign on
    `day` and why (worked there that day or not, category that day, not started). The
    category is the one recorded for that day (org's category history). Four queries."""
    target = Targeting(campaign.unit.path, parse_categories(campaign.categories), campaign.start_on)
    assignments = list(
        Assignment.objects.for_actor(actor, Cap.DISSEMINATION_REPORT)
        .filter(unit=unit)
        .select_related("person")
        .order_by("person__sort_key", "person_id", "-start_date")[: MAX_PEOPLE * 2]
    )
    categories = categories_on(
        actor=actor,
        person_ids=[a.person_id for a in assignments],
        day=day,
        capability=Cap.DISSEMINATION_REPORT,
    )
    seen: dict[int, Explanation] = {}
    for a in assignments:
        covers = a.start_date <= day and (a.end_date is None or day < a.end_date)
        previous = seen.get(a.person_id)
        if previous is not None and previous.reason != Reason.OUTSIDE_UNIT:
            continue
        reason = recipient_reason(
            target,
            unit_path=unit.path if covers else None,
            category=categories.get(a.person_id, a.person.category),
            active=True if covers else a.person.is_active,
            day=day,
        )
        if previous is None or covers:
            seen[a.person_id] = Explanation(a.person, reason, a.start_date, a.end_date)
    return list(seen.values())[:MAX_PEOPLE]
