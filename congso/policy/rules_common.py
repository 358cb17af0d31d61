"""Rules shared by both regimes: time worked (R8), count-once (R7), the directive's cap (R9).

Each rule is a pure function of the facts and the switches; its docstring names its legal
basis, and `@rule` records its number and effective dates.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Final

from congso.policy import basis
from congso.policy.facts import (
    CONFIRMED,
    CULTURE_VIOLATION_KINDS,
    CaseFacts,
    Discipline,
    Level,
    Reason,
    vi_date,
    vi_number,
)
from congso.policy.registry import rule
from congso.policy.switches import ProvincialLayer

SIX: Final = Decimal(6)
THREE: Final = Decimal(3)

VIOLATION_KINDS_VI: Final = {
    "office_culture": "văn hóa công sở",
    "public_place_culture": "văn hóa nơi công cộng",
}
STATUS_VI: Final = {
    "dismissed": "đã bác bỏ",
    "reversed_on_appeal": "đã hủy khi giải quyết khiếu nại",
}


class TimeOutcome:
    """R8's answer: not rated at all, or rated with an optional ceiling."""

    __slots__ = ("ceiling", "not_rated", "reasons")

    def __init__(self, not_rated: bool, ceiling: Level | None, reasons: tuple[Reason, ...]):
        self.not_rated = not_rated
        self.ceiling = ceiling
        self.reasons = reasons


NO_TIME_RULE: Final = TimeOutcome(False, None, ())


@rule(
    "R8",
    "Thời gian công tác trong năm",
    basis.ND90_TIME,
    effective_from=date(2020, 10, 1),
)
def time_worked(facts: CaseFacts, basis_text: str, maternity_never_caps: bool) -> TimeOutcome:
    """R8. Fewer than 6 months worked ⇒ not rated, except maternity leave (rated on the time
    actually worked); 3 to < 6 months of lawful leave ⇒ at most HTNV (3 months included).

    Basis: NĐ 90/2020/NĐ-CP Art. 2(3); NĐ 335/2025/NĐ-CP Art. 21(3) for công chức from 2026
    (read with assumption A2); A7: maternity leave never triggers the ceiling.
    """
    worked = facts.months_worked
    absent = facts.months_absent
    reasons: list[Reason] = []
    if worked < SIX:
        if not facts.maternity:
            return TimeOutcome(
                True,
                None,
                (
                    Reason(
                        "R8_NOT_RATED",
                        f"Thời gian công tác trong năm {vi_number(worked)} tháng, dưới 06 tháng: "
                        "không đánh giá, xếp loại chất lượng (chỉ kiểm điểm).",
                        basis_text,
                    ),
                ),
            )
        reasons.append(
            Reason(
                "R8_MATERNITY_RATED",
                f"Làm việc {vi_number(worked)} tháng, dưới 06 tháng, do nghỉ chế độ thai sản: "
                "vẫn đánh giá, xếp loại theo thời gian làm việc thực tế.",
                basis_text,
            )
        )
    if THREE <= absent < SIX:
        if facts.maternity and maternity_never_caps:
            reasons.append(
                Reason(
                    "R8_MATERNITY_NO_CEILING",
                    f"Nghỉ {vi_number(absent)} tháng theo chế độ thai sản: không áp dụng mức "
                    "trần “hoàn thành nhiệm vụ” của người nghỉ từ 03 đến dưới 06 tháng (A7).",
                    basis_text,
                )
            )
        else:
            reasons.append(
                Reason(
                    "R8_ABSENCE_CEILING",
                    f"Nghỉ {vi_number(absent)} tháng trong năm (từ 03 đến dưới 06 tháng): "
                    "xếp loại cao nhất là hoàn thành nhiệm vụ.",
                    basis_text,
                )
            )
            return TimeOutcome(False, Level.HTNV, tuple(reasons))
    if not reasons:
        return NO_TIME_RULE
    return TimeOutcome(False, None, tuple(reasons))


@rule(
    "R7",
    "Một vi phạm chỉ tính một lần",
    basis.COUNT_ONCE,
    effective_from=date(2023, 9, 15),
)
def discipline_counts(item: Discipline, year: int, count_once: bool) -> bool:
    """R7. Whether a discipline decision counts for the classification of `year`: it must
    take effect in that year, and (count-once) must not have been the ground of a KHTNV
    rating of another year (`already_counted_year` set and ≠ year ⇒ ignored).

    Basis: NĐ 48/2023/NĐ-CP amending NĐ 90/2020/NĐ-CP; carried into NĐ 335 by assumption A5.
    """
    if item.effective_date.year != year:
        return False
    return not (
        count_once and item.already_counted_year is not None and item.already_counted_year != year
    )


