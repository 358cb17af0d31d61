"""NĐ 90/2020/NĐ-CP as amended by NĐ 48/2023/NĐ-CP (cán bộ, viên chức; công chức until 2025).

Shares are fractions 0–1 compared exactly (Decimal); thresholds inclusive as policy.md R4 says.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from congso.policy import basis
from congso.policy.facts import CaseFacts, LeaderUnit, Level, Reason, vi_number, vi_percent
from congso.policy.registry import PolicyInputError, rule
from congso.policy.rules_common import discipline_counts, discipline_label
from congso.policy.switches import Assumptions

ND90_FROM: Final = date(2020, 10, 1)
ZERO: Final = Decimal(0)
ONE: Final = Decimal(1)
HALF: Final = Decimal("0.5")
FIFTH: Final = Decimal("0.2")
SEVENTY_PCT: Final = Decimal("0.7")
EIGHTY_PCT: Final = Decimal("0.8")

SHARE_FIELDS: Final = ("tasks_on_time_share", "tasks_exceeded_share", "criteria_failed_share")
UNIT_FIELDS: Final = (
    ("completed_share", "unit_completed_share"),
    ("on_time_share", "unit_on_time_share"),
    ("exceeded_share", "unit_exceeded_share"),
    ("subordinates_htnv_plus_share", "subordinate_units_htnv_plus_share"),
    ("subordinates_httnv_plus_share", "subordinate_units_httnv_plus_share"),
)


def check_share(value: Decimal | None, field: str) -> None:
    """A share, when given, is a fraction from 0 to 1."""
    if value is not None and not ZERO <= value <= ONE:
        raise PolicyInputError(
            f"inputs.{field}",
            f"inputs.{field} phải là tỷ lệ từ 0 đến 1 (nhận được {vi_number(value)}).",
        )


def required_share(value: Decimal | None, field: str) -> Decimal:
    if value is None:
        raise PolicyInputError(
            f"inputs.{field}", f"Thiếu dữ liệu bắt buộc: inputs.{field} (tỷ lệ từ 0 đến 1)."
        )
    check_share(value, field)
    return value


def shares(facts: CaseFacts) -> tuple[Decimal, Decimal, Decimal]:
    """The three shares NĐ 90 reads; missing or outside 0–1 ⇒ PolicyInputError."""
    on_time = required_share(facts.tasks_on_time_share, SHARE_FIELDS[0])
    exceeded = required_share(facts.tasks_exceeded_share, SHARE_FIELDS[1])
    failed = required_share(facts.criteria_failed_share, SHARE_FIELDS[2])
    if facts.unit is not None and facts.is_leader:
        for attribute, field in UNIT_FIELDS:
            check_share(getattr(facts.unit, attribute), field)
    return on_time, exceeded, failed


@rule("R6", "Kỷ luật trong năm (NĐ 90/48)", basis.REGIME_ND90, ND90_FROM)
def nd90_overrides(facts: CaseFacts, failed: Decimal) -> tuple[Reason, ...]:
    """R6 and the explicit KHTNV grounds of NĐ 90: any Party or administrative discipline
    taking effect in the year (count-once, R7); more than 50 % of criteria failed; a concluded
    degradation; for leaders, the unit or field they lead handled for corruption or waste.
    Returns the grounds found (empty: no override).

    Basis: NĐ 90/2020/NĐ-CP Arts. 7, 11, 15 as amended by NĐ 48/2023/NĐ-CP.
    """
    grounds: list[Reason] = []
    if not (
        facts.concluded_degradation
        or failed > HALF
        or facts.discipline
        or (facts.is_leader and facts.managed_unit_corruption_handled)
    ):
        return ()
    khtnv = basis.nd90_khtnv(facts.category)
    if facts.concluded_degradation:
        grounds.append(
            Reason(
                "R6_DEGRADATION",
                "Có biểu hiện suy thoái về tư tưởng chính trị, đạo đức, lối sống, “tự diễn "
                "biến”, “tự chuyển hóa” theo kết luận của cấp có thẩm quyền: không hoàn thành "
                "nhiệm vụ.",
                khtnv,
            )
        )
    if failed > HALF:
        grounds.append(
            Reason(
                "R4_FAILED_OVER_HALF",
                f"{vi_percent(failed)} tiêu chí chưa hoàn thành (trên 50 %): không hoàn thành "
                "nhiệm vụ.",
                khtnv,
            )
        )
    for item in facts.discipline:
        if discipline_counts(item, facts.year, True):
            grounds.append(
                Reason(
                    "R6_DISCIPLINE",
                    f"Bị {discipline_label(item)}, có hiệu lực trong năm đánh giá: không hoàn "
                    "thành nhiệm vụ.",
                    khtnv,
                )
            )
            break
    if facts.is_leader and facts.managed_unit_corruption_handled:
        grounds.append(
            Reason(
                "R6_MANAGED_UNIT_CORRUPTION",
                "Cơ quan, đơn vị hoặc lĩnh vực được giao phụ trách xảy ra vụ việc tham nhũng, "
                "lãng phí và bị xử lý: không hoàn thành nhiệm vụ.",
                khtnv,
            )
        )
    return tuple(grounds)


def _at_least(value: Decimal | None, threshold: Decimal) -> bool:
    """An absent unit figure is not tested (A10: the unit inputs are optional)."""
    return value is None or value >= threshold


def _above(value: Decimal | None, threshold: Decimal) -> bool:
    return value is None or value > threshold


@rule("R4", "Mức xếp loại theo tỷ lệ (NĐ 90, không giữ chức vụ)", basis.REGIME_ND90, ND90_FROM)
def nd90_staff_level(
    facts: CaseFacts, on_time: Decimal, exceeded: Decimal, failed: Decimal, a: Assumptions
) -> tuple[Level, Reason]:
    """R4. HTXSNV = 100 % on time and ≥ 50 % exceeded; HTTNV = 100 % on time; HTNV = at most
    20 % of criteria failed; otherwise KHTNV (> 50 % explicitly, 20–50 % by A3). The common
    criteria of Art. 3 are taken as met.

    Basis: NĐ 90/2020/NĐ-CP Arts. 4–7 (cán bộ), 8–11 (công chức), 12–15 (viên chức).
    """
    cat = facts.category
    if on_time == ONE and exceeded >= HALF:
        return Level.HTXSNV, Reason(
            "R4_HTXSNV",
            f"Hoàn thành 100 % nhiệm vụ đúng tiến độ, bảo đảm chất lượng, trong đó "
            f"{vi_percent(exceeded)} vượt mức (từ 50 % trở lên): hoàn thành xuất sắc nhiệm vụ.",
            basis.nd90_level(cat, 0, facts.is_leader),
        )
    if on_time == ONE:
        return Level.HTTNV, Reason(
            "R4_HTTNV",
            f"Hoàn thành 100 % nhiệm vụ đúng tiến độ, bảo đảm chất lượng ({vi_percent(exceeded)} "
            "vượt mức, dưới 50 %): hoàn thành tốt nhiệm vụ.",
            basis.nd90_level(cat, 1, facts.is_leader),
        )
    if failed <= FIFTH or (failed <= HALF and not a.a3_gap_band_is_khtnv):
        return Level.HTNV, Reason(
            "R4_HTNV",
            f"Hoàn thành nhiệm vụ được giao, {vi_percent(failed)} tiêu chí chậm tiến độ hoặc "
            "chất lượng, hiệu quả chưa cao (không quá 20 %): hoàn thành nhiệm vụ."
            if failed <= FIFTH
            else f"{vi_percent(failed)} tiêu chí chưa đạt (trên 20 %, không quá 50 %): xếp "
            "hoàn thành nhiệm vụ vì không thuộc trường hợp không hoàn thành (A3 không áp dụng).",
            basis.nd90_level(cat, 2, facts.is_leader),
        )
    return Level.KHTNV, Reason(
        "R4_GAP_KHTNV",
        f"{vi_percent(failed)} tiêu chí chưa đạt (trên 20 %, không quá 50 %): không đủ tiêu chuẩn "
        "hoàn thành nhiệm vụ, xếp không hoàn thành nhiệm vụ (A3).",
        basis.nd90_khtnv(cat),
    )


@rule("R5", "Mức xếp loại người lãnh đạo, quản lý (NĐ 90)", basis.REGIME_ND90, ND90_FROM)
def nd90_leader_level(
    facts: CaseFacts, on_time: Decimal, failed: Decimal, a: Assumptions
) -> tuple[Level, Reason]:
    """R5. Leaders (A10: `unit_*` describe the unit or field led, `tasks_*` their own tasks;
    an absent unit figure is not tested):
    HTXSNV = own tasks all on time + unit all done, ≥ 50 % exceeded + 100 % sub-units ≥ HTNV
    and ≥ 70 % ≥ HTTNV (+ the HTTNV unit test ≥ 80 % on time, A10);
    HTTNV = own tasks all on time + unit all done, ≥ 80 % on time + the same sub-unit test;
    HTNV = own ≤ 20 % failed + unit > 70 % done + ≥ 70 % sub-units ≥ HTNV; else KHTNV.

    Basis: NĐ 90/2020/NĐ-CP Arts. 4–6, 9–10, 12–14 (clauses on those who lead or manage).
    """
    cat = facts.category
    unit = facts.unit or LeaderUnit()
    own_all_on_time = on_time == ONE
    all_done = _at_least(unit.completed_share, ONE)
    unit_on_time = _at_least(unit.on_time_share, EIGHTY_PCT)
    subs_good = _at_least(unit.subordinates_htnv_plus_share, ONE) and _at_least(
        unit.subordinates_httnv_plus_share, SEVENTY_PCT
    )
    unit_exceeded = _at_least(unit.exceeded_share, HALF)
    if (
        own_all_on_time
        and all_done
        and unit_exceeded
        and subs_good
        and (unit_on_time or not a.a10_leader_htxsnv_needs_httnv_unit_tests)
    ):
        return Level.HTXSNV, Reason(
            "R5_HTXSNV",
            "Bản thân hoàn thành 100 % nhiệm vụ đúng tiến độ; đơn vị, lĩnh vực phụ trách hoàn "
            "thành 100 % chỉ tiêu, nhiệm vụ, từ 50 % trở lên vượt mức; 100 % đơn vị trực thuộc "
            "hoàn thành nhiệm vụ trở lên, từ 70 % trở lên hoàn thành tốt trở lên: hoàn thành "
            "xuất sắc nhiệm vụ.",
            basis.nd90_level(cat, 0, True),
        )
    if own_all_on_time and all_done and unit_on_time and subs_good:
        return Level.HTTNV, Reason(
            "R5_HTTNV",
            "Bản thân hoàn thành 100 % nhiệm vụ đúng tiến độ; đơn vị, lĩnh vực phụ trách hoàn "
            "thành 100 % chỉ tiêu, nhiệm vụ, từ 80 % trở lên đúng tiến độ; 100 % đơn vị trực "
            "thuộc hoàn thành nhiệm vụ trở lên, từ 70 % trở lên hoàn thành tốt trở lên: hoàn "
            "thành tốt nhiệm vụ.",
            basis.nd90_level(cat, 1, True),
        )
    own_ok = failed <= FIFTH or (failed <= HALF and not a.a3_gap_band_is_khtnv)
    if (
        own_ok
        and _above(unit.completed_share, SEVENTY_PCT)
        and _at_least(unit.subordinates_htnv_plus_share, SEVENTY_PCT)
    ):
        return Level.HTNV, Reason(
            "R5_HTNV",
            f"Bản thân {vi_percent(failed)} tiêu chí chưa đạt (không quá 20 %); đơn vị, lĩnh vực "
            "phụ trách hoàn thành trên 70 % chỉ tiêu, nhiệm vụ; từ 70 % đơn vị trực thuộc hoàn "
            "thành nhiệm vụ trở lên: hoàn thành nhiệm vụ.",
            basis.nd90_level(cat, 2, True),
        )
    return Level.KHTNV, Reason(
        "R5_KHTNV",
        "Không đủ tiêu chuẩn hoàn thành nhiệm vụ của người lãnh đạo, quản lý (bản thân không "
        "quá 20 % tiêu chí chưa đạt; đơn vị hoàn thành trên 70 %; từ 70 % đơn vị trực thuộc "
        "hoàn thành nhiệm vụ trở lên): không hoàn thành nhiệm vụ (A3, A10).",
        basis.nd90_khtnv(cat),
    )
