"""Periodic evaluation sheets, leave records, per-year facts and the annual classification.

Every row is unit-scoped (`ScopedModel`); rows about one person name that person
(`self_field`), so people read their own sheets and results (results only once published:
evaluation.selectors).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.common.permissions import Cap
from congso.common.scoping import ScopedModel

POINTS = {"max_digits": 6, "decimal_places": 2}
SHARE = {"max_digits": 5, "decimal_places": 4}


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")


class EvaluationSettings(ScopedModel):
    """One agency's choices: monthly or quarterly sheets, the weights of the six common
    criteria (together 30 points, NĐ 335/2025 Art. 8), the appeal window in working days."""

    period_kind = models.CharField(
        _("kỳ đánh giá"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTH
    )
    weights = models.JSONField(_("điểm tối đa của từng tiêu chí chung"), default=dict)
    appeal_working_days = models.PositiveSmallIntegerField(
        _("thời hạn kiến nghị (ngày làm việc)"), default=5
    )

    view_capability = Cap.EVALUATION_VIEW

    class Meta:
        verbose_name = _("thiết lập đánh giá")
        verbose_name_plural = _("thiết lập đánh giá")
        constraints = [models.UniqueConstraint(fields=["unit"], name="evaluation_settings_unit")]


class Product(ScopedModel):
    """A product of a job position with its standard units (NĐ 335: assigned and completed
    work converted to standard products). A retired product is offered to no new sheet line;
    the lines that used it keep it (and its standard units)."""

    position = models.CharField(_("vị trí việc làm"), max_length=120)
    code = models.CharField(_("mã sản phẩm"), max_length=32)
    name = models.CharField(_("tên sản phẩm"), max_length=255)
    measure = models.CharField(_("đơn vị tính"), max_length=40)
    standard_units = models.DecimalField(_("số sản phẩm chuẩn"), max_digits=8, decimal_places=2)
    retired_on = models.DateField(_("ngừng sử dụng từ"), null=True, blank=True)

    view_capability = Cap.EVALUATION_VIEW

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("sản phẩm")
        verbose_name_plural = _("danh mục sản phẩm")
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="evaluation_product_unit_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", _("Thai sản")
    SICK = "sick", _("Ốm đau")
    STUDY = "study", _("Đi học")
    UNPAID = "unpaid", _("Nghỉ không lương")
    OTHER = "other", _("Nghỉ khác theo quy định")


class LeaveRecord(ScopedModel):
    """Lawful leave of one person (from and to inclusive): months absent and maternity
    (NĐ 90/2020 Art. 2(3); NĐ 335/2025 Art. 21(3))."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại nghỉ"), max_length=12, choices=LeaveKind.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))

    view_capability = Cap.EVALUATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["person_id", "start"]
        verbose_name = _("thời gian nghỉ")
        verbose_name_plural = _("thời gian nghỉ")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="leave_order")
        ]


class YearFacts(ScopedModel):
    """What the year's classification needs that no other app holds yet: the group of similar
    tasks (quota), a recognised initiative (until the emulation work owns initiatives), an
    administrative fine, a concluded degradation, a new recruit."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    task_group = models.CharField(_("nhóm nhiệm vụ tương đồng"), max_length=80, blank=True)
    recognised_initiative = models.BooleanField(_("có sáng kiến được công nhận"), default=False)
    administrative_fine = models.BooleanField(_("bị xử phạt vi phạm hành chính"), default=False)
    concluded_degradation = models.BooleanField(_("có kết luận suy thoái"), default=False)
    new_recruit = models.BooleanField(_("mới tuyển dụng"), default=False)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    view_capability = Cap.EVALUATION_VIEW
    self_field = "person_id"

    class Meta:
        verbose_name = _("thông tin năm")
        verbose_name_plural = _("thông tin năm")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year"], name="evaluation_yearfacts_person_year"
            )
        ]


class SheetState(models.TextChoices):
    SELF = "self", _("Tự đánh giá")
    HEAD = "head", _("Chờ thủ trưởng đánh giá")
    FINAL = "final", _("Đã hoàn tất")


class Sheet(ScopedModel):
    """One person's evaluation for one month or quarter. Công chức from 2026: 30 common points
    (one line per criterion) + 70 task points; cán bộ, viên chức and earlier years: the NĐ 90/48
    shares. Self-assessment → head's assessment → finalised."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    period_kind = models.CharField(_("kỳ"), max_length=10, choices=PeriodKind.choices)
    number = models.PositiveSmallIntegerField(_("số kỳ"))
    start = models.DateField()
    end = models.DateField()  # exclusive
    uses_points = models.BooleanField(default=True)
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=SheetState.choices, default=SheetState.SELF
    )
    self_common = models.JSONField(default=dict, blank=True)
    self_task_points = models.DecimalField(**POINTS, null=True, blank=True)
    head_common = models.JSONField(default=dict, blank=True)
    common_points = models.DecimalField(_("điểm tiêu chí chung"), **POINTS, null=True, blank=True)
    task_points = models.DecimalField(_("điểm kết quả nhiệm vụ"), **POINTS, null=True, blank=True)
    on_time_share = models.DecimalField(**SHARE, null=True, blank=True)
    exceeded_share = models.DecimalField(**SHARE, null=True, blank=True)
    failed_share = models.DecimalField(**SHARE, null=True, blank=True)
    self_comment = models.TextField(_("ý kiến tự đánh giá"), blank=True)
    head_comment = models.TextField(_("nhận xét của thủ trưởng"), blank=True)
    assessed_by = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(null=True, blank=True)
    external_ref = models.CharField(max_length=80, null=True, blank=True, unique=True)
    finalised_at = models.DateTimeField(null=True, blank=True)

    view_capability = Cap.EVALUATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["year", "start", "person_id"]
        verbose_name = _("phiếu đánh giá")
        verbose_name_plural = _("phiếu đánh giá")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "period_kind", "number"], name="evaluation_sheet_period"
            )
        ]
        indexes = [models.Index(fields=["unit", "year", "state"])]

    @property
    def total_points(self):
        if self.common_points is None or self.task_points is None:
            return None
        return self.common_points + self.task_points


