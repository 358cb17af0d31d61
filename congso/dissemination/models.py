"""Documents to disseminate, campaigns that send them down the org tree, each person's receipt
(opened, acknowledged), study sessions with attendance, and reminder notices.

Legal frame: the Lào Cai directive, points 1 and 2 (bring QĐ 1847/QĐ-TTg, QĐ 733/QĐ-TTg, the
directive and those that follow to every cán bộ, đảng viên, công chức, viên chức; propagate and
train). Recipients are not stored: a campaign targets a subtree and categories of staff, so who
receives it on a day follows the org records (`rules.recipient_reason`).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from congso.common.permissions import Cap
from congso.common.scoping import ScopedModel


class Document(ScopedModel):
    """A directive or decision (số, ngày, cơ quan ban hành, trích yếu). `unit` owns it: the
    unit whose office registered it in the system."""

    number = models.CharField(_("số, ký hiệu"), max_length=60)
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    title = models.CharField(_("trích yếu"), max_length=500)
    summary = models.TextField(_("tóm tắt"), blank=True)
    key_points = models.TextField(_("nội dung chính"), blank=True)
    current_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.DISSEMINATION_VIEW

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def key_point_list(self) -> list[str]:
        return [line.strip() for line in self.key_points.splitlines() if line.strip()]


class DocumentVersion(ScopedModel):
    """One file of a document. A new version needs a new acknowledgement from everyone."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    file = models.FileField(_("tệp PDF"), upload_to="dissemination/%Y/")
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.DISSEMINATION_VIEW

    class Meta:
        ordering = ["document_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="dissem_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"


class Campaign(ScopedModel):
    """A document sent to `unit` and its whole subtree, for the chosen staff categories
    (empty = all), from `start_on` to `due_on` (working days). `version` is the version to
    acknowledge (moves when the document gets a new one)."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="campaigns")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tên đợt quán triệt"), max_length=300)
    message = models.TextField(_("lời nhắn"), blank=True)
    categories = models.CharField(_("đối tượng"), max_length=200, blank=True)
    start_on = models.DateField(_("ngày bắt đầu"))
    due_on = models.DateField(_("hạn hoàn thành"))
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"), default=10)
    escalate_after = models.PositiveSmallIntegerField(
        _("số ngày làm việc quá hạn thì báo thủ trưởng"), default=3
    )
    questions = models.JSONField(_("câu hỏi kiểm tra"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.DISSEMINATION_VIEW

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("đợt quán triệt")
        verbose_name_plural = _("đợt quán triệt")
        indexes = [models.Index(fields=["unit", "start_on"])]

    def __str__(self) -> str:
        return self.title


class Receipt(ScopedModel):
    """One person's reading of one version in one campaign: opened, then acknowledged.
    `unit` is the person's unit when they opened it."""

    # No separate indexes: the unique (campaign, version, person) constraint leads with both.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="receipts", db_index=False
    )
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(_("mở lúc"))
    acknowledged_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    on_time = models.BooleanField(_("đúng hạn"), null=True)

    view_capability = Cap.DISSEMINATION_REPORT
    self_field = "person_id"

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "version", "person"], name="dissem_one_receipt"
            )
        ]
        indexes = [models.Index(fields=["campaign", "version", "acknowledged_at"])]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.campaign_id}"


class StudySession(ScopedModel):
    """A hội nghị quán triệt planned and held by `unit` (for its own staff), optionally for a
    campaign; `makeup_of` marks a make-up session for the absentees of another."""

    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    title = models.CharField(_("tên hội nghị"), max_length=300)
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("bắt đầu"))
    ends_at = models.DateTimeField(_("kết thúc"))
    token = models.CharField(max_length=43, unique=True, editable=False)
    makeup_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="makeups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.DISSEMINATION_VIEW

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("hội nghị quán triệt")
        verbose_name_plural = _("hội nghị quán triệt")

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


class AttendanceMethod(models.TextChoices):
    QR = "qr", _("Quét mã QR")
    LIST = "list", _("Điểm danh theo danh sách")
    IMPORT = "import", _("Nhập từ Excel")


