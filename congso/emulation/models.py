"""The emulation movement: the catalogue of titles and forms, plans, registrations, title
history, initiatives, award proposals, council meetings, decisions and awards (certificates).

Scoped rows belong to the unit they concern (a collective's rows: the collective's unit; a
person's rows: the person's unit at the time) and name the person (`self_field`), so people
read their own registrations, initiatives and awards.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congso.common.permissions import Cap
from congso.common.scoping import ScopedModel


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class Rule(models.TextChoices):
    """Which eligibility rule applies to a catalogue entry (emulation.rules.eligibility)."""

    LDTT = "ldtt", _("Lao động tiên tiến (R12)")
    CSTDCS = "cstdcs", _("Chiến sĩ thi đua cơ sở (R13)")
    CSTD_TINH = "cstd_tinh", _("Chiến sĩ thi đua cấp tỉnh (3 lần CSTĐCS liên tục)")
    TTLDTT = "ttldtt", _("Tập thể lao động tiên tiến (R15)")
    TTLDXS = "ttldxs", _("Tập thể lao động xuất sắc (R15)")
    MERIT_INDIVIDUAL = "merit_individual", _("Khen thưởng cá nhân: hoàn thành tốt nhiệm vụ")
    MERIT_COLLECTIVE = "merit_collective", _("Khen thưởng tập thể: hoàn thành tốt nhiệm vụ")


class CertificateDesign(models.TextChoices):
    """The printed design of an award's certificate (templates/emulation/certificates/)."""

    GIAY_KHEN = "giay_khen", _("Giấy khen (thủ trưởng cơ quan, Chủ tịch UBND cấp huyện, xã)")
    BANG_KHEN = "bang_khen", _("Bằng khen của Chủ tịch UBND tỉnh")
    DANH_HIEU = "danh_hieu", _("Giấy chứng nhận danh hiệu thi đua")


class AwardTitle(models.Model):
    """One title or form of award of the province's catalogue (Luật Thi đua, khen thưởng 2022),
    with its legal basis, the council's vote threshold and its certificate design; the bonus
    coefficient is versioned by date (`TitleCoefficient`). Province-wide: edited by a province
    emulation officer; never deleted once used (deactivated instead)."""

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=160)
    kind = models.CharField(_("loại"), max_length=8, choices=AwardKind.choices)
    subject = models.CharField(_("đối tượng"), max_length=12, choices=Subject.choices)
    rule = models.CharField(_("quy tắc xét"), max_length=20, choices=Rule.choices)
    basis = models.CharField(_("căn cứ"), max_length=200)
    vote_threshold_pct = models.DecimalField(
        _("tỷ lệ phiếu đồng ý tối thiểu (%)"), max_digits=5, decimal_places=2, default=50
    )
    issuer = models.CharField(_("cấp quyết định"), max_length=80, default="UBND")
    certificate = models.CharField(
        _("mẫu in"),
        max_length=10,
        choices=CertificateDesign.choices,
        default=CertificateDesign.DANH_HIEU,
    )
    active = models.BooleanField(_("đang dùng"), default=True)
    sort = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh mục danh hiệu, hình thức khen thưởng")

    def __str__(self) -> str:
        return self.name


class TitleCoefficient(models.Model):
    """The bonus coefficient of a title or form in force from a day (NĐ 152/2025): a decision
    uses the coefficient in force on its signing day, so a change is a new row, never an
    edit of an old one."""

    title = models.ForeignKey(AwardTitle, on_delete=models.PROTECT, related_name="coefficients")
    valid_from = models.DateField(_("áp dụng từ ngày"))
    coefficient = models.DecimalField(_("hệ số tiền thưởng"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["title_id", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["title", "valid_from"], name="emulation_coef_from")
        ]

    def __str__(self) -> str:
        return f"{self.title_id} {self.valid_from}: {self.coefficient}"


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) in force from a day: bonuses are coefficient × it."""

    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng)"))

    class Meta:
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from}: {self.amount}"


class Plan(ScopedModel):
    """The province's plan for the movement (on the root) or a unit's own plan for a year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên kế hoạch"), max_length=255)
    criteria = models.TextField(_("tiêu chí thi đua"), blank=True)
    milestones = models.TextField(_("mốc thời gian"), blank=True)
    registration_deadline = models.DateField(_("hạn đăng ký thi đua"))
    titles = models.ManyToManyField(AwardTitle, related_name="+", verbose_name=_("danh hiệu"))
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.EMULATION_VIEW

    class Meta:
        ordering = ["-year", "unit_id", "id"]
        verbose_name = _("kế hoạch thi đua")
        verbose_name_plural = _("kế hoạch thi đua")

    def __str__(self) -> str:
        return self.name


