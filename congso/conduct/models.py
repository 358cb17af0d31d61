"""Codes of conduct (quy chế văn hóa công sở), their versions and clauses, the province-wide
violation taxonomy and staff attestations.

Legal frame: QĐ 129/2007/QĐ-TTg (Quy chế văn hóa công sở), QĐ 1847/QĐ-TTg (Đề án Văn hóa công
vụ), Chỉ thị 26/CT-TTg and the Lào Cai directive, point 2 (agencies complete their office-culture
rules). A violation recorded by the case workflow points at the `Clause` in force on the day.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.common.scoping import ScopedModel


class Culture(models.TextChoices):
    """The two kinds of culture the directive (point 3) names for the rating cap."""

    OFFICE = "office", _("Văn hóa công sở")
    PUBLIC_PLACE = "public_place", _("Văn hóa nơi công cộng")


class ViolationCategory(models.Model):
    """One kind of violation in the province-wide taxonomy (not scoped: every unit shares it)."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    culture = models.CharField(_("loại văn hóa"), max_length=20, choices=Culture.choices)
    description = models.TextField(_("mô tả"), blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=500, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("loại vi phạm")
        verbose_name_plural = _("loại vi phạm")

    def __str__(self) -> str:
        return self.name


class CodeOfConduct(ScopedModel):
    """The office-culture rules of one agency unit (at most one code per unit)."""

    title = models.CharField(_("tên quy chế"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "conduct.view"

    class Meta:
        ordering = ["unit_id"]
        verbose_name = _("quy chế văn hóa công sở")
        verbose_name_plural = _("quy chế văn hóa công sở")
        constraints = [
            models.UniqueConstraint(fields=["unit"], name="conduct_one_code_per_unit"),
        ]

    def __str__(self) -> str:
        return self.title


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    PUBLISHED = "published", _("Đã ban hành")


class CodeVersion(ScopedModel):
    """One version of a code. A published version is immutable; it is in force from
    `effective_from` (inclusive) to `effective_to` (exclusive, empty = still in force).
    `unit` repeats the code's unit so scoping needs no join."""

    code = models.ForeignKey(CodeOfConduct, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("lần ban hành"))
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("ngày ban hành"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "conduct.view"

    class Meta:
        ordering = ["code_id", "-number"]
        verbose_name = _("phiên bản quy chế")
        verbose_name_plural = _("phiên bản quy chế")
        constraints = [
            models.UniqueConstraint(fields=["code", "number"], name="conduct_version_number"),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(status="draft"),
                name="conduct_one_draft_per_code",
            ),
        ]
        indexes = [models.Index(fields=["unit", "status", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.code_id} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class Clause(ScopedModel):
    """One article of a version ("Điều 5"), optionally mapped to a violation category."""

    version = models.ForeignKey(CodeVersion, on_delete=models.CASCADE, related_name="clauses")
    number = models.CharField(_("số điều"), max_length=40)
    ordering = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tiêu đề"), max_length=300)
    text = models.TextField(_("nội dung"))
    category = models.ForeignKey(
        ViolationCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clauses",
        verbose_name=_("loại vi phạm"),
    )

    view_capability = "conduct.view"

    class Meta:
        ordering = ["version_id", "ordering", "id"]
        verbose_name = _("điều khoản")
        verbose_name_plural = _("điều khoản")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Attestation(ScopedModel):
    """A staff member's statement that they have read a published version (once per version).
    `unit` is the person's unit at the time, so completion is counted where they worked."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(CodeVersion, on_delete=models.CASCADE, related_name="attestations")
    at = models.DateTimeField(_("thời điểm"))

    # Who read what is for those who keep the code; each person sees their own rows.
    view_capability = "conduct.manage"
    self_field = "person_id"

    class Meta:
        ordering = ["-at"]
        verbose_name = _("xác nhận đã đọc")
        verbose_name_plural = _("xác nhận đã đọc")
        constraints = [
            models.UniqueConstraint(fields=["person", "version"], name="conduct_attest_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} read {self.version_id}"
