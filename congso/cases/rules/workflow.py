"""The case workflow as data: (from, to) -> the capability it needs, and the checks of each step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext

from congso.cases.choices import CaseKind, CaseState
from congso.cases.rules.errors import RuleError, TransitionForbidden
from congso.common.permissions import Cap

S = CaseState


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