class SheetLine(models.Model):
    """One product on a sheet: assigned vs completed standard units, quality and timeliness
    percentages, major errors and delays (each −25 % of its item's points unless an objective
    cause is recorded)."""

    sheet = models.ForeignKey(Sheet, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.PROTECT)
    label = models.CharField(max_length=255)
    assigned = models.DecimalField(max_digits=10, decimal_places=2)
    completed = models.DecimalField(max_digits=10, decimal_places=2)
    quality_pct = models.DecimalField(max_digits=5, decimal_places=2)
    timeliness_pct = models.DecimalField(max_digits=5, decimal_places=2)
    major_errors = models.PositiveSmallIntegerField(default=0)
    delays = models.PositiveSmallIntegerField(default=0)
    objective_cause = models.BooleanField(default=False)

    class Meta:
        ordering = ["sheet_id", "id"]

    def __str__(self) -> str:
        return self.label


class RunState(models.TextChoices):
    PROPOSAL = "proposal", _("Dự kiến")
    REVIEWED = "reviewed", _("Đã họp xét")
    APPROVED = "approved", _("Thủ trưởng đã duyệt")
    PUBLISHED = "published", _("Đã công khai")
    FINAL = "final", _("Đã chốt")


PUBLISHED_STATES = (RunState.PUBLISHED, RunState.FINAL)


class Run(ScopedModel):
    """One agency's annual classification: proposal → collective review → approval →
    published → appeal window → final."""

    year = models.PositiveSmallIntegerField(_("năm"))
    state = models.CharField(
        _("bước"), max_length=10, choices=RunState.choices, default=RunState.PROPOSAL
    )
    rule_sets = models.JSONField(default=list)
    policy = models.JSONField(default=dict)
    quota = models.JSONField(default=list)
    titles = models.JSONField(default=dict)
    collective_level = models.CharField(_("xếp loại tập thể"), max_length=10, blank=True)
    meeting_date = models.DateField(_("ngày họp xét"), null=True, blank=True)
    attendees = models.TextField(_("thành phần dự họp"), blank=True)
    minutes = models.FileField(_("biên bản"), upload_to="evaluation/minutes/%Y/", blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    appeal_deadline = models.DateField(_("hạn kiến nghị"), null=True, blank=True)
    final_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    view_capability = Cap.EVALUATION_VIEW

    class Meta:
        ordering = ["-year", "unit_id"]
        verbose_name = _("đợt xếp loại")
        verbose_name_plural = _("đợt xếp loại")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="evaluation_run_unit_year")
        ]


class Result(ScopedModel):
    """One person's classification for the year, with its reasons (code, Vietnamese text,
    article), the rule set and a snapshot of the inputs it was decided on."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="results")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=20)
    task_group = models.CharField(max_length=80, blank=True)
    proposed = models.CharField(max_length=10)  # the engine's level before the quota
    classification = models.CharField(_("xếp loại"), max_length=10)
    total_points = models.DecimalField(**POINTS, null=True, blank=True)
    quota_candidate = models.BooleanField(default=False)
    quota_kept = models.BooleanField(null=True)
    ldtt_eligible = models.BooleanField(default=False)
    cstdcs_eligible = models.BooleanField(default=False)
    award_frozen = models.BooleanField(default=False)
    rule_set = models.CharField(max_length=40)
    reasons = models.JSONField(default=list)
    inputs = models.JSONField(default=dict)
    needs_review = models.BooleanField(default=False)
    review_note = models.TextField(blank=True)
    review_proposal = models.JSONField(null=True, blank=True)

    view_capability = Cap.EVALUATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["run_id", "person_id"]
        verbose_name = _("kết quả xếp loại")
        verbose_name_plural = _("kết quả xếp loại")
        constraints = [
            models.UniqueConstraint(fields=["run", "person"], name="evaluation_result_person")
        ]


class AppealState(models.TextChoices):
    PENDING = "pending", _("Đang xem xét")
    UPHELD = "upheld", _("Giữ nguyên")
    CHANGED = "changed", _("Điều chỉnh kết quả")


class ResultAppeal(ScopedModel):
    """A person's objection to their published result, filed inside the appeal window."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="appeals")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("nội dung kiến nghị"))
    filed_on = models.DateField()
    state = models.CharField(max_length=10, choices=AppealState.choices, default="pending")
    answer = models.TextField(_("trả lời"), blank=True)

    view_capability = Cap.EVALUATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["-filed_on", "-id"]
