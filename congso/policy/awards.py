"""Titles above the unit: Chiến sĩ thi đua cấp tỉnh (three consecutive CSTĐCS), the council's
secret-ballot threshold and the bonus coefficient arithmetic. Pure Python, like every rule set
of this package.

Basis: Luật Thi đua, khen thưởng 06/2022/QH15 Arts. 21, 22; NĐ 152/2025/NĐ-CP (bonus
coefficients, freeze); NĐ 91/2017/NĐ-CP (secret ballot ≥ 90 % for CSTĐ tỉnh, kept as the
province's configurable default).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from congso.policy import basis
from congso.policy.facts import Reason

CSTD_TINH: Final = f"{basis.LAW_TDKT}, Điều 22"
CSTD_TOAN_QUOC: Final = f"{basis.LAW_TDKT}, Điều 21"
COUNCIL_VOTE: Final = f"{basis.ND91} (bỏ phiếu kín); quy chế Hội đồng Thi đua – Khen thưởng tỉnh"
BONUS: Final = f"{basis.ND152} (mức tiền thưởng theo hệ số mức lương cơ sở)"
CONSECUTIVE_CSTDCS: Final = 3


def cstd_tinh(
    *, year: int, cstdcs_years: Iterable[int], province_initiative: bool
) -> tuple[bool, tuple[Reason, ...]]:
    """CSTĐ tỉnh: chosen among those with three consecutive CSTĐCS (the year and the two
    before it) and a sáng kiến recognised with province-wide scope.

    `cstdcs_years`: the years the person holds (or, for `year`, is eligible for) CSTĐCS.
    Basis: Luật Thi đua, khen thưởng 06/2022/QH15 Art. 22.
    """
    held = set(cstdcs_years)
    needed = [year - 2, year - 1, year]
    missing = [y for y in needed if y not in held]
    refusals: list[Reason] = []
    if missing:
        years = ", ".join(str(y) for y in missing)
        refusals.append(
            Reason(
                "CSTD_TINH_NOT_CONSECUTIVE",
                f"Chưa đủ ba lần liên tục đạt Chiến sĩ thi đua cơ sở ({year - 2}–{year}); "
                f"thiếu năm {years}.",
                CSTD_TINH,
            )
        )
    if not province_initiative:
        refusals.append(
            Reason(
                "CSTD_TINH_NO_INITIATIVE",
                "Chưa có sáng kiến được Hội đồng cấp tỉnh công nhận phạm vi ảnh hưởng trong tỉnh.",
                CSTD_TINH,
            )
        )
    if refusals:
        return False, tuple(refusals)
    return True, (
        Reason(
            "CSTD_TINH_ELIGIBLE",
            f"Ba lần liên tục đạt Chiến sĩ thi đua cơ sở ({year - 2}–{year}) và có sáng kiến "
            "phạm vi cấp tỉnh: đủ tiêu chuẩn xét Chiến sĩ thi đua cấp tỉnh.",
            CSTD_TINH,
        ),
    )


def vote_passes(*, agree: int, members: int, threshold_pct: Decimal) -> bool:
    """A candidate passes when the agreeing votes reach `threshold_pct` of the council's
    members (not of the ballots cast): 9 of 10 reach 90 %, 8 of 9 do not (88.9 %)."""
    if members <= 0:
        return False
    return Decimal(agree) * 100 >= threshold_pct * members


def quorum_met(*, present: int, members: int) -> bool:
    """A meeting decides only when at least two thirds of its members are present."""
    return members > 0 and present * 3 >= members * 2


def bonus_amount(*, coefficient: Decimal, base_salary: int) -> int:
    """Bonus = coefficient × base salary, rounded to the nearest 1,000 đồng (NĐ 152/2025)."""
    raw = coefficient * Decimal(base_salary) / 1000
    return int(raw.quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 1000
