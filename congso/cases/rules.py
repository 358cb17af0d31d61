"""Pure rules of the case workflow: transitions, stage deadlines, reminders, discipline forms,
processing limits, appeals, evidence limits and what the public may see. No ORM, no request.

Legal basis (paraphrased, see ../shared/domain.md §6 and §10):
- Luật Tố cáo 25/2018/QH14: art. 24 (7 working days to classify a denunciation), art. 30
  (handling time), art. 47 (protect the reporter's identity).
- NĐ 112/2020/NĐ-CP (from 20/11/2020) and NĐ 172/2025/NĐ-CP (from 01/7/2025): discipline forms
  of cán bộ, công chức, viên chức; severity levels; the 90-day processing limit, extendable to
  150 days.
- NĐ 152/2025/NĐ-CP: no award or nomination while a violation is being verified or handled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from congso.accounts.permissions import Cap
from congso.cases.choices import CaseKind, CaseState, ReportStatus

S = CaseState


class RuleError(ValueError):
    """A rule refused an action; `message` is Vietnamese and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransitionForbidden(RuleError):
    """The step exists but the actor lacks its capability (the API answers 403)."""


# ---------------------------------------------------------------------------------------------
# The workflow: (from, to) -> capability the actor needs on the case's unit.
# received → verifying → confirmed | dismissed; confirmed → handling → closed;
# confirmed | handling | closed → appealed (the person concerned) → reviewed → handling | closed.
# ---------------------------------------------------------------------------------------------
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.RECEIVED, S.VERIFYING): Cap.CASES_HANDLE,  # received -> verifying: start verification
    (S.RECEIVED, S.DISMISSED): Cap.CASES_DECIDE,  # received -> dismissed: plainly groundless
    (S.VERIFYING, S.CONFIRMED): Cap.CASES_DECIDE,  # verifying -> confirmed: finding made
    (S.VERIFYING, S.DISMISSED): Cap.CASES_DECIDE,  # verifying -> dismissed: not substantiated
    (S.CONFIRMED, S.HANDLING): Cap.CASES_HANDLE,  # confirmed -> handling: measures follow
    (S.CONFIRMED, S.CLOSED): Cap.CASES_DECIDE,  # confirmed -> closed: praise, or no measure
    (S.HANDLING, S.CLOSED): Cap.CASES_DECIDE,  # handling -> closed: measures recorded
    (S.CONFIRMED, S.APPEALED): Cap.CASES_APPEAL,  # the person concerned appeals
    (S.HANDLING, S.APPEALED): Cap.CASES_APPEAL,
    (S.CLOSED, S.APPEALED): Cap.CASES_APPEAL,
    (S.APPEALED, S.REVIEWED): Cap.CASES_REVIEW_APPEAL,  # a higher level decides the appeal
    (S.REVIEWED, S.HANDLING): Cap.CASES_HANDLE,  # upheld: handling goes on
    (S.REVIEWED, S.CLOSED): Cap.CASES_DECIDE,
}

OPEN_STATES = frozenset({S.RECEIVED, S.VERIFYING, S.CONFIRMED, S.HANDLING, S.APPEALED, S.REVIEWED})
TERMINAL_STATES = frozenset({S.DISMISSED, S.CLOSED})
# States in which a misconduct case stands as a confirmed finding (unless reversed).
FINDING_STATES = frozenset({S.CONFIRMED, S.HANDLING, S.CLOSED, S.APPEALED, S.REVIEWED})
# States that pause awards for the person concerned (NĐ 152/2025: "đang xem xét").
FREEZING_STATES = frozenset(
    {S.RECEIVED, S.VERIFYING, S.CONFIRMED, S.HANDLING, S.APPEALED, S.REVIEWED}
)


@dataclass(frozen=True)
class CaseFacts:
    """What check_transition needs to know about a case (built by the service)."""

    kind: str
    state: str
    has_person: bool = False
    has_category: bool = False
    has_severity: bool = False
    has_clause: bool = False
    dismiss_reason: str = ""
    measure_count: int = 0
    reversed: bool = False
    appeal_deadline: date | None = None
    review_outcome: str = ""


def allowed_targets(state: str) -> list[str]:
    """States reachable from `state` in the table (any capability)."""
    return [to for (frm, to) in TRANSITIONS if frm == state]


