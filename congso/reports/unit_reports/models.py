"""A unit's periodic report on the directive and the reminders sent about it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.common.permissions import Cap
from congso.common.scoping import ScopedModel


class ReportKind(models.TextChoices):
    QUARTER = "quarter", _("Báo cáo quý")
    HALF = "half", _("Báo cáo 6 tháng")
    YEAR = "year", _("Báo cáo năm")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class UnitReport(ScopedModel):
    """One unit's report for one period (kind, year, seq: quarter 1–4, half 1–2, year 1).

    `narrative` holds what the unit writes per section: {section key: {"results", "limits",
    "proposals"}}. `snapshot` is the sections as they stood when the report was (last)
    submitted: the unit above reads what was sent, not figures that moved since."""

    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    seq = models.PositiveSmallIntegerField(_("kỳ"), default=1)
    state = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    narrative = models.JSONField(_("nội dung đơn vị viết"), default=dict, blank=True)
    snapshot = models.JSONField(default=list, blank=True, editable=False)
    due_on = models.DateField(_("hạn gửi"))
    submissions = models.PositiveSmallIntegerField(_("số lần gửi"), default=0)
    submitted_at = models.DateTimeField(_("ngày gửi lần đầu"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(_("ngày gửi gần nhất"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    reviewed_at = models.DateTimeField(_("ngày xem xét"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    view_capability = Cap.REPORTS_UNIT

    class Meta:
        ordering = ["-year", "kind", "-seq", "unit_id"]
        verbose_name = _("báo cáo định kỳ của đơn vị")
        verbose_name_plural = _("báo cáo định kỳ của đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind", "year", "seq"], name="reports_unitreport_one_per_period"
            ),
        ]
        indexes = [models.Index(fields=["kind", "year", "seq", "state"])]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.kind} {self.year}/{self.seq}"

    @property
    def slug(self) -> str:
        from congso.reports.unit_reports.rules import period_slug

        return period_slug(self.kind, self.year, self.seq)


class UnitReportReminder(models.Model):
    """A reminder sent about a unit's missing report (`key` makes each one unique, so a rerun
    of the daily job sends nothing twice)."""

    unit = models.ForeignKey("org.OrgUnit", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveSmallIntegerField(default=1)
    step = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=80, unique=True)
    sent_to = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("nhắc gửi báo cáo định kỳ")
        verbose_name_plural = _("nhắc gửi báo cáo định kỳ")

    def __str__(self) -> str:
        return self.key