def discipline_notes(facts: CaseFacts, count_once: bool) -> tuple[Reason, ...]:
    """Why the discipline decisions that exist but do not count are left out (R7)."""
    notes = (discipline_note(item, facts.year, count_once) for item in facts.discipline)
    return tuple(note for note in notes if note is not None)


def discipline_note(item: Discipline, year: int, count_once: bool = True) -> Reason | None:
    """Why a discipline decision that exists does not count for this year's classification."""
    if item.effective_date.year != year:
        return Reason(
            "R7_OTHER_YEAR",
            f"Quyết định kỷ luật có hiệu lực ngày {vi_date(item.effective_date)}, không thuộc "
            f"năm {year}: không tính là bị kỷ luật trong năm đánh giá.",
            basis.COUNT_ONCE,
        )
    if count_once and item.already_counted_year is not None and item.already_counted_year != year:
        return Reason(
            "R7_ALREADY_COUNTED",
            f"Hành vi vi phạm đã được dùng làm căn cứ xếp loại không hoàn thành nhiệm vụ năm "
            f"{item.already_counted_year}: không tính lại trong năm {year}.",
            basis.COUNT_ONCE,
        )
    return None


FORMS_VI: Final = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "cach_chuc": "cách chức",
    "bai_nhiem": "bãi nhiệm",
    "buoc_thoi_viec": "buộc thôi việc",
    "giang_chuc": "giáng chức",
    "ha_bac_luong": "hạ bậc lương",
}
SOURCES_VI: Final = {"administrative": "kỷ luật hành chính", "party": "kỷ luật Đảng"}


def discipline_label(item: Discipline) -> str:
    return (
        f"{SOURCES_VI.get(item.source, item.source)} hình thức "
        f"{FORMS_VI.get(item.form, item.form)}, hiệu lực ngày {vi_date(item.effective_date)}"
    )


def disciplined_in_year(facts: CaseFacts) -> Discipline | None:
    """The first discipline decision taking effect in the year (counted or not)."""
    for item in facts.discipline:
        if item.effective_date.year == facts.year:
            return item
    return None


@rule(
    "R9",
    "Trần của Chỉ thị: vi phạm văn hóa công sở, văn hóa nơi công cộng",
    basis.DIRECTIVE,
    effective_from=date(2019, 1, 1),
)
def directive_cap(facts: CaseFacts, province: ProvincialLayer) -> tuple[Reason, ...]:
    """R9. A confirmed office-culture or public-place-culture violation whose conduct date is
    in the year ⇒ at most HTNV. Dismissed or reversed violations, other kinds and earlier years
    have no effect. Returns the reasons; a non-empty answer means the cap applies.

    Basis: Chỉ thị of the Ban Thường vụ Tỉnh ủy Lào Cai (2019), point 3 ("Không đánh giá,
    phân xếp loại … hoàn thành tốt nhiệm vụ trở lên nếu có vi phạm về văn hóa công sở và văn
    hóa nơi công cộng"); QĐ 733/QĐ-TTg. A provincial layer: off when the province says so.
    """
    if not province.directive_culture_cap or not facts.violations:
        return ()
    year = facts.year
    for item in facts.violations:
        if (
            item.status == CONFIRMED
            and item.kind in CULTURE_VIOLATION_KINDS
            and item.on.year == year
        ):
            return (
                Reason(
                    "R9_DIRECTIVE_CAP",
                    f"Có vi phạm {VIOLATION_KINDS_VI[item.kind]} đã được xác nhận (hành vi ngày "
                    f"{vi_date(item.on)}): không xếp loại hoàn thành tốt nhiệm vụ trở lên; cao "
                    "nhất là hoàn thành nhiệm vụ.",
                    basis.DIRECTIVE,
                ),
            )
    return ()


def violation_notes(facts: CaseFacts) -> tuple[Reason, ...]:
    """Why recorded culture violations do not cap this year's rating (for the explanation)."""
    notes: list[Reason] = []
    for item in facts.violations:
        if item.kind not in CULTURE_VIOLATION_KINDS:
            continue
        if item.status != CONFIRMED:
            status = STATUS_VI.get(item.status, "chưa được xác nhận")
            notes.append(
                Reason(
                    "R9_NOT_CONFIRMED",
                    f"Vi phạm {VIOLATION_KINDS_VI[item.kind]} ngày {vi_date(item.on)} "
                    f"{status}: không ảnh hưởng đến xếp loại.",
                    basis.DIRECTIVE,
                )
            )
        elif item.on.year != facts.year:
            notes.append(
                Reason(
                    "R9_OTHER_YEAR",
                    f"Vi phạm {VIOLATION_KINDS_VI[item.kind]} có hành vi ngày {vi_date(item.on)}, "
                    f"không thuộc năm {facts.year}: không ảnh hưởng đến xếp loại năm này.",
                    basis.DIRECTIVE,
                )
            )
    return tuple(notes)
