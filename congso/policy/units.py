"""Unit decisions: the HTXSNV quota per group (R10, R11), the CSTĐCS cap (R13, Q3), and the
collective titles (R15). Counts are ints; percentages are exact integer arithmetic.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal, localcontext

from congso.policy import basis
from congso.policy.facts import LEVEL_NAMES_VI, Level, Reason
from congso.policy.registry import rule
from congso.policy.switches import Assumptions, Policy, QuotaRounding


def share_floor(numerator: int, denominator: int, rounding: QuotaRounding) -> int:
    """numerator / denominator rounded as Q2 says: down by default ("không vượt quá")."""
    if rounding == "floor":
        return numerator // denominator
    return (2 * numerator + denominator) // (2 * denominator)


def floor_product(share: Decimal, count: int) -> int:
    """⌊share × count⌋, exact: rounding towards floor at a precision beyond any input."""
    with localcontext(prec=60, rounding=ROUND_FLOOR):
        return int((share * count).to_integral_value())


@dataclass(frozen=True, slots=True)
class QuotaGroup:
    """One group of similar tasks in one agency: counts after the individual ceilings.

    `httnv_count` people rated HTTNV; `candidates` reached HTXSNV on their own merits, of whom
    `capped` have a confirmed culture violation in the year (R9: they end at HTNV before the
    quota is applied). `rated_count` and `party_member_htxsnv_share` are optional (R11).
    """

    group: str
    httnv_count: int
    candidates: int
    capped: int = 0
    rated_count: int | None = None
    party_member_htxsnv_share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class GroupQuota:
    group: str
    allowed: int
    final_htxsnv: int
    final_httnv: int
    htnv_from_cap: int
    alt_httnv_only: int
    alt_httnv_plus_candidates: int


@dataclass(frozen=True, slots=True)
class QuotaDecision:
    groups: tuple[GroupQuota, ...]
    reasons: tuple[Reason, ...]
    rule_set: str

    @property
    def allowed_total(self) -> int:
        return sum(group.allowed for group in self.groups)


def _allowed(httnv: int, candidates: int, reading: str, rounding: QuotaRounding) -> int:
    if reading == "final_count":
        # final HTXSNV X ≤ 20 % × final HTTNV (H + c − X)  ⇔  6X ≤ H + c
        return min(candidates, share_floor(httnv + candidates, 6, rounding))
    if reading == "httnv_only":
        return min(candidates, share_floor(httnv, 5, rounding))
    return min(candidates, share_floor(httnv + candidates, 5, rounding))


@rule("R11", "Tỷ lệ hoàn thành xuất sắc nhiệm vụ (NĐ 90/48)", basis.ND90_QUOTA, date(2023, 9, 15))
@rule("R10", "Tỷ lệ hoàn thành xuất sắc nhiệm vụ (NĐ 335)", basis.ND335_QUOTA, date(2026, 1, 1))
def htxsnv_quota(
    groups: tuple[QuotaGroup, ...], nd335: bool, policy: Policy, outstanding: bool = False
) -> QuotaDecision:
    """R10/R11. Per agency and per group of similar tasks, HTXSNV ≤ 20 % of those rated
    HTTNV; individual ceilings (R8, R9) come first; candidates refused by the quota are rated
    HTTNV. Q1 (default): the literal final-count reading, allowed = min(candidates,
    floor((HTTNV + candidates) / 6)); Q2: rounding down. The agency total is the sum of the
    groups (a sum of floors never exceeds the floor of the sum, so the agency test holds).
    Under NĐ 90/48 (R11) the same Party rule (≤ 20 % of HTTNV) applies, and the HTXSNV share
    of the staff rated may not exceed the Party members' HTXSNV share when it is given.
    The quota never promotes: allowed ≤ candidates.

    Basis: NĐ 335/2025/NĐ-CP Art. 20(5); NĐ 48/2023/NĐ-CP; Quy định 366-QĐ/TW (2025).
    """
    a: Assumptions = policy.assumptions
    exempt = outstanding and a.r10_outstanding_organisation_exception
    results: list[GroupQuota] = []
    reasons: list[Reason] = []
    cite = basis.ND335_QUOTA if nd335 else basis.ND90_QUOTA
    for item in groups:
        name = unicodedata.normalize("NFC", item.group)  # reasons are NFC whatever the input
        eligible = item.candidates - item.capped
        if exempt:
            allowed = eligible
        else:
            allowed = _allowed(item.httnv_count, eligible, a.q1_quota_reading, a.q2_quota_rounding)
            share = item.party_member_htxsnv_share
            if not nd335 and share is not None and item.rated_count is not None:
                allowed = min(allowed, floor_product(share, item.rated_count))
        refused = eligible - allowed
        results.append(
            GroupQuota(
                item.group,
                allowed,
                allowed,
                item.httnv_count + refused,
                item.capped,
                _allowed(item.httnv_count, eligible, "httnv_only", "floor"),
                _allowed(item.httnv_count, eligible, "httnv_plus_candidates", "floor"),
            )
        )
        if item.capped:
            reasons.append(
                Reason(
                    "R9_CAP_BEFORE_QUOTA",
                    f"Nhóm “{name}”: {item.capped} người đủ điểm hoàn thành xuất sắc "
                    "nhưng có vi phạm văn hóa công sở, văn hóa nơi công cộng đã xác nhận: xếp "
                    "hoàn thành nhiệm vụ, không tính vào tỷ lệ.",
                    basis.DIRECTIVE,
                )
            )
        reasons.append(
            Reason(
                "R10_EXEMPT" if exempt else "R10_QUOTA",
                f"Nhóm “{name}”: tổ chức được đánh giá xuất sắc, không áp dụng tỷ lệ; "
                f"{allowed} người hoàn thành xuất sắc nhiệm vụ."
                if exempt
                else f"Nhóm “{name}”: {item.httnv_count} hoàn thành tốt, {eligible} đủ "
                f"điểm hoàn thành xuất sắc; được giữ {allowed} (hoàn thành xuất sắc không quá "
                f"20 % số hoàn thành tốt sau cùng, làm tròn xuống); {refused} người còn lại xếp "
                "hoàn thành tốt nhiệm vụ.",
                cite,
            )
        )
    return QuotaDecision(
        tuple(results), tuple(reasons), "nd335_2025" if nd335 else "nd90_2020_nd48_2023"
    )


@rule("R13", "Tỷ lệ Chiến sĩ thi đua cơ sở", basis.CSTDCS_CAP, date(2024, 1, 1))
def cstdcs_quota(ldtt_count: int, candidates: int, policy: Policy) -> tuple[int, Reason]:
    """R13 unit cap (Q3): CSTĐCS ≤ 15 % of the unit's LĐTT, rounded down (Q2).

    Basis: Luật Thi đua, khen thưởng 06/2022/QH15 Art. 23; NĐ 91/2017/NĐ-CP (cap, current
    text unconfirmed: switch q3_cstdcs_cap).
    """
    a = policy.assumptions
    if not a.q3_cstdcs_cap:
        return candidates, Reason(
            "R13_NO_CAP",
            f"Không áp dụng tỷ lệ 15 % (Q3 tắt): {candidates} người đủ tiêu chuẩn đều được xét.",
            basis.CSTDCS,
        )
    cap = share_floor(15 * ldtt_count, 100, a.q2_quota_rounding)
    allowed = min(candidates, cap)
    return allowed, Reason(
        "R13_CAP",
        f"Chiến sĩ thi đua cơ sở không quá 15 % của {ldtt_count} Lao động tiên tiến "
        f"(làm tròn xuống: {cap}); {candidates} người đủ tiêu chuẩn, được xét {allowed}.",
        basis.CSTDCS_CAP,
    )


@dataclass(frozen=True, slots=True)
class CollectiveFacts:
    unit_level: Level
    members_rated: int
    members_htnv_or_above: int
    members_ldtt: int
    members_cstdcs: int
    members_disciplined_canh_cao_or_above: int = 0
    movement_and_unity_ok: bool = True
    members_total: int | None = None


@rule("R15", "Danh hiệu tập thể", basis.TTLDTT, date(2024, 1, 1))
def collective_titles(facts: CollectiveFacts, policy: Policy) -> tuple[bool, bool, list[Reason]]:
    """R15. Tập thể lao động tiên tiến = collective HTTNV or above + more than 50 % of members
    LĐTT (exactly 50 % fails); Tập thể lao động xuất sắc = collective HTXSNV + 100 % of members
    ≥ HTNV + at least 70 % LĐTT + at least one CSTĐCS. Both need the movement and unity test.
    C1: the denominator is the members rated in the year. Members' LĐTT is counted after R9.

    Basis: Luật Thi đua, khen thưởng 06/2022/QH15 Arts. 27, 28.
    """
    a = policy.assumptions
    base = facts.members_rated
    if not a.c1_denominator_rated_members and facts.members_total is not None:
        base = facts.members_total
    level_vi = LEVEL_NAMES_VI[facts.unit_level].lower()
    reasons: list[Reason] = []
    ldtt_majority = 2 * facts.members_ldtt > base
    ttldtt = facts.unit_level >= Level.HTTNV and ldtt_majority and facts.movement_and_unity_ok
    reasons.append(
        Reason(
            "R15_TTLDTT_ELIGIBLE" if ttldtt else "R15_TTLDTT_NOT_ELIGIBLE",
            f"Tập thể xếp loại {level_vi}; {facts.members_ldtt}/{base} thành viên đạt Lao động "
            f"tiên tiến ({'trên' if ldtt_majority else 'không quá'} 50 %)"
            + ("" if facts.movement_and_unity_ok else "; phong trào thi đua, đoàn kết chưa đạt")
            + (
                ": đủ tiêu chuẩn Tập thể lao động tiên tiến."
                if ttldtt
                else ": chưa đủ tiêu chuẩn Tập thể lao động tiên tiến (cần hoàn thành tốt "
                "nhiệm vụ trở lên và trên 50 % Lao động tiên tiến)."
            ),
            basis.TTLDTT,
        )
    )
    all_htnv = facts.members_htnv_or_above >= base
    ldtt_70 = 10 * facts.members_ldtt >= 7 * base
    ttldxs = (
        facts.unit_level == Level.HTXSNV
        and all_htnv
        and ldtt_70
        and facts.members_cstdcs >= 1
        and facts.movement_and_unity_ok
    )
    reasons.append(
        Reason(
            "R15_TTLDXS_ELIGIBLE" if ttldxs else "R15_TTLDXS_NOT_ELIGIBLE",
            f"Tập thể xếp loại {level_vi}; {facts.members_htnv_or_above}/{base} thành viên hoàn "
            f"thành nhiệm vụ trở lên, {facts.members_ldtt}/{base} Lao động tiên tiến, "
            f"{facts.members_cstdcs} Chiến sĩ thi đua cơ sở"
            + (
                ": đủ tiêu chuẩn Tập thể lao động xuất sắc."
                if ttldxs
                else ": chưa đủ tiêu chuẩn Tập thể lao động xuất sắc (cần hoàn thành xuất sắc "
                "nhiệm vụ, 100 % thành viên hoàn thành nhiệm vụ trở lên, từ 70 % Lao động tiên "
                "tiến, ít nhất một Chiến sĩ thi đua cơ sở)."
            ),
            basis.TTLDXS,
        )
    )
    return ttldtt, ttldxs, reasons
