"""Reports from the public, cases and everything that hangs off them.

- `Report`: what a citizen or a social monitor sent; the contact details are ciphertext only.
- `Case`: one workflow for every source (report, inspection, press, head's record, self-report).
- `CaseEvent`, `Measure`, `Appeal`, `Message`: the case's timeline, handling, appeals, thread.
- `AwardFreeze`: the "xét khen thưởng tạm dừng" flag (NĐ 152/2025/NĐ-CP).
- `Exemplar`: a confirmed praise, for the honour roll and award proposals.
- `IdentityReveal`: every time a custodian read a reporter's identity (Luật Tố cáo art. 47).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congso.cases.choices import (
    AppealOutcome,
    CaseKind,
    CaseSource,
    CaseState,
    CultureKind,
    FreezeReason,
    MeasureKind,
    MessageAuthor,
    ReportKind,
    ReportStatus,
    Severity,
)
from congso.common.scoping import ScopedModel


class Report(ScopedModel):
    """A report from the public (or a social monitor), addressed to `unit` (the agency).

    The receipt is never stored: only its SHA-256, so nobody reading the database can act as
    the reporter. The contact details are Fernet ciphertext (`crypto.py`); handlers see
    `pseudonym` only.
    """

    kind = models.CharField(_("loại"), max_length=12, choices=ReportKind.choices)
    receipt_hash = models.CharField(max_length=64, unique=True, editable=False)
    # SHA-256 of the client's idempotency key (the key itself is never stored).
    client_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # HMAC of the report's content, to refuse the same client_id with other content.
    client_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    pseudonym = models.CharField(_("bí danh"), max_length=8, editable=False)
    status = models.CharField(
        _("trạng thái sàng lọc"), max_length=12, choices=ReportStatus.choices, default="new"
    )
    description = models.TextField(_("nội dung"))
    subject_name = models.CharField(_("họ tên cán bộ được nêu"), max_length=120, blank=True)
    subject_counter = models.ForeignKey(
        "org.ServiceCounter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("quầy"),
    )
    subject_unit_text = models.CharField(_("bộ phận, đơn vị được nêu"), max_length=255, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    occurred_on = models.DateField(_("ngày xảy ra"), null=True, blank=True)
    contact_ciphertext = models.TextField(blank=True, editable=False)
    is_social_monitor = models.BooleanField(_("phản biện xã hội"), default=False)
    organisation_name = models.CharField(_("tổ chức gửi"), max_length=255, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    forwarded_to = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    screening_note = models.TextField(_("ghi chú sàng lọc"), blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="report"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    view_capability = "cases.view"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("phản ánh")
        verbose_name_plural = _("phản ánh")
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return f"PA-{self.pk}"

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_ciphertext)

    @property
    def reporter_label(self) -> str:
        if self.is_social_monitor:
            return self.organisation_name
        return gettext("Người phản ánh #%(pseudonym)s") % {"pseudonym": self.pseudonym}


class Evidence(ScopedModel):
    """A file attached to a report: an image re-encoded without metadata, or a PDF."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="cases/evidence/%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "cases.view"

    class Meta:
        ordering = ["id"]
        verbose_name = _("tệp chứng cứ")
        verbose_name_plural = _("tệp chứng cứ")

    def __str__(self) -> str:
        return f"{self.content_type} {self.size}"


