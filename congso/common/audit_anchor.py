"""Anchors of the audit chain: the head at a moment, signed, to print or e-mail.

The keyed chain (common/audit.py) stops anyone without `CONGSO_AUDIT_KEY` from rewriting a row
unnoticed. Someone who holds the database *and* the key could still rewrite history and
re-chain it; the anchor defeats that: an official keeps the printed or e-mailed text (date,
number of rows, head HMAC, signature), and `congso audit verify --anchor FILE` checks that the
row at that number still carries that head.

The signature is HMAC-SHA256 with `CONGSO_AUDIT_ANCHOR_KEY` (a second secret, held by someone
else than the server's administrator if the province can arrange it), else with the chain key.
It lets anyone with the key tell a genuine anchor from a typed-up one.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from congso.common.audit import audit_key
from congso.common.models import AuditAnchor, AuditChainHead
from congso.common.scoping import Actor

MACHINE_PREFIX = "CONGSO-NEO v1"
_MACHINE_LINE = re.compile(
    r"^CONGSO-NEO v1 (?P<at>\S+) (?P<seq>\d+) (?P<head>[0-9a-f]{64}) (?P<sig>[0-9a-f]{64})\s*$",
    re.MULTILINE,
)


class AnchorError(ValueError):
    """An anchor file that cannot be read or whose signature does not match."""


@dataclass(frozen=True)
class Anchor:
    at: datetime
    seq: int
    head: str
    signature: str


def anchor_key() -> bytes:
    key = getattr(settings, "CONGSO_AUDIT_ANCHOR_KEY", "") or ""
    return key.encode("utf-8") if key else audit_key()


def _signed(at: datetime, seq: int, head: str) -> bytes:
    return f"{MACHINE_PREFIX}|{at.isoformat()}|{seq}|{head}".encode()


def sign(at: datetime, seq: int, head: str) -> str:
    return hmac.new(anchor_key(), _signed(at, seq, head), hashlib.sha256).hexdigest()


def anchor_create(*, actor: Actor | None) -> AuditAnchor:
    """Sign the current head (the head row is locked, so no append slips in between)."""
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        at = timezone.now().replace(microsecond=0)
        label = (actor.username if actor and actor.username else "hệ thống")[:200]
        return AuditAnchor.objects.create(
            at=at,
            seq=head.seq,
            head=head.hash,
            signature=sign(at, head.seq, head.hash),
            created_by_label=label,
        )


def latest_anchor() -> Anchor | None:
    row = AuditAnchor.objects.order_by("-seq", "-id").first()
    if row is None:
        return None
    return Anchor(at=row.at, seq=row.seq, head=row.head, signature=row.signature)


def _grouped(hex_text: str) -> str:
    return " ".join(hex_text[i : i + 8] for i in range(0, len(hex_text), 8))


def anchor_text(row: AuditAnchor) -> str:
    """The text to print, sign by hand, file or e-mail; its last line is read back by
    `congso audit verify --anchor`."""
    local = timezone.localtime(row.at)
    province = getattr(settings, "CONGSO_PROVINCE_NAME", "")
    return (
        "NEO NHẬT KÝ THAY ĐỔI — HỆ THỐNG CÔNG SỞ\n"
        f"Đơn vị: {province}\n"
        f"Thời điểm: {local:%d/%m/%Y %H:%M:%S} (giờ Việt Nam)\n"
        f"Số bản ghi trong chuỗi: {row.seq}\n"
        f"Mã đầu chuỗi (HMAC-SHA256): {_grouped(row.head)}\n"
        f"Chữ ký của neo (HMAC-SHA256): {_grouped(row.signature)}\n"
        f"Người lập: {row.created_by_label}\n"
        "\n"
        "Lưu bản này ngoài hệ thống (in, ký, gửi thư điện tử). Kiểm tra: "
        "congso audit verify --anchor <tệp chứa dòng dưới>\n"
        f"{MACHINE_PREFIX} {row.at.isoformat()} {row.seq} {row.head} {row.signature}\n"
    )


def parse_anchor(text: str) -> Anchor:
    """Read the machine line of an anchor text and check its signature."""
    match = _MACHINE_LINE.search(text)
    if match is None:
        raise AnchorError("không tìm thấy dòng 'CONGSO-NEO v1 …' trong tệp neo")
    try:
        at = datetime.fromisoformat(match["at"])
    except ValueError as exc:
        raise AnchorError("thời điểm trong neo không hợp lệ") from exc
    anchor = Anchor(at=at, seq=int(match["seq"]), head=match["head"], signature=match["sig"])
    if not hmac.compare_digest(sign(at, anchor.seq, anchor.head), anchor.signature):
        raise AnchorError("chữ ký của neo không khớp (neo bị sửa hoặc ký bằng khóa khác)")
    return anchor