class Attendance(ScopedModel):
    """A person present at a session (once). `unit` is the session's unit."""

    session = models.ForeignKey(StudySession, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    method = models.CharField(_("cách ghi nhận"), max_length=10, choices=AttendanceMethod.choices)
    at = models.DateTimeField(_("thời điểm"))

    view_capability = Cap.DISSEMINATION_REPORT
    self_field = "person_id"

    class Meta:
        ordering = ["session_id", "at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="dissem_attend_once")
        ]


class Notice(models.Model):
    """A reminder to a recipient, or an escalation to a head, about one campaign version.
    `step` is the rung of the ladder (rules.ReminderStep); `key` makes each notice unique
    (campaign, version, step, user, what it is about), so a rerun of the job sends nothing
    twice. Shown on "Việc của tôi" (escalations) and mailed when the user has an address."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="+")
    step = models.PositiveSmallIntegerField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # The unit whose late staff an escalation is about (empty for a recipient's reminder).
    about_unit = models.ForeignKey(
        "org.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=100, unique=True)
    text = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.text}"


# --- propaganda and training (directive point 2) ---------------------------------------------


class ActivityKind(models.TextChoices):
    ARTICLE = "article", _("Bài viết, tin tuyên truyền")
    CONTEST = "contest", _("Cuộc thi")
    BANNER = "banner", _("Băng rôn, pa nô, khẩu hiệu")
    TALK = "talk", _("Buổi nói chuyện, tọa đàm")


class Activity(ScopedModel):
    """A propaganda activity organised by `unit` (article, contest, banner, talk)."""

    kind = models.CharField(_("loại hoạt động"), max_length=10, choices=ActivityKind.choices)
    title = models.CharField(_("tên hoạt động"), max_length=300)
    organiser = models.CharField(_("đơn vị, người tổ chức"), max_length=200, blank=True)
    start_on = models.DateField(_("từ ngày"))
    end_on = models.DateField(_("đến ngày"))
    materials = models.TextField(_("tài liệu, đường dẫn"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.DISSEMINATION_VIEW

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("hoạt động tuyên truyền")
        verbose_name_plural = _("hoạt động tuyên truyền")

    def __str__(self) -> str:
        return self.title


class Course(ScopedModel):
    """A training course (lớp bồi dưỡng) organised by `unit`, with an optional quiz: the
    `questions` in the campaign format and a pass mark in percent."""

    title = models.CharField(_("tên lớp bồi dưỡng"), max_length=300)
    organiser = models.CharField(_("đơn vị, người tổ chức"), max_length=200, blank=True)
    start_on = models.DateField(_("từ ngày"))
    end_on = models.DateField(_("đến ngày"))
    materials = models.TextField(_("tài liệu, đường dẫn"), blank=True)
    questions = models.JSONField(_("câu hỏi kiểm tra"), default=list, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("điểm đạt (%)"), null=True, blank=True)
    # The course's id in an outside training system (LMS) that pushes it through the API;
    # unique within the unit, empty for courses entered on the pages.
    external_ref = models.CharField(_("mã lớp ở hệ thống đào tạo"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.DISSEMINATION_VIEW

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("lớp bồi dưỡng")
        verbose_name_plural = _("lớp bồi dưỡng")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "external_ref"],
                condition=~models.Q(external_ref=""),
                name="dissem_course_ref_once",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MaterialKind(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word (.docx)"
    XLSX = "xlsx", "Excel (.xlsx)"
    PPTX = "pptx", "PowerPoint (.pptx)"


class CourseMaterial(ScopedModel):
    """A file of a course (PDF, or a Word, Excel or PowerPoint document without macros),
    checked by its content. `unit` is the course's unit; participants download it too."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("tên tài liệu"), max_length=200)
    kind = models.CharField(max_length=5, choices=MaterialKind.choices)
    file = models.FileField(upload_to="dissemination/materials/%Y/")
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.DISSEMINATION_VIEW

    class Meta:
        ordering = ["course_id", "id"]
        verbose_name = _("tài liệu lớp bồi dưỡng")
        verbose_name_plural = _("tài liệu lớp bồi dưỡng")

    def __str__(self) -> str:
        return self.title


class Participation(ScopedModel):
    """A person's part in an activity or a course (exactly one of the two): registered,
    attended, and for a course with a quiz the score in percent and whether it passed.
    `unit` is the organiser's unit."""

    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="participants"
    )
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey("org.Person", on_delete=models.CASCADE, related_name="+")
    attended = models.BooleanField(_("có tham gia"), default=False)
    score = models.PositiveSmallIntegerField(_("điểm (%)"), null=True, blank=True)
    passed = models.BooleanField(_("đạt"), null=True)
    quiz_at = models.DateTimeField(null=True, blank=True)

    view_capability = Cap.DISSEMINATION_REPORT
    self_field = "person_id"

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(activity__isnull=True, course__isnull=False)
                | models.Q(activity__isnull=False, course__isnull=True),
                name="dissem_participation_one_target",
            ),
            models.UniqueConstraint(fields=["course", "person"], name="dissem_course_once"),
            models.UniqueConstraint(fields=["activity", "person"], name="dissem_activity_once"),
        ]


class CompletionCount(ScopedModel):
    """The completion rollup: acknowledgements of one campaign version by the people whose
    current unit is `unit` and whose category is `category`. Incremented when someone
    acknowledges; rebuilt from the receipts by the daily job (so transfers and people who left
    are absorbed) and after bulk loads. Pages read these few rows instead of the receipts."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    category = models.CharField(max_length=20)
    acknowledged = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)

    view_capability = Cap.DISSEMINATION_REPORT

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "version", "unit", "category"], name="dissem_count_once"
            )
        ]