class RegistrationState(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    SUBMITTED = "submitted", _("Đã gửi")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại")


class Registration(ScopedModel):
    """A person's or a collective's (person empty: the unit itself) registration for a title."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="registrations")
    title = models.ForeignKey(AwardTitle, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=RegistrationState.choices,
        default=RegistrationState.DRAFT,
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    view_capability = Cap.EMULATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["plan_id", "unit_id", "person_id", "title_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "title", "person"],
                condition=Q(person__isnull=False),
                name="emulation_registration_person",
            ),
            models.UniqueConstraint(
                fields=["plan", "title", "unit"],
                condition=Q(person__isnull=True),
                name="emulation_registration_collective",
            ),
        ]


class RecordSource(models.TextChoices):
    IMPORT = "import", _("Nhập từ Excel")
    DECISION = "decision", _("Quyết định trên hệ thống")


class TitleRecord(ScopedModel):
    """One line of a person's or collective's record of titles and awards (hồ sơ thành tích)."""

    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.ForeignKey(AwardTitle, on_delete=models.PROTECT, related_name="+")
    decision_ref = models.CharField(_("số quyết định"), max_length=60, blank=True)
    source = models.CharField(max_length=10, choices=RecordSource.choices)

    view_capability = Cap.EMULATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["-year", "title__sort"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "year", "title"],
                condition=Q(person__isnull=False),
                name="emulation_record_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "title"],
                condition=Q(person__isnull=True),
                name="emulation_record_collective",
            ),
        ]
        indexes = [models.Index(fields=["person", "year"])]


class InitiativeScope(models.TextChoices):
    BASE = "co_so", _("Cấp cơ sở")
    PROVINCE = "tinh", _("Cấp tỉnh")


class InitiativeState(models.TextChoices):
    SUBMITTED = "submitted", _("Chờ Hội đồng xét")
    RECOGNISED = "recognised", _("Đã công nhận")
    REJECTED = "rejected", _("Không công nhận")


class Initiative(ScopedModel):
    """A sáng kiến (Luật TĐKT 2022 Art. 3(4)) and the competent council's recognition."""

    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    name = models.CharField(_("tên sáng kiến"), max_length=255)
    summary = models.TextField(_("tóm tắt nội dung, hiệu quả"))
    scope = models.CharField(
        _("phạm vi ảnh hưởng"), max_length=6, choices=InitiativeScope.choices, default="co_so"
    )
    state = models.CharField(
        _("trạng thái"),
        max_length=10,
        choices=InitiativeState.choices,
        default=InitiativeState.SUBMITTED,
    )
    recognised_on = models.DateField(_("ngày công nhận"), null=True, blank=True)
    council_note = models.TextField(_("ý kiến Hội đồng"), blank=True)

    view_capability = Cap.EMULATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["-year", "id"]


class ProposalState(models.TextChoices):
    PROPOSED = "proposed", _("Đã đề nghị")
    PASSED = "passed", _("Hội đồng thông qua")
    FAILED = "failed", _("Không đủ phiếu")
    AWARDED = "awarded", _("Đã có quyết định")
    WITHDRAWN = "withdrawn", _("Đã rút")


class Proposal(ScopedModel):
    """A unit's proposal of one eligible person or collective for one title, with its file:
    the achievement report and a snapshot of the eligibility reasons and results."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.ForeignKey(AwardTitle, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        max_length=10, choices=ProposalState.choices, default=ProposalState.PROPOSED
    )
    achievement = models.TextField(_("báo cáo thành tích"))
    dossier = models.JSONField(default=dict)
    proposed_by = models.CharField(max_length=150, blank=True)
    proposed_by_person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.EMULATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["-year", "title__sort", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "title", "person"],
                condition=Q(person__isnull=False) & ~Q(state="withdrawn"),
                name="emulation_proposal_person",
            ),
            models.UniqueConstraint(
                fields=["year", "title", "unit"],
                condition=Q(person__isnull=True) & ~Q(state="withdrawn"),
                name="emulation_proposal_collective",
            ),
        ]

    @property
    def subject_name(self) -> str:
        return self.person.full_name if self.person_id else self.unit.name


class BallotMode(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy (thư ký nhập kết quả kiểm phiếu)")
    ELECTRONIC = "electronic", _("Bỏ phiếu điện tử (thành viên bỏ phiếu trên điện thoại)")


class Meeting(ScopedModel):
    """A meeting of the Hội đồng Thi đua – Khen thưởng that votes on proposals."""

    year = models.PositiveSmallIntegerField(_("năm xét"))
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    closed = models.BooleanField(default=False)
    ballot_mode = models.CharField(
        _("hình thức bỏ phiếu"), max_length=10, choices=BallotMode.choices, default="paper"
    )
    voting_opened_at = models.DateTimeField(null=True, blank=True)
    voting_closed_at = models.DateTimeField(null=True, blank=True)

    view_capability = Cap.EMULATION_VIEW

    class Meta:
        ordering = ["-held_on", "-id"]


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Thư ký")
    MEMBER = "member", _("Ủy viên")


class MeetingMember(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("org.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=10, choices=MemberRole.choices, default="member")
    present = models.BooleanField(_("có mặt"), default=True)

    class Meta:
        ordering = ["meeting_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="emulation_member")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.person_id}"


class Ballot(models.Model):
    """The secret-ballot tally of one proposal at one meeting: counts only, never who voted
    what. `recused` lists the present members who may not vote on it (the proposed person,
    the proposer, a relative declared at the meeting)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="ballots")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="ballot")
    members = models.PositiveSmallIntegerField()
    present = models.PositiveSmallIntegerField()
    recused = models.JSONField(default=list)
    agree = models.PositiveSmallIntegerField()
    disagree = models.PositiveSmallIntegerField()
    invalid = models.PositiveSmallIntegerField(default=0)
    threshold_pct = models.DecimalField(max_digits=5, decimal_places=2)
    passed = models.BooleanField()

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.agree}/{self.members}"


