"""NĐ 335/2025/NĐ-CP (công chức, from 01/01/2026): points, KHTNV overrides, score bands."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from congso.policy import basis
from congso.policy.facts import EXACT, CaseFacts, Level, Reason, vi_number
from congso.policy.registry import PolicyInputError, rule
from congso.policy.rules_common import discipline_counts, discipline_label
from congso.policy.switches import Assumptions

ND335_FROM: Final = date(2026, 1, 1)
COMMON_MAX: Final = Decimal(30)
TASK_MAX: Final = Decimal(70)
ZERO: Final = Decimal(0)
NINETY: Final = Decimal(90)
SEVENTY: Final = Decimal(70)
FIFTY: Final = Decimal(50)


def points(facts: CaseFacts) -> tuple[Decimal, Decimal]:
    """The two point totals NĐ 335 reads; missing or out of range ⇒ PolicyInputError."""
    common = facts.common_points
    task = facts.task_points
    if common is None:
        raise PolicyInputError(
            "inputs.common_points",
            "Thiếu dữ liệu bắt buộc: inputs.common_points (điểm tiêu chí chung, 0–30).",
        )
    if task is None:
        raise PolicyInputError(
            "inputs.task_points",
            "Thiếu dữ liệu bắt buộc: inputs.task_points (điểm kết quả thực hiện nhiệm vụ, 0–70).",
        )
    if not ZERO <= common <= COMMON_MAX:
        raise PolicyInputError(
            "inputs.common_points",
            f"inputs.common_points phải từ 0 đến 30 điểm (nhận được {vi_number(common)}).",
        )
    if not ZERO <= task <= TASK_MAX:
        raise PolicyInputError(
            "inputs.task_points",
            f"inputs.task_points phải từ 0 đến 70 điểm (nhận được {vi_number(task)}).",
        )
    return common, task


@rule(
    "R3",
    "Các trường hợp không hoàn thành nhiệm vụ (NĐ 335)",
    basis.ND335_KHTNV_DISCIPLINE,
    ND335_FROM,
)
def nd335_overrides(facts: CaseFacts, a: Assumptions) -> tuple[Reason, ...]:
    """R3. KHTNV whatever the points: (b) concluded degradation, "tự diễn biến, tự chuyển
    hóa", breach of Party prohibitions or of the duty to set an example; (c) discipline from
    khiển trách upward taking effect in the year for a violation linked to public duty (A9;
    count-once by A5); (d) leaders: the unit they directly manage handled for corruption or
    waste. Returns the grounds found (empty: no override).

    Basis: NĐ 335/2025/NĐ-CP Art. 20(4)(b)–(d); discipline forms per NĐ 172/2025/NĐ-CP.
    """
    grounds: list[Reason] = []
    if facts.concluded_degradation:
        grounds.append(
            Reason(
                "R3_DEGRADATION",
                "Đã có kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn "
                "biến”, “tự chuyển hóa”, vi phạm điều Đảng viên không được làm hoặc trách "
                "nhiệm nêu gương: không hoàn thành nhiệm vụ.",
                basis.ND335_KHTNV_DEGRADATION,
            )
        )
    year = facts.year
    for item in facts.discipline:
        if not discipline_counts(item, year, a.a5_count_once_under_nd335):
            continue
        if a.a9_nd335_discipline_duty_related_only and not item.duty_related:
            continue
        grounds.append(
            Reason(
                "R3_DISCIPLINE",
                f"Bị {discipline_label(item)}, do vi phạm liên quan đến thi hành công vụ: "
                "không hoàn thành nhiệm vụ.",
                basis.ND335_KHTNV_DISCIPLINE,
            )
        )
        break
    if facts.is_leader and facts.managed_unit_corruption_handled:
        grounds.append(
            Reason(
                "R3_MANAGED_UNIT_CORRUPTION",
                "Cơ quan, đơn vị do mình trực tiếp quản lý bị xử lý về tham nhũng, lãng phí: "
                "không hoàn thành nhiệm vụ.",
                basis.ND335_KHTNV_CORRUPTION,
            )
        )
    return tuple(grounds)


def not_duty_related_notes(facts: CaseFacts, a: Assumptions) -> tuple[Reason, ...]:
    """A9: discipline in the year that does not force KHTNV because it is not duty-related."""
    if not a.a9_nd335_discipline_duty_related_only:
        return ()
    return tuple(
        Reason(
            "R3_NOT_DUTY_RELATED",
            f"Bị {discipline_label(item)} vì hành vi không liên quan đến thi hành công vụ: "
            "không phải căn cứ xếp loại không hoàn thành nhiệm vụ (A9).",
            basis.ND335_KHTNV_DISCIPLINE,
        )
        for item in facts.discipline
        if not item.duty_related
        and discipline_counts(item, facts.year, a.a5_count_once_under_nd335)
    )


@rule("R2", "Khung điểm (NĐ 335)", basis.ND335_BANDS, ND335_FROM)
def nd335_band(common: Decimal, task: Decimal) -> tuple[Level, Reason]:
    """R2. Total = common criteria (max 30) + task results (max 70), exact, no rounding:
    ≥ 90 HTXSNV; 70 to < 90 HTTNV; 50 to < 70 HTNV; < 50 KHTNV. A leader's task points
    already include the unit's results.

    Basis: NĐ 335/2025/NĐ-CP Art. 20(1)–(4)(a).
    """
    total = EXACT.add(common, task)  # exact: 89.99999999999999999999999999999 stays < 90
    head = (
        f"Tổng điểm {vi_number(total)} (tiêu chí chung {vi_number(common)} + kết quả thực "
        f"hiện nhiệm vụ {vi_number(task)})"
    )
    if total >= NINETY:
        return Level.HTXSNV, Reason(
            "R2_BAND_HTXSNV",
            f"{head}, từ 90 điểm trở lên: hoàn thành xuất sắc nhiệm vụ.",
            basis.ND335_HTXSNV,
        )
    if total >= SEVENTY:
        return Level.HTTNV, Reason(
            "R2_BAND_HTTNV",
            f"{head}, từ 70 đến dưới 90 điểm: hoàn thành tốt nhiệm vụ.",
            basis.ND335_HTTNV,
        )
    if total >= FIFTY:
        return Level.HTNV, Reason(
            "R2_BAND_HTNV",
            f"{head}, từ 50 đến dưới 70 điểm: hoàn thành nhiệm vụ.",
            basis.ND335_HTNV,
        )
    return Level.KHTNV, Reason(
        "R2_BAND_KHTNV",
        f"{head}, dưới 50 điểm: không hoàn thành nhiệm vụ.",
        basis.ND335_KHTNV_POINTS,
    )
