"""Inspections of office culture (thanh tra, kiểm tra công vụ): annual plans, visits with a
checklist drawn from the target agency's code of conduct, photos, findings and remediation.

Scoping: a plan belongs to the inspecting unit; a visit and everything under it belongs to the
TARGET unit (the agency inspected), so the inspectors who reach that unit and the target's own
head see it, and nobody else. The Lào Cai directive, points 2 and 6, asks for this inspection
and supervision; findings about people become cases (congso.cases), findings about units become
remediation tasks with an owner and a working-day deadline.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.common.scoping import ScopedModel


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    APPROVED = "approved", _("Đã phê duyệt")
    CLOSED = "closed", _("Đã kết thúc")


class InspectionPlan(ScopedModel):
    """An annual inspection plan of the inspecting unit, listing the units to inspect."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    description = models.TextField(_("nội dung, phạm vi"), blank=True)
    targets = models.ManyToManyField(
        "org.OrgUnit", related_name="+", verbose_name=_("đơn vị được kiểm tra")
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "inspections.view"

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "title"], name="insp_plan_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class VisitKind(models.TextChoices):
    SCHEDULED = "scheduled", _("Theo kế hoạch")
    SURPRISE = "surprise", _("Đột xuất")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    IN_PROGRESS = "in_progress", _("Đang kiểm tra")
    DONE = "done", _("Đã kết thúc")


class Visit(ScopedModel):
    """One inspection visit to the target unit (`unit`). `version` is the code version whose
    clauses make the checklist (the one in force for the target on `visit_on`)."""

    plan = models.ForeignKey(
        InspectionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="visits"
    )
    inspecting_unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị kiểm tra")
    )
    kind = models.CharField(_("hình thức"), max_length=10, choices=VisitKind.choices)
    visit_on = models.DateField(_("ngày kiểm tra"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=VisitStatus.choices, default=VisitStatus.PLANNED
    )
    inspectors = models.ManyToManyField(
        "org.Person", related_name="+", blank=True, verbose_name=_("thành viên đoàn kiểm tra")
    )
    subjects = models.ManyToManyField(
        "org.Person", related_name="+", blank=True, verbose_name=_("cá nhân được kiểm tra")
    )
    version = models.ForeignKey(
        "conduct.CodeVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    purpose = models.CharField(_("nội dung kiểm tra"), max_length=500, blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "inspections.view"

    class Meta:
        ordering = ["-visit_on", "-id"]
        verbose_name = _("cuộc kiểm tra")
        verbose_name_plural = _("cuộc kiểm tra")
        # One visit of a unit a day (issue 8 item 11: two identical surprise visits were
        # accepted); the constraint's index also serves lookups by (unit, visit_on).
        constraints = [
            models.UniqueConstraint(fields=["unit", "visit_on"], name="inspections_visit_unit_day")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.visit_on}"


class ItemResult(models.TextChoices):
    PENDING = "", _("Chưa đánh giá")
    COMPLIANT = "compliant", _("Thực hiện đúng")
    NON_COMPLIANT = "non_compliant", _("Chưa thực hiện đúng")
    NOT_APPLICABLE = "not_applicable", _("Không áp dụng")


class ChecklistItem(ScopedModel):
    """One checklist line: one clause of the target's code in force on the visit date."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="items")
    clause = models.ForeignKey("conduct.Clause", on_delete=models.PROTECT, related_name="+")
    ordering = models.PositiveIntegerField(default=0)
    result = models.CharField(
        _("kết quả"), max_length=16, choices=ItemResult.choices, default="", blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    view_capability = "inspections.view"

    class Meta:
        ordering = ["visit_id", "ordering", "id"]
        verbose_name = _("nội dung kiểm tra")
        verbose_name_plural = _("danh mục kiểm tra")
        constraints = [
            models.UniqueConstraint(fields=["visit", "clause"], name="insp_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id}:{self.clause_id}"


class ItemPhoto(ScopedModel):
    """A photo taken for a checklist item, re-encoded without metadata (EXIF, GPS)."""

    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="inspections/%Y/%m/", max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by_user_id = models.BigIntegerField(null=True, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    view_capability = "inspections.view"

    class Meta:
        ordering = ["item_id", "id"]
        verbose_name = _("ảnh kiểm tra")
        verbose_name_plural = _("ảnh kiểm tra")
        constraints = [
            models.UniqueConstraint(fields=["item", "sha256"], name="insp_photo_once"),
        ]

    def __str__(self) -> str:
        return self.file.name or ""


class FindingKind(models.TextChoices):
    PERSON = "person", _("Cá nhân vi phạm")
    UNIT = "unit", _("Tồn tại của đơn vị")


class Finding(ScopedModel):
    """A finding of a visit. About a person: it opens a case (`case`); about the unit: it gets
    remediation tasks."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(
        ChecklistItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="findings"
    )
    kind = models.CharField(_("loại kết luận"), max_length=10, choices=FindingKind.choices)
    person = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    category = models.ForeignKey(
        "conduct.ViolationCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("loại vi phạm"),
    )
    description = models.TextField(_("nội dung"))
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "inspections.view"

    class Meta:
        ordering = ["visit_id", "id"]
        verbose_name = _("kết luận kiểm tra")
        verbose_name_plural = _("kết luận kiểm tra")

    def __str__(self) -> str:
        return f"{self.visit_id}:{self.kind}"


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Đang khắc phục")
    DONE = "done", _("Đã khắc phục")


class RemediationTask(ScopedModel):
    """A task for the inspected unit to put a finding right, by a working-day deadline."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("việc cần khắc phục"), max_length=300)
    owner = models.ForeignKey(
        "org.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("người chủ trì")
    )
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    due_on = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    done_note = models.TextField(_("kết quả khắc phục"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "inspections.view"
    self_field = "owner_id"

    class Meta:
        ordering = ["status", "due_on", "id"]
        verbose_name = _("việc khắc phục")
        verbose_name_plural = _("việc khắc phục")
        indexes = [models.Index(fields=["unit", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title
