"""One decision for one person and one year, in the order policy.md §2 fixes:

regime (R1) → time worked (R8) → KHTNV overrides (R3/R6, with R7) → base level (R2/R4/R5) →
ceilings (R8 absence, R9 directive) → unit quota (R10/R11: unit cases only) → titles (R12,
R13) → freeze (R14).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from congso.policy import basis
from congso.policy.facts import (
    CATEGORIES,
    CATEGORY_NAMES_VI,
    CaseFacts,
    Decision,
    Level,
    Reason,
    vi_number,
)
from congso.policy.registry import PolicyInputError, rule
from congso.policy.rules_common import (
    NO_TIME_RULE,
    directive_cap,
    discipline_notes,
    time_worked,
    violation_notes,
)
from congso.policy.rules_nd90 import nd90_leader_level, nd90_overrides, nd90_staff_level, shares
from congso.policy.rules_nd335 import nd335_band, nd335_overrides, not_duty_related_notes, points
from congso.policy.switches import DEFAULT_POLICY, Policy
from congso.policy.titles import FROZEN, award_frozen, cstdcs, ldtt

ZERO: Final = Decimal(0)
TWELVE: Final = Decimal(12)
FIRST_YEAR: Final = 2020

Classifier = Callable[[CaseFacts, Policy], tuple[Level | None, list[Reason]]]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules of one legal regime, in force from `effective_from` (until `effective_to`)."""

    name: str
    title_vi: str
    basis: str
    effective_from: date
    effective_to: date | None
    classify: Classifier

    def in_force_for(self, year: int) -> bool:
        """Whether the ratings of `year` fall under this regime (rated from its first day)."""
        start = date(year, 1, 1)
        return self.effective_from <= date(year, 12, 31) and (
            self.effective_to is None or start < self.effective_to
        )


def check_months(facts: CaseFacts) -> None:
    """Months worked and absent are each from 0 to 12."""
    if ZERO <= facts.months_worked <= TWELVE and ZERO <= facts.months_absent <= TWELVE:
        return
    for field, value in (
        ("months_worked", facts.months_worked),
        ("months_absent", facts.months_absent),
    ):
        if not ZERO <= value <= TWELVE:
            raise PolicyInputError(
                f"inputs.{field}",
                f"inputs.{field} phải từ 0 đến 12 tháng (nhận được {vi_number(value)}).",
            )


def _after_base(
    facts: CaseFacts, policy: Policy, level: Level, ceiling: Level | None, reasons: list[Reason]
) -> Level:
    """The ceilings: absence (R8) and the directive (R9). A ceiling never raises a level."""
    if ceiling is not None and level > ceiling:
        level = ceiling
    capped = directive_cap(facts, policy.province)
    if capped:
        if level > Level.HTNV:
            level = Level.HTNV
        reasons.extend(capped)
    if facts.violations:
        reasons.extend(violation_notes(facts))
    return level


_REGIME_REASONS: dict[tuple[str, str, int], Reason] = {}


def regime_reason(regime: str, category: str, year: int) -> Reason:
    """R1's reason, built once per regime, category and year (a handful of texts)."""
    key = (regime, category, year)
    reason = _REGIME_REASONS.get(key)
    if reason is None:
        reason = (_nd335_regime_reason if regime == "nd335" else _nd90_regime_reason)(
            category, year
        )
        if len(_REGIME_REASONS) < 1000:  # bounded: years come from input documents
            _REGIME_REASONS[key] = reason
    return reason


def _nd335_regime_reason(category: str, year: int) -> Reason:
    return (
        Reason(
            "R1_REGIME_ND335",
            f"Công chức, đánh giá năm {year}: xếp loại theo Nghị định 335/2025/NĐ-CP (chấm điểm).",
            basis.REGIME_ND335,
        )
        if category == "cong_chuc"
        else Reason(
            "R1_REGIME_ND335",
            f"{CATEGORY_NAMES_VI[category].capitalize()}, đánh giá năm {year}: xếp "
            "loại theo Nghị định 335/2025/NĐ-CP (A1 không áp dụng).",
            basis.REGIME_ND335,
        )
    )


def _nd90_regime_reason(category: str, year: int) -> Reason:
    return Reason(
        "R1_REGIME_ND90",
        f"{CATEGORY_NAMES_VI[category].capitalize()}, đánh giá năm {year}: xếp "
        "loại theo Nghị định 90/2020/NĐ-CP, sửa đổi bởi Nghị định 48/2023/NĐ-CP"
        + (" (A1)." if year >= 2026 else "."),
        basis.REGIME_ND90,
    )


def classify_nd335(facts: CaseFacts, policy: Policy) -> tuple[Level | None, list[Reason]]:
    a = policy.assumptions
    common, task = points(facts)
    reasons = [regime_reason("nd335", facts.category, facts.year)]
    timing = (
        time_worked(facts, basis.nd335_time(a.n1_nd335_timing_article), a.a7_maternity_never_caps)
        if a.a2_time_rules_for_nd335
        else NO_TIME_RULE
    )
    reasons.extend(timing.reasons)
    if timing.not_rated:
        return None, reasons
    grounds = nd335_overrides(facts, a)
    if facts.discipline:
        reasons.extend(discipline_notes(facts, a.a5_count_once_under_nd335))
        reasons.extend(not_duty_related_notes(facts, a))
    if grounds:
        level = Level.KHTNV
        reasons.extend(grounds)
    else:
        level, band = nd335_band(common, task)
        reasons.append(band)
    level = _after_base(facts, policy, level, timing.ceiling, reasons)
    if level is Level.HTXSNV:
        reasons.append(QUOTA_NOTE)
    return level, reasons


