"""The vocabulary of the rules: levels, the facts of one person's year, reasons, decisions.

Plain frozen dataclasses with slots (cheap to build, hashable, comparable); every number is a
`Decimal` or an `int`, never a float.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Context, Decimal
from enum import IntEnum
from typing import Final, NamedTuple

# Arithmetic on inputs (a points total, months added up) must be exact, never rounded to the
# default 28 digits: inputs have at most MAX_PLACES decimal places and a few integer digits,
# so 60 digits of precision always hold the exact result.
MAX_PLACES: Final = 30
EXACT: Final = Context(prec=60)


class Level(IntEnum):
    """Classification levels, ordered so that a larger value is a better rating."""

    KHTNV = 0  # không hoàn thành nhiệm vụ
    HTNV = 1  # hoàn thành nhiệm vụ
    HTTNV = 2  # hoàn thành tốt nhiệm vụ
    HTXSNV = 3  # hoàn thành xuất sắc nhiệm vụ


NOT_RATED: Final = "not_rated"

LEVEL_NAMES_VI: Final[dict[Level, str]] = {
    Level.HTXSNV: "Hoàn thành xuất sắc nhiệm vụ",
    Level.HTTNV: "Hoàn thành tốt nhiệm vụ",
    Level.HTNV: "Hoàn thành nhiệm vụ",
    Level.KHTNV: "Không hoàn thành nhiệm vụ",
}

CATEGORIES: Final = ("cong_chuc", "can_bo", "vien_chuc")
CATEGORY_NAMES_VI: Final[dict[str, str]] = {
    "cong_chuc": "công chức",
    "can_bo": "cán bộ",
    "vien_chuc": "viên chức",
}

# Discipline forms of NĐ 172/2025 (cán bộ, công chức) and of the viên chức regime; the last two
# were abolished for công chức in 2025 but appear in earlier years' decisions. Every form is at
# least khiển trách, the lightest one.
DISCIPLINE_FORMS: Final = frozenset(
    {"khien_trach", "canh_cao", "cach_chuc", "bai_nhiem", "buoc_thoi_viec"}
    | {"giang_chuc", "ha_bac_luong"}
)
DISCIPLINE_SOURCES: Final = frozenset({"administrative", "party"})
CULTURE_VIOLATION_KINDS: Final = frozenset({"office_culture", "public_place_culture"})
CONFIRMED: Final = "confirmed"


@dataclass(frozen=True, slots=True)
class Discipline:
    """One discipline decision (Party or administrative) concerning the person."""

    form: str
    effective_date: date
    already_counted_year: int | None = None
    source: str = "administrative"
    duty_related: bool = True


@dataclass(frozen=True, slots=True)
class Violation:
    """One reported violation; `on` is the date of the conduct, not of the confirmation."""

    kind: str
    on: date
    status: str


@dataclass(frozen=True, slots=True)
class LeaderUnit:
    """NĐ 90 leaders: the unit or field they lead (A10). Absent figures are not tested."""

    completed_share: Decimal | None = None
    on_time_share: Decimal | None = None
    exceeded_share: Decimal | None = None
    subordinates_htnv_plus_share: Decimal | None = None
    subordinates_httnv_plus_share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CaseFacts:
    """Everything the rules read about one person and one year (validated already).

    Points (NĐ 335) and shares (NĐ 90) are both optional here: the rule set chosen for the
    category and year says which it reads, and the reader checks that those are present.
    """

    year: int
    category: str
    is_leader: bool
    months_worked: Decimal
    months_absent: Decimal
    maternity: bool = False
    common_points: Decimal | None = None
    task_points: Decimal | None = None
    tasks_on_time_share: Decimal | None = None
    tasks_exceeded_share: Decimal | None = None
    criteria_failed_share: Decimal | None = None
    unit: LeaderUnit | None = None
    discipline: tuple[Discipline, ...] = ()
    violations: tuple[Violation, ...] = ()
    administrative_fine: bool = False
    recognised_initiative: bool = False
    open_case_or_inspection: bool = False
    concluded_degradation: bool = False
    managed_unit_corruption_handled: bool = False
    new_recruit: bool = False


class Reason(NamedTuple):
    """Why a decision is what it is: a stable code, Vietnamese text (NFC) and the article.

    A named tuple rather than a frozen dataclass: as immutable, and several times cheaper to
    build, which matters at 50,000 decisions a second.
    """

    code: str
    text_vi: str
    basis: str

    def as_json(self) -> dict[str, str]:
        return {"code": self.code, "text_vi": self.text_vi, "basis": self.basis}


class Decision(NamedTuple):
    """The outcome for one person and one year. `level` is None when the person is not rated."""

    level: Level | None
    ldtt_eligible: bool
    cstdcs_eligible: bool
    award_frozen: bool
    rule_set: str
    reasons: tuple[Reason, ...]

    @property
    def classification(self) -> str:
        return NOT_RATED if self.level is None else self.level.name


def _plain(value: Decimal) -> str:
    """Positional notation, except for absurd exponents (an input error message must stay
    short: 1E+999999999 is not written out in full)."""
    if value.is_finite() and -30 <= value.adjusted() <= 30:
        return format(value, "f")
    return str(value)


def vi_number(value: Decimal | int) -> str:
    """A number as Vietnamese writes it: decimal comma, exactly as given (no rounding)."""
    if isinstance(value, int):
        return str(value)
    text = str(value)  # positional for every ordinary input; exponent form is rewritten
    if "E" in text:
        text = _plain(value)
    return text.replace(".", ",")


_PERCENTS: dict[Decimal, str] = {}


def vi_percent(share: Decimal) -> str:
    """A 0–1 share as a Vietnamese percentage, exact: 0.555 → "55,5 %" (memoised: a
    population has few distinct shares)."""
    text = _PERCENTS.get(share)
    if text is None:
        text = _plain(EXACT.multiply(share, 100).normalize()).replace(".", ",") + " %"
        if len(_PERCENTS) < 10_000:
            _PERCENTS[share] = text
    return text


def vi_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
