"""The completion rollup (`CompletionCount`): per campaign version, unit and staff category,
how many acknowledged and how many on time, counting active people in their current unit and
category. Written only here: incremented inside the acknowledgement's transaction, moved
inside org's transaction when people change unit, category or leave service
(`org.signals.people_changed`), rebuilt from the receipts for given campaigns (daily job as a
safety net, bulk loads). Completion pages then read at most units × categories rows, never
the receipts."""

from __future__ import annotations

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q

from congso.dissemination.models import CompletionCount, Receipt


def count_acknowledgement(*, receipt: Receipt, unit_id: int, category: str) -> None:
    """Add one acknowledgement (call inside the acknowledging transaction)."""
    on_time = 1 if receipt.on_time else 0
    key = {
        "campaign_id": receipt.campaign_id,
        "version_id": receipt.version_id,
        "unit_id": unit_id,
        "category": category,
    }
    updated = CompletionCount.unscoped.filter(**key).update(
        acknowledged=F("acknowledged") + 1, on_time=F("on_time") + on_time
    )
    if updated:
        return
    try:
        with transaction.atomic():  # a savepoint, so a lost race leaves the outer one usable
            CompletionCount.unscoped.create(**key, acknowledged=1, on_time=on_time)
    except IntegrityError:  # a concurrent first acknowledgement created the row: add to it
        CompletionCount.unscoped.filter(**key).update(
            acknowledged=F("acknowledged") + 1, on_time=F("on_time") + on_time
        )


def rebuild(*, campaign_ids: list[int]) -> int:
    """Recompute the rollup of the given campaigns from their receipts (active people, counted
    in their current unit and category). Two queries and one bulk insert."""
    rows = (
        Receipt.unscoped.filter(
            campaign_id__in=campaign_ids, acknowledged_at__isnull=False, person__is_active=True
        )
        .values("campaign_id", "version_id", "person__unit_id", "person__category")
        .annotate(n=Count("id"), t=Count("id", filter=Q(on_time=True)))
    )
    counts = [
        CompletionCount(
            campaign_id=row["campaign_id"],
            version_id=row["version_id"],
            unit_id=row["person__unit_id"],
            category=row["person__category"],
            acknowledged=row["n"],
            on_time=row["t"],
        )
        for row in rows
    ]
    with transaction.atomic():
        CompletionCount.unscoped.filter(campaign_id__in=campaign_ids).delete()
        CompletionCount.unscoped.bulk_create(counts, batch_size=2000)
    return len(counts)


_MOVE_BATCH = 500


def move_people(*, changes) -> int:
    """Move the acknowledgements of people whose unit, category or active flag changed
    (`org.signals.PersonChange`s) from their old row to their new one: out of the old
    (unit, category) if they were counted, into the new one if they still are. A fixed number
    of queries per 500 people plus one UPDATE per changed row. Returns rows touched."""
    moved = {c.person_id: c for c in changes if c.old != c.new}
    if not moved:
        return 0
    delta: dict[tuple[int, int, int, str], list[int]] = defaultdict(lambda: [0, 0])
    ids = sorted(moved)
    for start in range(0, len(ids), _MOVE_BATCH):
        receipts = Receipt.unscoped.filter(
            person_id__in=ids[start : start + _MOVE_BATCH], acknowledged_at__isnull=False
        ).values_list("person_id", "campaign_id", "version_id", "on_time")
        for person_id, campaign_id, version_id, on_time in receipts:
            change = moved[person_id]
            t = 1 if on_time else 0
            if change.old.is_active:
                key = (campaign_id, version_id, change.old.unit_id, change.old.category)
                delta[key][0] -= 1
                delta[key][1] -= t
            if change.new.is_active:
                key = (campaign_id, version_id, change.new.unit_id, change.new.category)
                delta[key][0] += 1
                delta[key][1] += t
    touched = 0
    for (campaign_id, version_id, unit_id, category), (n, t) in sorted(delta.items()):
        if n == 0 and t == 0:
            continue
        key = {
            "campaign_id": campaign_id,
            "version_id": version_id,
            "unit_id": unit_id,
            "category": category,
        }
        touched += 1
        if CompletionCount.unscoped.filter(**key).update(
            acknowledged=F("acknowledged") + n, on_time=F("on_time") + t
        ):
            continue
        if n > 0:  # first acknowledgement counted in this row
            with transaction.atomic():
                CompletionCount.unscoped.create(**key, acknowledged=n, on_time=max(t, 0))
    return touched


def on_people_changed(sender, *, changes, **kwargs) -> None:
    """Receiver of org.signals.people_changed (connected in the app config)."""
    move_people(changes=changes)
