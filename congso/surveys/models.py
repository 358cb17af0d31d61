"""Satisfaction surveys: templates with versions, QR targets, responses, rollups, flags.

Storage decision (10 million responses a year and more): one narrow row per response with a
small-integer column per fixed question key (`a_access` … `a_overall`), not a JSON document and
not one row per answer. Rollups hold the answer counts per target per day and per month, so
dashboards never read the raw rows (docs/surveys.md).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.common.scoping import ScopedModel
from congso.surveys.rules import COUNT_COLUMNS, QUESTION_KEYS, SIPAS_COLUMNS


class SurveyTemplate(ScopedModel):
    """The province's survey form. Its content lives in immutable versions; `current` is the
    version new forms use. `unit` is the province root."""

    name = models.CharField(_("tên phiếu"), max_length=200)
    current = models.ForeignKey(
        "SurveyVersion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("phiên bản hiện hành"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "surveys.view"

    class Meta:
        verbose_name = _("mẫu phiếu khảo sát")
        verbose_name_plural = _("mẫu phiếu khảo sát")

    def __str__(self) -> str:
        return self.name


class SurveyVersion(models.Model):
    """One published, immutable version of a template: the questions citizens answered.
    Editing the template makes a new version; responses keep the one they were given."""

    template = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    questions = models.JSONField(_("câu hỏi"))  # [{"key": ..., "label": ...}] in display order
    intro = models.CharField(_("lời dẫn"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["template_id", "-number"]
        verbose_name = _("phiên bản phiếu")
        verbose_name_plural = _("phiên bản phiếu")
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="survey_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.template_id} v{self.number}"

    @property
    def keys(self) -> list[str]:
        return [q["key"] for q in self.questions]


class TargetKind(models.TextChoices):
    COUNTER = "counter", _("Quầy phục vụ")
    OFFICER = "officer", _("Cán bộ")


class SurveyTarget(ScopedModel):
    """What a QR code rates: a service counter or an officer who serves citizens.

    `code` is the current survey code (random, unguessable); a revoked code moves to
    `RevokedCode` so a photographed poster answers “mã đã bị thu hồi”. `agency` is the nearest
    unit above (or equal to) `unit` that is not a division: the agency rankings group by it.
    """

    kind = models.CharField(_("loại"), max_length=10, choices=TargetKind.choices)
    counter = models.OneToOneField(
        "org.ServiceCounter",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_target",
    )
    person = models.OneToOneField(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="survey_target"
    )
    agency = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("mã khảo sát"), max_length=16, unique=True)
    code_issued_at = models.DateTimeField(_("ngày cấp mã"))
    is_active = models.BooleanField(_("đang nhận đánh giá"), default=True)
    requires_token = models.BooleanField(_("yêu cầu mã phiếu hẹn"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "surveys.view"
    self_field = "person_id"

    class Meta:
        ordering = ["unit_id", "kind", "id"]
        verbose_name = _("đối tượng khảo sát")
        verbose_name_plural = _("đối tượng khảo sát")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="counter", counter__isnull=False, person__isnull=True))
                | (Q(kind="officer", person__isnull=False, counter__isnull=True)),
                name="survey_target_one_subject",
            )
        ]

    def __str__(self) -> str:
        return self.code


class RevokedCode(models.Model):
    """A survey code that no longer works (the poster was reprinted)."""

    code = models.CharField(max_length=16, unique=True)
    target = models.ForeignKey(SurveyTarget, on_delete=models.PROTECT, related_name="revoked")
    revoked_at = models.DateTimeField()

    class Meta:
        verbose_name = _("mã đã thu hồi")
        verbose_name_plural = _("mã đã thu hồi")

    def __str__(self) -> str:
        return self.code


class ResponseFlag:
    """Bits of `SurveyResponse.flags`."""

    KIOSK = 1  # sent from a registered kiosk tablet
    TOKEN = 2  # bound to a single-use receipt token
    ANOMALY = 4  # part of a burst flagged for review (never deleted)
    FORM = 8  # sent by the plain HTML form (no JavaScript)


class SurveyResponse(ScopedModel):
    """One citizen's rating. Anonymous: no name, no address; `ip_key` and `device_key` are
    keyed hashes (salted per day) used only for rate limits and burst checks."""

    # Indexes cost every rating a write: only those a query uses. `target` leads the
    # (target, created_at) index; nothing reads by agency (the dossier index leads with it) or
    # by version (versions are never deleted); `unit` is the scoping filter.
    target = models.ForeignKey(SurveyTarget, on_delete=models.PROTECT, db_index=False)
    agency = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    client_id = models.UUIDField(unique=True)
    form_nonce = models.CharField(max_length=16)  # unique: constraint below (no LIKE index)
    dossier_code = models.CharField(_("mã hồ sơ"), max_length=40, null=True, blank=True)
    comment = models.TextField(_("góp ý"), blank=True, default="")
    flags = models.PositiveSmallIntegerField(default=0)
    ip_key = models.BigIntegerField(default=0)
    device_key = models.BigIntegerField(default=0)
    created_at = models.DateTimeField(db_index=False)
    a_access = models.PositiveSmallIntegerField(null=True)
    a_procedure = models.PositiveSmallIntegerField(null=True)
    a_officer = models.PositiveSmallIntegerField(null=True)
    a_result = models.PositiveSmallIntegerField(null=True)
    a_feedback = models.PositiveSmallIntegerField(null=True)
    a_attitude = models.PositiveSmallIntegerField(null=True)
    a_overall = models.PositiveSmallIntegerField(null=True)

    # Single responses and comments: supervisors only, never the rated officer (selectors).
    view_capability = "surveys.responses"

    class Meta:
        verbose_name = _("phiếu đánh giá")
        verbose_name_plural = _("phiếu đánh giá")
        indexes = [models.Index(fields=["target", "created_at"], name="survey_resp_target_time")]
        constraints = [
            models.UniqueConstraint(fields=["form_nonce"], name="survey_resp_nonce_once"),
            models.UniqueConstraint(
                fields=["agency", "dossier_code"],
                condition=Q(dossier_code__isnull=False),
                name="survey_resp_dossier_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.client_id)

    def answers(self) -> dict[str, int | None]:
        return {key: getattr(self, f"a_{key}") for key in QUESTION_KEYS}


class RollupCounts(ScopedModel):
    """Answer counts: `n` responses and `c_<key>_<level>` answers per question and level."""

    # No separate index on target (the unique (target, period) index leads with it) nor on
    # agency (period queries use the monthly covering index): each one would be written by
    # every rating. `unit` (the scoping filter) keeps its index.
    target = models.ForeignKey(
        SurveyTarget, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    agency = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    # Plain integers, no CHECK (>= 0): the counts only ever grow by the increments of one
    # response (0 or 1, or the SIPAS sums of levels 1..5) and `rebuild-rollups` compares them
    # with the raw rows; 86 CHECK constraints evaluated on every rating's two UPSERTs cost
    # 0.07 ms of PostgreSQL time per rating (measured, docs/surveys.md).
    n = models.IntegerField(db_default=0, default=0)
    for _name in (*COUNT_COLUMNS, *SIPAS_COLUMNS):
        locals()[_name] = models.IntegerField(db_default=0, default=0)
    del _name

    view_capability = "surveys.view"
    self_field = "target__person_id"

    class Meta:
        abstract = True


class DailyRollup(RollupCounts):
    """Counts per target per local day, updated in the transaction that stores a response."""

    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target", "day"], name="survey_daily_unique")
        ]


class MonthlyRollup(RollupCounts):
    """Counts per target per month (first day of the month), updated with the daily row, so a
    year of an agency ranking reads at most targets × 12 rows whatever the number of
    responses."""

    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target", "month"], name="survey_monthly_unique")
        ]
        # Covering index: a ranking for a period reads only this index (month range, grouped
        # by agency, summing n and the three SIPAS columns), never the 40-column rows.
        indexes = [
            models.Index(
                fields=["month", "agency", "n", "s_sat", "s_ans", "s_sum"],
                name="survey_monthly_rank",
            )
        ]


class ReceiptToken(ScopedModel):
    """A single-use token printed on a dossier receipt (phiếu hẹn) for agencies that bind each
    rating to a served citizen. Only the hash is stored."""

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    view_capability = "surveys.manage"

    class Meta:
        verbose_name = _("mã phiếu hẹn")
        verbose_name_plural = _("mã phiếu hẹn")


class AnomalyKind(models.TextChoices):
    IDENTICAL = "identical", _("Nhiều phiếu giống hệt nhau trong thời gian ngắn")
    ADDRESS = "address", _("Nhiều phiếu từ một địa chỉ mạng trong thời gian ngắn")


class AnomalyStatus(models.TextChoices):
    OPEN = "open", _("Chưa xem xét")
    REVIEWED = "reviewed", _("Đã xem xét")


class AnomalyFlag(ScopedModel):
    """A suspicious burst of responses, shown to the unit that supervises the agency.
    `unit` is that supervising unit; the responses stay stored and counted (they are marked)."""

    target = models.ForeignKey(SurveyTarget, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("org.OrgUnit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("loại bất thường"), max_length=12, choices=AnomalyKind.choices)
    window_start = models.DateTimeField(_("từ"))
    window_end = models.DateTimeField(_("đến"))
    count = models.PositiveIntegerField(_("số phiếu"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=AnomalyStatus.choices, default=AnomalyStatus.OPEN
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = "surveys.anomalies"

    class Meta:
        ordering = ["-window_start"]
        verbose_name = _("cảnh báo bất thường")
        verbose_name_plural = _("cảnh báo bất thường")

    def __str__(self) -> str:
        return f"{self.kind} {self.target_id} {self.window_start:%d/%m/%Y %H:%M}"


class AnomalyCheckpoint(models.Model):
    """The last response id the burst check has seen (one row)."""

    last_response_id = models.BigIntegerField(default=0)
    checked_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return str(self.last_response_id)