class CaseTypeConfig(models.Model):
    """Stage deadlines in working days for one case type (source); empty = rules default."""

    source = models.CharField(_("nguồn"), max_length=20, choices=CaseSource.choices, unique=True)
    received_days = models.PositiveSmallIntegerField(_("tiếp nhận"), null=True, blank=True)
    verifying_days = models.PositiveSmallIntegerField(_("xác minh"), null=True, blank=True)
    confirmed_days = models.PositiveSmallIntegerField(_("sau kết luận"), null=True, blank=True)
    handling_days = models.PositiveSmallIntegerField(_("xử lý"), null=True, blank=True)
    appealed_days = models.PositiveSmallIntegerField(_("xem xét khiếu nại"), null=True, blank=True)
    reviewed_days = models.PositiveSmallIntegerField(_("sau xem xét"), null=True, blank=True)
    appeal_window_days = models.PositiveSmallIntegerField(
        _("thời hạn khiếu nại (ngày làm việc)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("thời hạn theo loại vụ việc")
        verbose_name_plural = _("thời hạn theo loại vụ việc")

    def __str__(self) -> str:
        return self.source

    def overrides(self) -> dict[str, int]:
        values = {
            CaseState.RECEIVED: self.received_days,
            CaseState.VERIFYING: self.verifying_days,
            CaseState.CONFIRMED: self.confirmed_days,
            CaseState.HANDLING: self.handling_days,
            CaseState.APPEALED: self.appealed_days,
            CaseState.REVIEWED: self.reviewed_days,
        }
        return {str(k): v for k, v in values.items() if v is not None}


class Case(ScopedModel):
    """One case: a misconduct to verify and handle, or a praise to confirm. `unit` is the unit
    responsible for it (the person's unit when known)."""

    code = models.CharField(_("số vụ việc"), max_length=20, unique=True)
    kind = models.CharField(_("loại"), max_length=12, choices=CaseKind.choices)
    source = models.CharField(_("nguồn"), max_length=20, choices=CaseSource.choices)
    origin_ref = models.CharField(_("tham chiếu nguồn"), max_length=60, blank=True)
    summary = models.TextField(_("tóm tắt"))
    urgent = models.BooleanField(_("khẩn"), default=False)
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=CaseState.choices, default=CaseState.RECEIVED
    )
    person = models.ForeignKey(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cán bộ liên quan"),
    )
    category = models.ForeignKey(
        "conduct.ViolationCategory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("loại vi phạm"),
    )
    occurred_on = models.DateField(_("ngày xảy ra"), null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người xử lý"),
    )
    stage_started_on = models.DateField()
    due_on = models.DateField(_("hạn bước hiện tại"), null=True, blank=True, db_index=True)
    reminder_level = models.PositiveSmallIntegerField(default=0)
    # Outcome: dismissal or finding.
    dismiss_reason = models.TextField(_("lý do không có căn cứ"), blank=True)
    clause = models.ForeignKey(
        "conduct.Clause", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    severity = models.CharField(_("mức độ"), max_length=20, choices=Severity.choices, blank=True)
    culture = models.CharField(
        _("loại văn hóa"), max_length=20, choices=CultureKind.choices, blank=True
    )
    confirmed_on = models.DateField(_("ngày kết luận"), null=True, blank=True)
    appeal_deadline = models.DateField(_("hạn khiếu nại"), null=True, blank=True)
    reversed = models.BooleanField(_("kết luận đã bị hủy"), default=False)
    # Discipline processing limit (NĐ 172/2025: 90 days, extendable to 150).
    processing_started_on = models.DateField(null=True, blank=True)
    processing_extended = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    view_capability = "cases.view"
    self_field = "person_id"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vụ việc")
        verbose_name_plural = _("vụ việc")
        # The queue filters on the state with one of unit, source or category and orders by
        # the due date: each index below covers one such count and walk.
        indexes = [
            models.Index(fields=["unit", "state"]),
            models.Index(fields=["person", "state"]),
            models.Index(fields=["state", "due_on"]),
            models.Index(fields=["source", "state", "due_on"], name="cases_case_source_queue"),
            models.Index(fields=["category", "state", "due_on"], name="cases_case_cat_queue"),
        ]

    def __str__(self) -> str:
        return self.code


class CaseEvent(models.Model):
    """One line of a case's timeline: a transition, an assignment, a note, a measure."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=30)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    note = models.TextField(blank=True)
    public_note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("diễn biến vụ việc")
        verbose_name_plural = _("diễn biến vụ việc")

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"


class Measure(models.Model):
    """A handling measure on a confirmed violation: reminder, criticism, self-criticism
    meeting, or a discipline form of the regime in force (recorded in `regime`)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("biện pháp"), max_length=20, choices=MeasureKind.choices)
    discipline_form = models.CharField(_("hình thức kỷ luật"), max_length=20, blank=True)
    regime = models.CharField(_("căn cứ"), max_length=40, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("thời hạn (tháng)"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("biện pháp xử lý")
        verbose_name_plural = _("biện pháp xử lý")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.discipline_form}"


class Appeal(models.Model):
    """The person concerned appeals a confirmed violation; a higher level reviews it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="appeals")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("lý do khiếu nại"))
    filed_at = models.DateTimeField(auto_now_add=True)
    review_due_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(
        _("kết quả"), max_length=10, choices=AppealOutcome.choices, default=AppealOutcome.PENDING
    )
    review_note = models.TextField(_("ý kiến xem xét"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["filed_at", "id"]
        verbose_name = _("khiếu nại")
        verbose_name_plural = _("khiếu nại")

    def __str__(self) -> str:
        return f"{self.case_id} {self.outcome}"


class Message(models.Model):
    """One message of the two-way thread between the agency and the reporter of a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author = models.CharField(max_length=10, choices=MessageAuthor.choices)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("tin nhắn")
        verbose_name_plural = _("tin nhắn")

    def __str__(self) -> str:
        return f"{self.report_id} {self.author}"


class AwardFreeze(ScopedModel):
    """An open reason not to consider a person for awards (NĐ 152/2025/NĐ-CP): an open case,
    an inspection concerning them. `ref` names what opened it ("cases.case:12")."""

    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=FreezeReason.choices)
    ref = models.CharField(max_length=60)
    note = models.CharField(max_length=300, blank=True)
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    view_capability = "people.view"
    self_field = "person_id"

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("tạm dừng xét khen thưởng")
        verbose_name_plural = _("tạm dừng xét khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "ref"],
                condition=models.Q(closed_at__isnull=True),
                name="cases_one_open_freeze_per_ref",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.ref}"


class Exemplar(ScopedModel):
    """A confirmed praise of a person: input to the honour roll and award proposals."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="exemplar")
    summary = models.TextField(_("nội dung biểu dương"))
    recognised_on = models.DateField(_("ngày ghi nhận"))
    source = models.CharField(_("nguồn"), max_length=20, choices=CaseSource.choices)

    view_capability = "cases.view"
    self_field = "person_id"

    class Meta:
        ordering = ["-recognised_on", "-id"]
        verbose_name = _("gương điển hình")
        verbose_name_plural = _("gương điển hình")

    def __str__(self) -> str:
        return f"{self.person_id} {self.recognised_on}"


class IdentityReveal(ScopedModel):
    """A custodian read a reporter's contact details, with the reason written first."""

    report = models.ForeignKey(Report, on_delete=models.PROTECT, related_name="reveals")
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    by_label = models.CharField(max_length=200)
    reason = models.TextField(_("lý do"))
    at = models.DateTimeField(auto_now_add=True)

    view_capability = "identity.reveals_view"

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("lần xem danh tính")
        verbose_name_plural = _("lần xem danh tính")

    def __str__(self) -> str:
        return f"{self.report_id} {self.at}"


class Notification(models.Model):
    """A notice to one staff user (case reminders and escalations); shown on staff pages."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(Case, null=True, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.text}"


class LookupWindow(models.Model):
    """Receipt look-ups per address (keyed by an HMAC, not the address) per time window."""

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="cases_lookup_window")
        ]

    def __str__(self) -> str:
        return f"{self.key[:8]} {self.window_start} {self.count}"
