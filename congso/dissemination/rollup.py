"""The completion rollup (`CompletionCount`): per campaign version, unit and staff category,
how many acknowledged and how many on time. Written only here: incremented inside the
acknowledgement's transaction, rebuilt from the receipts for given campaigns (daily job, bulk
loads). Completion pages then read at most units × categories rows, never the receipts."""

from __future__ import annotations

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
