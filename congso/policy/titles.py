"""Individual titles that follow from the classification: LĐTT (R12), CSTĐCS (R13), freeze (R14).

The freeze postpones awards; it does not change the classification or the criteria, so the
eligibility flags report the criteria alone.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from congso.policy import basis
from congso.policy.facts import EXACT, LEVEL_NAMES_VI, CaseFacts, Level, Reason, vi_number
from congso.policy.registry import rule
from congso.policy.rules_common import discipline_label, disciplined_in_year
from congso.policy.switches import Policy

TEN: Final = Decimal(10)
LAW_FROM: Final = date(2024, 1, 1)

LDTT_NOT_RATED: Final = Reason(
    "R12_NOT_RATED",
    "Không được đánh giá, xếp loại trong năm: chưa đủ điều kiện xét danh hiệu Lao động tiên tiến.",
    basis.LDTT,
)
CSTDCS_NO_LDTT: Final = Reason(
    "R13_NO_LDTT",
    "Không đạt danh hiệu Lao động tiên tiến: không đủ điều kiện xét Chiến sĩ thi đua cơ sở.",
    basis.CSTDCS,
)
CSTDCS_NO_INITIATIVE: Final = Reason(
    "R13_NO_INITIATIVE",
    "Chưa có sáng kiến được cấp có thẩm quyền công nhận: chưa đủ điều kiện Chiến sĩ thi đua cơ sở.",
    basis.CSTDCS,
)
CSTDCS_OK: Final = Reason(
    "R13_ELIGIBLE",
    "Đạt Lao động tiên tiến và có sáng kiến được công nhận: đủ tiêu chuẩn Chiến sĩ thi đua "
    "cơ sở (số lượng không quá 15 % số Lao động tiên tiến của đơn vị).",
    basis.CSTDCS,
)
BELOW_HTTNV: Final = {
    level: Reason(
        "R12_LEVEL",
        f"Xếp loại {LEVEL_NAMES_VI[level].lower()}, dưới mức hoàn thành tốt nhiệm vụ: "
        "không đủ tiêu chuẩn Lao động tiên tiến.",
        basis.LDTT,
    )
    for level in (Level.KHTNV, Level.HTNV)
}
FINE: Final = Reason(
    "R12_ADMINISTRATIVE_FINE",
    "Bị xử phạt vi phạm hành chính trong năm: không đủ tiêu chuẩn Lao động tiên tiến theo quy "
    "định của tỉnh Lào Cai (A6).",
    basis.LDTT_FINE,
)
FROZEN: Final = Reason(
    "R14_AWARD_FROZEN",
    "Đang có vụ việc xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh đơn thư, "
    "phản ánh liên quan: tạm chưa khen thưởng, chưa đề nghị khen thưởng cho đến khi có kết "
    "luận (không làm thay đổi xếp loại và tiêu chuẩn).",
    basis.FREEZE,
)


@rule("R12", "Lao động tiên tiến", basis.LDTT, LAW_FROM)
def ldtt(level: Level | None, facts: CaseFacts, policy: Policy) -> tuple[bool, tuple[Reason, ...]]:
    """R12. LĐTT: classification HTTNV or HTXSNV (after every ceiling); Lào Cai adds no
    administrative fine in the year (A6, provincial layer); no LĐTT for a person whose
    discipline takes effect in the year (A4), nor for a new recruit with fewer than 10 months
    (A8). Maternity leave counts as working time.

    Basis: Luật Thi đua, khen thưởng 06/2022/QH15 Art. 24; QĐ 14/2024/QĐ-UBND Lào Cai;
    TT 01/2024/TT-BNV; NĐ 152/2025/NĐ-CP; NĐ 91/2017/NĐ-CP.
    """
    if level is None:
        return False, (LDTT_NOT_RATED,)
    a = policy.assumptions
    refusals: list[Reason] = []
    if level < Level.HTTNV:
        refusals.append(BELOW_HTTNV[level])
    if facts.administrative_fine and policy.province.a6_no_administrative_fine_for_ldtt:
        refusals.append(FINE)
    if a.a4_discipline_in_year_bars_titles and facts.discipline:
        item = disciplined_in_year(facts)
        if item is not None:
            refusals.append(
                Reason(
                    "R12_DISCIPLINED_IN_YEAR",
                    f"Bị {discipline_label(item)}, có hiệu lực trong năm: không xét Lao động "
                    "tiên tiến, Chiến sĩ thi đua cơ sở năm này (A4).",
                    basis.LDTT_DISCIPLINE,
                )
            )
    if facts.new_recruit and a.a8_new_recruit_needs_10_months:
        months = (
            EXACT.add(facts.months_worked, facts.months_absent)
            if facts.maternity
            else facts.months_worked
        )
        if months < TEN:
            refusals.append(
                Reason(
                    "R12_NEW_RECRUIT",
                    f"Mới tuyển dụng, thời gian công tác trong năm {vi_number(months)} tháng "
                    "(dưới 10 tháng): không xét Lao động tiên tiến (A8).",
                    basis.LDTT_NEW_RECRUIT,
                )
            )
    if refusals:
        return False, tuple(refusals)
    text = (
        f"Xếp loại {LEVEL_NAMES_VI[level].lower()}"
        + (
            ", không bị xử phạt hành chính"
            if policy.province.a6_no_administrative_fine_for_ldtt
            else ""
        )
        + ", không bị kỷ luật trong năm: đủ tiêu chuẩn Lao động tiên tiến."
    )
    reasons = [Reason("R12_ELIGIBLE", text, basis.LDTT)]
    if facts.maternity:
        reasons.append(
            Reason(
                "R12_MATERNITY_COUNTS",
                "Thời gian nghỉ chế độ thai sản được tính là thời gian công tác khi xét danh hiệu.",
                basis.LDTT_MATERNITY,
            )
        )
    return True, tuple(reasons)


@rule("R13", "Chiến sĩ thi đua cơ sở", basis.CSTDCS, LAW_FROM)
def cstdcs(ldtt_ok: bool, facts: CaseFacts) -> tuple[bool, Reason]:
    """R13. CSTĐCS: LĐTT + a sáng kiến recognised by the competent level; HTXSNV is not
    required. The 15 % unit cap is a unit case (Q3).

    Basis: Luật Thi đua, khen thưởng 06/2022/QH15 Arts. 3(4), 23; NĐ 91/2017/NĐ-CP (cap).
    """
    if not ldtt_ok:
        return False, CSTDCS_NO_LDTT
    if not facts.recognised_initiative:
        return False, CSTDCS_NO_INITIATIVE
    return True, CSTDCS_OK


@rule("R14", "Tạm dừng khen thưởng", basis.FREEZE, date(2025, 6, 14))
def award_frozen(facts: CaseFacts) -> bool:
    """R14. While a discipline process, investigation, inspection, or verification of a
    complaint, denunciation or press report concerning the person is open, no award or
    nomination may be made. It postpones: classification and criteria are unchanged, and an
    open report is not a confirmed violation (no R9).

    Basis: NĐ 152/2025/NĐ-CP.
    """
    return facts.open_case_or_inspection
