"""The append-only, hash-chained audit log.

Every service that changes a rating, a case, an award, a person or a setting calls
`audit_record` inside its transaction. Each row's hash is
sha256(canonical JSON of its fields + the previous row's hash), so changing or removing a row
breaks the chain from that row on; `audit_verify` finds the first broken row.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from congso.common.models import AuditChainHead, AuditEntry
from congso.common.scoping import Actor

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """JSON with sorted keys and no spaces: the exact bytes that are hashed and stored."""
    if value is None or value == "":
        return ""
    return json.dumps(
        value, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def _row_hash(
    *,
    seq: int,
    at: datetime,
    actor_user_id: int | None,
    actor_label: str,
    unit_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    old: str,
    new: str,
    prev_hash: str,
) -> str:
    payload = json.dumps(
        [
            seq,
            at.astimezone(UTC).isoformat(timespec="microseconds"),
            actor_user_id,
            actor_label,
            unit_id,
            action,
            object_type,
            object_id,
            old,
            new,
            prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Change:
    """One change to record; used by `audit_record_many` for bulk writes (imports)."""

    action: str
    object_type: str = ""
    object_id: str = ""
    unit_id: int | None = None
    old: Any = None
    new: Any = None


def audit_record(
    *,
    actor: Actor | None,
    action: str,
    obj: Any = None,
    unit_id: int | None = None,
    old: Any = None,
    new: Any = None,
    object_type: str = "",
    object_id: str = "",
) -> AuditEntry:
    """Append one audit row for `action` on `obj` (or on object_type/object_id)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        if unit_id is None:
            unit_id = getattr(obj, "unit_id", None)
    change = Change(
        action=action,
        object_type=object_type,
        object_id=object_id,
        unit_id=unit_id,
        old=old,
        new=new,
    )
    return audit_record_many(actor=actor, changes=[change])[0]


def audit_record_many(*, actor: Actor | None, changes: Iterable[Change]) -> list[AuditEntry]:
    """Append several rows in one transaction, chained in order."""
    changes = list(changes)
    if not changes:
        return []
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        at = timezone.now()
        rows: list[AuditEntry] = []
        prev_hash, seq = head.hash, head.seq
        actor_user_id = actor.user_id if actor else None
        actor_label = (actor.username if actor and actor.username else "hệ thống")[:200]
        for change in changes:
            seq += 1
            old, new = canonical(change.old), canonical(change.new)
            row_hash = _row_hash(
                seq=seq,
                at=at,
                actor_user_id=actor_user_id,
                actor_label=actor_label,
                unit_id=change.unit_id,
                action=change.action,
                object_type=change.object_type,
                object_id=change.object_id,
                old=old,
                new=new,
                prev_hash=prev_hash,
            )
            rows.append(
                AuditEntry(
                    seq=seq,
                    at=at,
                    actor_user_id=actor_user_id,
                    actor_label=actor_label,
                    unit_id=change.unit_id,
                    action=change.action,
                    object_type=change.object_type,
                    object_id=change.object_id,
                    old=old,
                    new=new,
                    prev_hash=prev_hash,
                    hash=row_hash,
                )
            )
            prev_hash = row_hash
        AuditEntry.objects.bulk_create(rows, batch_size=1000)
        head.seq, head.hash = seq, prev_hash
        head.save(update_fields=["seq", "hash"])
    return rows


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_bad_seq: int | None = None
    reason: str = ""


def audit_verify(*, batch_size: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first row that was changed, inserted or removed."""
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    queryset = AuditEntry.objects.order_by("seq")
    for row in queryset.iterator(chunk_size=batch_size):
        if row.seq != expected_seq:
            return VerifyResult(
                False, checked, expected_seq, f"thiếu bản ghi số {expected_seq} (bị xóa)"
            )
        if row.prev_hash != prev_hash:
            return VerifyResult(
                False, checked, row.seq, f"bản ghi số {row.seq} không nối với bản ghi trước"
            )
        computed = _row_hash(
            seq=row.seq,
            at=row.at,
            actor_user_id=row.actor_user_id,
            actor_label=row.actor_label,
            unit_id=row.unit_id,
            action=row.action,
            object_type=row.object_type,
            object_id=row.object_id,
            old=row.old,
            new=row.new,
            prev_hash=row.prev_hash,
        )
        if computed != row.hash:
            return VerifyResult(False, checked, row.seq, f"bản ghi số {row.seq} đã bị sửa")
        prev_hash, expected_seq, last_seq = row.hash, row.seq + 1, row.seq
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != last_seq or head.hash != prev_hash):
        return VerifyResult(
            False,
            checked,
            last_seq + 1,
            f"thiếu bản ghi từ số {last_seq + 1} đến {head.seq} (bị xóa)",
        )
    return VerifyResult(True, checked)