QUOTA_NOTE: Final = Reason(
    "R10_QUOTA_AT_UNIT",
    "Số hoàn thành xuất sắc nhiệm vụ không quá 20 % số hoàn thành tốt nhiệm vụ, xét theo cơ "
    "quan và từng nhóm nhiệm vụ tương đồng; quyết định cá nhân này giả định tỷ lệ chưa vượt.",
    basis.ND335_QUOTA,
)


def classify_nd90(facts: CaseFacts, policy: Policy) -> tuple[Level | None, list[Reason]]:
    a = policy.assumptions
    on_time, exceeded, failed = shares(facts)
    reasons = [regime_reason("nd90", facts.category, facts.year)]
    timing = time_worked(facts, basis.ND90_TIME, a.a7_maternity_never_caps)
    reasons.extend(timing.reasons)
    if timing.not_rated:
        return None, reasons
    grounds = nd90_overrides(facts, failed)
    if facts.discipline:
        reasons.extend(discipline_notes(facts, True))
    if grounds:
        level = Level.KHTNV
        reasons.extend(grounds)
    else:
        if facts.is_leader and facts.unit is not None:
            level, base = nd90_leader_level(facts, on_time, failed, a)
        else:
            level, base = nd90_staff_level(facts, on_time, exceeded, failed, a)
        reasons.append(base)
    return _after_base(facts, policy, level, timing.ceiling, reasons), reasons


ND335_RULES: Final = RuleSet(
    "nd335_2025",
    "Nghị định 335/2025/NĐ-CP (công chức, chấm điểm)",
    basis.REGIME_ND335,
    date(2026, 1, 1),
    None,
    classify_nd335,
)
ND90_RULES: Final = RuleSet(
    "nd90_2020_nd48_2023",
    "Nghị định 90/2020/NĐ-CP, sửa đổi bởi Nghị định 48/2023/NĐ-CP (tỷ lệ nhiệm vụ)",
    basis.REGIME_ND90,
    date(2020, 10, 1),
    None,
    classify_nd90,
)
RULE_SETS: Final = (ND335_RULES, ND90_RULES)
# The first year rated under NĐ 335 (its in_force_for, computed once: selection is hot).
ND335_FIRST_YEAR: Final = next(y for y in range(FIRST_YEAR, 2100) if ND335_RULES.in_force_for(y))


@rule("R1", "Chế độ áp dụng theo năm và đối tượng", basis.REGIME_ND335, date(2020, 10, 1))
def select_rule_set(category: str, year: int, policy: Policy = DEFAULT_POLICY) -> RuleSet:
    """R1. Công chức rated for 2026 onward: NĐ 335/2025 (points). Công chức for 2025 and
    earlier, and cán bộ and viên chức in every year (A1): NĐ 90/2020 as amended by NĐ 48/2023.

    Basis: NĐ 335/2025/NĐ-CP (signed 21/12/2025, in force 01/01/2026); NĐ 90/2020/NĐ-CP;
    NĐ 48/2023/NĐ-CP (in force 15/9/2023).
    """
    if category not in CATEGORIES:
        raise PolicyInputError(
            "category",
            f"category không hợp lệ: “{category}” (chỉ nhận cong_chuc, can_bo, vien_chuc).",
        )
    if year < FIRST_YEAR:
        raise PolicyInputError(
            "year",
            f"year {year}: chưa có bộ quy tắc xếp loại cho năm này (hệ thống áp dụng từ năm "
            f"{FIRST_YEAR}, Nghị định 90/2020/NĐ-CP).",
        )
    if year >= ND335_FIRST_YEAR and (
        category == "cong_chuc" or not policy.assumptions.a1_nd90_for_can_bo_vien_chuc_from_2026
    ):
        return ND335_RULES
    return ND90_RULES


def decide(facts: CaseFacts, policy: Policy = DEFAULT_POLICY) -> Decision:
    """Decide one person's year. Raises PolicyInputError when an input the chosen rule set
    reads is missing or out of range (the caller reports it; nothing is guessed)."""
    rule_set = select_rule_set(facts.category, facts.year, policy)
    check_months(facts)
    level, reasons = rule_set.classify(facts, policy)
    ldtt_ok, ldtt_reasons = ldtt(level, facts, policy)
    reasons.extend(ldtt_reasons)
    cstdcs_ok, cstdcs_reason = cstdcs(ldtt_ok, facts)
    reasons.append(cstdcs_reason)
    frozen = award_frozen(facts)
    if frozen:
        reasons.append(FROZEN)
    return Decision(level, ldtt_ok, cstdcs_ok, frozen, rule_set.name, tuple(reasons))


def decide_many(people: Iterable[CaseFacts], policy: Policy = DEFAULT_POLICY) -> list[Decision]:
    """Decide a whole population (a unit, a province) in one pass, in input order.

    The engine builds no reference cycles, so the cyclic garbage collector is paused while
    the batch runs: otherwise every collection rescans the decisions already built, which
    halves the rate for 100,000 people. Reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [decide(facts, policy) for facts in people]
    finally:
        if enabled:
            gc.enable()