class VoteCount(models.Model):
    """The running count of the electronic secret ballot on one candidate: counts only. It has
    no link to any member and no time of a vote; who voted is `BallotReceipt`, which has no
    link to a choice. `recused` lists the present members who may not vote on it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="vote_counts")
    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="+")
    recused = models.JSONField(default=list)
    agree = models.PositiveSmallIntegerField(default=0)
    disagree = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting_id", "id"]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.proposal_id}"


class BallotReceipt(models.Model):
    """That a member cast their (one) electronic ballot at a meeting: who, never what."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="receipts")
    member = models.ForeignKey(MeetingMember, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="emulation_receipt_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.member_id}"


class Decision(ScopedModel):
    """An award decision (NĐ 30/2020 numbering: Số: n/QĐ-UBND), unique per issuer and year."""

    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveIntegerField(_("số"))
    suffix = models.CharField(max_length=20, default="QĐ-UBND")
    signed_on = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=120)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120)
    subject = models.CharField(_("trích yếu"), max_length=255)
    meeting = models.ForeignKey(Meeting, null=True, on_delete=models.PROTECT, related_name="+")

    view_capability = Cap.EMULATION_VIEW

    class Meta:
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number", "suffix"], name="emulation_decision_number"
            )
        ]

    @property
    def ref(self) -> str:
        return f"{self.number}/{self.suffix}"


class Award(ScopedModel):
    """One person's or collective's award under a decision: the bonus and the certificate's
    public verification code; revocation keeps the row (reason and amount to recover)."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="awards")
    proposal = models.OneToOneField(
        Proposal, null=True, on_delete=models.PROTECT, related_name="award"
    )
    title = models.ForeignKey(AwardTitle, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "org.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_name = models.CharField(max_length=255)
    amount = models.PositiveIntegerField(_("tiền thưởng (đồng)"))
    code = models.CharField(max_length=16, unique=True)
    revoked_on = models.DateField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)
    recover_amount = models.PositiveIntegerField(null=True, blank=True)

    view_capability = Cap.EMULATION_VIEW
    self_field = "person_id"

    class Meta:
        ordering = ["decision_id", "id"]


class ReviewKind(models.TextChoices):
    MID = "so_ket", _("Sơ kết")
    FINAL = "tong_ket", _("Tổng kết")


class Review(ScopedModel):
    """A unit's mid-term or final review of a plan: the figures the system holds (filled in
    when the review is saved, kept as they were then) and the narrative the unit writes."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(_("loại báo cáo"), max_length=10, choices=ReviewKind.choices)
    figures = models.JSONField(default=dict)
    narrative = models.TextField(_("nội dung đánh giá của đơn vị"))
    updated_at = models.DateTimeField(auto_now=True)

    view_capability = Cap.EMULATION_VIEW

    class Meta:
        ordering = ["plan_id", "unit_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "kind"], name="emulation_review_once")
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.unit_id} {self.kind}"
