"""Shared tables: the hash-chained audit log and the working-day calendar."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """One append-only audit row. `hash` covers this row's content and the previous row's hash.

    `old` and `new` hold canonical JSON text (sorted keys) rather than a JSON column, so the
    bytes that were hashed are the bytes stored on every database (jsonb would reorder keys).
    """

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_user_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    unit_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(max_length=100, db_index=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name = _("bản ghi nhật ký")
        verbose_name_plural = _("nhật ký thay đổi")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"


class AuditAnchor(models.Model):
    """The chain head at a moment, signed (HMAC) so it can be printed or e-mailed and kept
    outside the system (`congso audit anchor`). The copy held outside is what counts; this row
    lets `audit verify` say how many rows came after the last anchor."""

    at = models.DateTimeField()
    seq = models.BigIntegerField()
    head = models.CharField(max_length=64)
    signature = models.CharField(max_length=64)
    created_by_label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-seq", "-id"]
        verbose_name = _("neo nhật ký")
        verbose_name_plural = _("neo nhật ký")

    def __str__(self) -> str:
        return f"anchor #{self.seq} {self.at:%Y-%m-%d}"


class AuditChainHead(models.Model):
    """The last sequence number and hash: lets `audit verify` notice a removed last row,
    and serialises writers (its row is locked for the duration of an append)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.seq}"


class Holiday(models.Model):
    """A day that breaks the Monday–Friday rule: a public holiday (nghỉ lễ, Tết) or a
    make-up working Saturday (ngày làm bù). Shipped for 2025–2027; the administrator adds
    later years when the Ministry of Home Affairs announces them."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Ngày nghỉ")
        WORKDAY = "workday", _("Ngày làm bù")

    date = models.DateField(unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)
    name = models.CharField(max_length=200)
    basis = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("lịch ngày nghỉ")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"