def check_transition(
    *, case: CaseFacts, to: str, has_capability: Callable[[str], bool], today: date
) -> str:
    """Return the capability used when `case` may move to `to`; raise RuleError otherwise."""
    capability = TRANSITIONS.get((case.state, to))
    if capability is None:
        raise RuleError(
            gettext("Không thể chuyển vụ việc từ “%(frm)s” sang “%(to)s”.")
            % {"frm": S(case.state).label, "to": S(to).label if to in S.values else to}
        )
    if not has_capability(capability):
        raise TransitionForbidden(gettext("Bạn không có quyền thực hiện bước này."))
    praise = case.kind == CaseKind.PRAISE
    if to == S.CONFIRMED and not praise:
        if not (case.has_person and case.has_category and case.has_severity):
            raise RuleError(
                gettext("Kết luận vi phạm cần ghi rõ người vi phạm, loại vi phạm và mức độ.")
            )
        if not case.has_clause:
            raise RuleError(
                gettext("Không có điều khoản quy chế văn hóa công sở có hiệu lực vào ngày vi phạm.")
            )
    if to == S.CONFIRMED and praise and not case.has_person:
        raise RuleError(gettext("Kết luận biểu dương cần ghi rõ người được biểu dương."))
    if to == S.DISMISSED and not case.dismiss_reason.strip():
        raise RuleError(gettext("Cần ghi lý do không có căn cứ."))
    if to == S.HANDLING and praise:
        raise RuleError(gettext("Vụ việc biểu dương không có bước xử lý."))
    if to == S.HANDLING and case.reversed:
        raise RuleError(gettext("Kết luận đã bị hủy; không còn gì để xử lý."))
    if (case.state, to) == (S.HANDLING, S.CLOSED) and not praise and case.measure_count == 0:
        raise RuleError(gettext("Cần ghi ít nhất một biện pháp xử lý trước khi kết thúc."))
    if to == S.APPEALED:
        if praise:
            raise RuleError(gettext("Chỉ khiếu nại được kết luận vi phạm."))
        if case.reversed:
            raise RuleError(gettext("Kết luận này đã bị hủy."))
        if case.appeal_deadline is None or today > case.appeal_deadline:
            raise RuleError(gettext("Đã hết thời hạn khiếu nại kết luận này."))
    if to == S.REVIEWED and case.review_outcome not in ("upheld", "reversed"):
        raise RuleError(gettext("Cần chọn kết quả xem xét khiếu nại."))
    return capability


# ---------------------------------------------------------------------------------------------
# Stage deadlines in working days (defaults; each case type may override them in the database).
# Received: Luật Tố cáo 2018 art. 24 gives 7 working days to classify; urgent cases 1 day.
# ---------------------------------------------------------------------------------------------
DEFAULT_STAGE_DAYS: dict[str, int] = {
    S.RECEIVED: 7,
    S.VERIFYING: 20,
    S.CONFIRMED: 5,
    S.HANDLING: 30,
    S.APPEALED: 15,
    S.REVIEWED: 5,
}
URGENT_FIRST_ACTION_DAYS = 1
DEFAULT_APPEAL_WINDOW_DAYS = 10
ESCALATE_AFTER_OVERDUE_DAYS = 2


def stage_working_days(*, state: str, urgent: bool, overrides: Mapping[str, int]) -> int | None:
    """Working days allowed for `state`; None when the state has no deadline (terminal)."""
    if state in TERMINAL_STATES:
        return None
    if state == S.RECEIVED and urgent:
        return URGENT_FIRST_ACTION_DAYS
    value = overrides.get(state)
    return value if value is not None else DEFAULT_STAGE_DAYS.get(state)


# The columns of `CaseTypeConfig`: the stage each one overrides (None: the appeal window).
CONFIG_FIELDS: dict[str, str | None] = {
    "received_days": S.RECEIVED,
    "verifying_days": S.VERIFYING,
    "confirmed_days": S.CONFIRMED,
    "handling_days": S.HANDLING,
    "appealed_days": S.APPEALED,
    "reviewed_days": S.REVIEWED,
    "appeal_window_days": None,
}
CONFIG_MAX_DAYS = 365


def check_config_days(values: Mapping[str, int | None]) -> dict[str, int | None]:
    """The overrides of one case type, checked: known fields, whole days 0–365, None = default.

    The province sets its own limits per case type (issue 4 point 5); a year is the outer bound
    so a typo cannot park a case for decades."""
    checked: dict[str, int | None] = {}
    for name, value in values.items():
        if name not in CONFIG_FIELDS:
            raise RuleError(gettext("Trường thời hạn không hợp lệ: %(name)s.") % {"name": name})
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 0 <= value <= CONFIG_MAX_DAYS
        ):
            raise RuleError(
                gettext("Số ngày làm việc phải là số nguyên từ 0 đến %(max)d.")
                % {"max": CONFIG_MAX_DAYS}
            )
        checked[name] = value
    return checked


