"""The append-only, keyed hash chain of the audit log.

Every service that changes a rating, a case, an award, a person or a setting calls
`audit_record` inside its transaction. Each row's hash is
HMAC-SHA256(CONGSO_AUDIT_KEY, canonical JSON of its fields + the previous row's hash), so
changing or removing a row breaks the chain from that row on, and nobody without the key (held
in the environment, not in the database) can compute a valid hash for a changed row;
`audit_verify` finds the first broken row. Against someone who holds both the database and the
key, the head is anchored outside the system (`congso.common.audit_anchor`).

Rows written before the key existed were plain SHA-256; migration `common/0003` checked them
and re-chained them under the key, recording the old head in a `common.audit_keyed` row.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
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


def audit_key() -> bytes:
    """The chain's secret (environment `CONGSO_AUDIT_KEY`, never stored in the database)."""
    key = getattr(settings, "CONGSO_AUDIT_KEY", "") or ""
    if not key:
        raise ImproperlyConfigured(
            "Biến môi trường CONGSO_AUDIT_KEY là bắt buộc (environment variable "
            "CONGSO_AUDIT_KEY is required: the key of the audit chain)."
        )
    return key.encode("utf-8")


def _row_hash(
    *,
    key: bytes | None,
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
    ).encode("utf-8")
    if key is None:  # rows from before the chain was keyed (only read by the re-keying step)
        return hashlib.sha256(payload).hexdigest()
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def row_fields(row) -> dict[str, Any]:
    """The hashed fields of a stored row (any object with AuditEntry's attributes)."""
    return {
        "seq": row.seq,
        "at": row.at,
        "actor_user_id": row.actor_user_id,
        "actor_label": row.actor_label,
        "unit_id": row.unit_id,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "old": row.old,
        "new": row.new,
        "prev_hash": row.prev_hash,
    }


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
    key = audit_key()
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
                key=key,
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
    # The newest anchor the check used (stored, or the file given) and what came after it.
    anchor_seq: int | None = None
    anchor_at: datetime | None = None
    added_after_anchor: int = 0


def audit_verify(*, batch_size: int = 5000, anchor: Any = None) -> VerifyResult:
    """Walk the chain in order; report the first row that was changed, inserted or removed.

    `anchor` (an `audit_anchor.Anchor`, e.g. read from a printed or e-mailed file) must match
    the row at its sequence number: a history rewritten by someone holding the key is found
    there. Without one, the newest stored anchor is used to count the rows added after it."""
    from congso.common.audit_anchor import latest_anchor

    key = audit_key()
    if anchor is None:
        anchor = latest_anchor()
    anchor_seq = anchor.seq if anchor is not None else None
    anchor_at = anchor.at if anchor is not None else None
    anchored = {"anchor_seq": anchor_seq, "anchor_at": anchor_at}
    prev_hash, expected_seq, checked = GENESIS, 1, 0
    last_seq = 0
    queryset = AuditEntry.objects.order_by("seq")
    for row in queryset.iterator(chunk_size=batch_size):
        if row.seq != expected_seq:
            return VerifyResult(
                False,
                checked,
                expected_seq,
                f"thiếu bản ghi số {expected_seq} (bị xóa)",
                **anchored,
            )
        if row.prev_hash != prev_hash:
            return VerifyResult(
                False,
                checked,
                row.seq,
                f"bản ghi số {row.seq} không nối với bản ghi trước",
                **anchored,
            )
        if not hmac.compare_digest(_row_hash(key=key, **row_fields(row)), row.hash):
            return VerifyResult(
                False, checked, row.seq, f"bản ghi số {row.seq} đã bị sửa", **anchored
            )
        if anchor is not None and row.seq == anchor.seq and row.hash != anchor.head:
            return VerifyResult(
                False,
                checked,
                row.seq,
                f"bản ghi số {row.seq} khác với neo ngày "
                f"{timezone.localtime(anchor.at):%d/%m/%Y %H:%M} (lịch sử đã bị viết lại)",
                **anchored,
            )
        prev_hash, expected_seq, last_seq = row.hash, row.seq + 1, row.seq
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq != last_seq or head.hash != prev_hash):
        return VerifyResult(
            False,
            checked,
            last_seq + 1,
            f"thiếu bản ghi từ số {last_seq + 1} đến {head.seq} (bị xóa)",
            **anchored,
        )
    if anchor is not None and anchor.seq > last_seq:
        return VerifyResult(
            False,
            checked,
            last_seq + 1,
            f"neo ghi {anchor.seq} bản ghi, chuỗi chỉ còn {last_seq} (bị xóa)",
            **anchored,
        )
    after = last_seq - anchor.seq if anchor is not None else last_seq
    return VerifyResult(True, checked, added_after_anchor=after, **anchored)


def rechain_with_key(entry_model, head_model, key: bytes) -> tuple[int, str]:
    """Re-key the whole chain (the step from unkeyed SHA-256 to HMAC, migration common/0003).

    Every row must still verify, as plain SHA-256 or already keyed; otherwise nothing is
    changed and ValueError names the row (a broken old chain is evidence, not something to
    launder into a valid keyed one). Returns (rows, the old head hash)."""
    prev_old, prev_new, count = GENESIS, GENESIS, 0
    updates = []
    for row in entry_model.objects.order_by("seq").iterator(chunk_size=2000):
        fields = row_fields(row)
        if row.seq != count + 1 or row.prev_hash != prev_old:
            raise ValueError(f"audit chain broken at row {row.seq}; not re-keyed")
        if row.hash not in (_row_hash(key=None, **fields), _row_hash(key=key, **fields)):
            raise ValueError(f"audit row {row.seq} was changed; not re-keyed")
        new_hash = _row_hash(key=key, **{**fields, "prev_hash": prev_new})
        updates.append((row.pk, prev_new, new_hash))
        prev_old, prev_new, count = row.hash, new_hash, count + 1
    head = head_model.objects.filter(pk=1).first()
    if head is not None and (head.seq != count or head.hash != prev_old):
        raise ValueError(f"audit chain head does not match row {count}; not re-keyed")
    for pk, prev_hash, row_hash in updates:
        entry_model.objects.filter(pk=pk).update(prev_hash=prev_hash, hash=row_hash)
    head_model.objects.update_or_create(pk=1, defaults={"seq": count, "hash": prev_new})
    return count, prev_old