def effective_config_days(field: str, override: int | None) -> int:
    """What a `CaseTypeConfig` column means when applied: the override, else the default."""
    if override is not None:
        return override
    stage = CONFIG_FIELDS[field]
    return DEFAULT_APPEAL_WINDOW_DAYS if stage is None else DEFAULT_STAGE_DAYS[stage]


def is_overdue(*, state: str, due_on: date | None, today: date) -> bool:
    return state not in TERMINAL_STATES and due_on is not None and today > due_on


class ReminderStep:
    NONE = 0
    HANDLER = 1  # reminded the handler
    HEAD = 2  # escalated to the unit head


def reminder_step(*, working_days_left: int | None, level: int) -> int:
    """The reminder level a case should be at now (never lower than `level`).

    The handler is reminded when one working day or less is left; the unit head is told once
    the stage is overdue by ESCALATE_AFTER_OVERDUE_DAYS working days (Dispatch's overdue task
    reminders, escalating as in the dissemination work).
    """
    if working_days_left is None:
        return level
    target = ReminderStep.NONE
    if working_days_left <= 1:
        target = ReminderStep.HANDLER
    if working_days_left <= -ESCALATE_AFTER_OVERDUE_DAYS:
        target = ReminderStep.HEAD
    return max(level, target)


# ---------------------------------------------------------------------------------------------
# Discipline forms by rule set, category and date.
# ---------------------------------------------------------------------------------------------
FORM_LABELS: dict[str, StrOrPromise] = {
    "khien_trach": _("Khiển trách"),
    "canh_cao": _("Cảnh cáo"),
    "ha_bac_luong": _("Hạ bậc lương"),
    "giang_chuc": _("Giáng chức"),
    "cach_chuc": _("Cách chức"),
    "bai_nhiem": _("Bãi nhiệm"),
    "buoc_thoi_viec": _("Buộc thôi việc"),
}
LEADER_ONLY_FORMS = frozenset({"cach_chuc", "giang_chuc"})


@dataclass(frozen=True)
class DisciplineRegime:
    """One rule set of discipline forms: who it covers, from when (to is exclusive)."""

    code: str
    basis: str
    categories: frozenset[str]
    valid_from: date
    valid_to: date | None
    forms: tuple[str, ...]

    def covers(self, *, category: str, on: date) -> bool:
        return (
            category in self.categories
            and self.valid_from <= on
            and (self.valid_to is None or on < self.valid_to)
        )


ND172_START = date(2025, 7, 1)
ND112_START = date(2020, 11, 20)

DISCIPLINE_REGIMES: tuple[DisciplineRegime, ...] = (
    DisciplineRegime(
        "nd112_2020_can_bo",
        "NĐ 112/2020/NĐ-CP, Điều 7",
        frozenset({"can_bo"}),
        ND112_START,
        ND172_START,
        ("khien_trach", "canh_cao", "cach_chuc", "bai_nhiem"),
    ),
    DisciplineRegime(
        "nd112_2020_cong_chuc",
        "NĐ 112/2020/NĐ-CP, Điều 8",
        frozenset({"cong_chuc"}),
        ND112_START,
        ND172_START,
        ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec"),
    ),
    DisciplineRegime(
        "nd172_2025_can_bo",
        "NĐ 172/2025/NĐ-CP (hiệu lực 01/7/2025)",
        frozenset({"can_bo"}),
        ND172_START,
        None,
        ("khien_trach", "canh_cao", "cach_chuc", "bai_nhiem"),
    ),
    DisciplineRegime(
        "nd172_2025_cong_chuc",
        "NĐ 172/2025/NĐ-CP (hiệu lực 01/7/2025; bỏ giáng chức, hạ bậc lương)",
        frozenset({"cong_chuc"}),
        ND172_START,
        None,
        ("khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec"),
    ),
    DisciplineRegime(
        "nd112_2020_vien_chuc",
        "NĐ 112/2020/NĐ-CP, Điều 15",
        frozenset({"vien_chuc"}),
        ND112_START,
        None,
        ("khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec"),
    ),
)


def form_label(code: str) -> str:
    """ "khien_trach" → "Khiển trách" (in the reader's language); unknown codes are not shown."""
    label = FORM_LABELS.get(code)
    return str(label) if label is not None else ""


def regime_basis(code: str) -> str:
    """ "nd172_2025_cong_chuc" → its legal basis ("NĐ 172/2025/NĐ-CP …"), never the code."""
    return next((regime.basis for regime in DISCIPLINE_REGIMES if regime.code == code), "")


def discipline_regime(*, category: str, on: date) -> DisciplineRegime | None:
    """The rule set in force for a staff category on a date, or None."""
    for regime in DISCIPLINE_REGIMES:
        if regime.covers(category=category, on=on):
            return regime
    return None


def check_discipline(*, category: str, on: date, form: str, is_leader: bool) -> DisciplineRegime:
    """The regime under which `form` may be decided on `on`; RuleError when it may not."""
    regime = discipline_regime(category=category, on=on)
    if regime is None:
        raise RuleError(
            gettext("Không có quy định về hình thức kỷ luật cho đối tượng này vào ngày %(day)s.")
            % {"day": on.strftime("%d/%m/%Y")}
        )
    if form not in regime.forms:
        allowed = ", ".join(str(FORM_LABELS[f]) for f in regime.forms)
        raise RuleError(
            gettext("Theo %(basis)s chỉ áp dụng các hình thức: %(forms)s.")
            % {"basis": regime.basis, "forms": allowed}
        )
    if form in LEADER_ONLY_FORMS and not is_leader:
        raise RuleError(
            gettext("Hình thức này chỉ áp dụng với người giữ chức vụ lãnh đạo, quản lý.")
        )
    return regime


PROCESSING_LIMIT_DAYS = 90
PROCESSING_LIMIT_EXTENDED_DAYS = 150


def processing_deadline(*, started_on: date, extended: bool) -> date:
    """Last day to decide discipline: 90 days, or 150 when extended (NĐ 172/2025)."""
    days = PROCESSING_LIMIT_EXTENDED_DAYS if extended else PROCESSING_LIMIT_DAYS
    return started_on + timedelta(days=days)


# ---------------------------------------------------------------------------------------------
# Reports from the public: receipts, evidence limits, public status.
# ---------------------------------------------------------------------------------------------
RECEIPT_RE = re.compile(r"^[0-9]{16}$")


def receipt_is_wellformed(value: str) -> bool:
    return bool(RECEIPT_RE.match(value or ""))


ALLOWED_EVIDENCE_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "application/pdf": "pdf",
}
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024
MAX_EVIDENCE_FILES = 5
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_SIDE = 12_000
MAX_DESCRIPTION_CHARS = 5000


def check_evidence(
    *, mime: str | None, size: int, width: int | None = None, height: int | None = None
) -> None:
    """Refuse a file that is not an image or a PDF by content, too big, or too large in
    pixels (a decompression bomb)."""
    if size > MAX_EVIDENCE_BYTES:
        raise RuleError(
            gettext("Tệp quá lớn: tối đa %(mb)d MB mỗi tệp.") % {"mb": MAX_EVIDENCE_BYTES // 2**20}
        )
    if size == 0:
        raise RuleError(gettext("Tệp rỗng."))
    if mime not in ALLOWED_EVIDENCE_TYPES:
        raise RuleError(
            gettext("Chỉ nhận tệp ảnh (JPEG, PNG, WebP) hoặc PDF; nội dung tệp không phải.")
        )
    if width is not None and height is not None:
        if width * height > MAX_IMAGE_PIXELS or max(width, height) > MAX_IMAGE_SIDE:
            raise RuleError(
                gettext("Ảnh có kích thước quá lớn (%(w)d×%(h)d điểm ảnh).")
                % {
                    "w": width,
                    "h": height,
                }
            )


def public_status(*, report_status: str, case_state: str | None, reversed: bool) -> str:
    """What the receipt page says about a report: verified facts only, no names."""
    if report_status == ReportStatus.NEW:
        return gettext("Đã tiếp nhận, đang sàng lọc")
    if report_status == ReportStatus.SPAM:
        return gettext("Không đủ điều kiện xem xét")
    if report_status == ReportStatus.DUPLICATE:
        return gettext("Đã gộp với phản ánh khác cùng nội dung")
    if report_status == ReportStatus.FORWARDED:
        return gettext("Đã chuyển đến đơn vị có thẩm quyền")
    if reversed:
        return gettext("Kết luận đã được cấp trên xem xét lại và hủy bỏ")
    if case_state in (S.RECEIVED, S.VERIFYING, None):
        return gettext("Đang xác minh")
    if case_state == S.DISMISSED:
        return gettext("Đã xác minh: không có căn cứ")
    if case_state == S.CLOSED:
        return gettext("Đã xác minh và xử lý xong")
    return gettext("Đã xác minh, đang xử lý")


def finding_is_public(*, case_state: str | None, reversed: bool) -> bool:
    """Named officers appear on public pages only once a finding is confirmed and stands:
    not while the person's appeal is pending, never after it was reversed."""
    return case_state in FINDING_STATES and case_state != S.APPEALED and not reversed
