"""Discipline regimes: which forms of discipline may be decided, for whom, from which day.

Pure Python (no Django): `cases` asks it when a measure is recorded and when the measure form
is drawn; the evaluation work reads the same regimes. Each regime names its legal basis and the
days it is in force (`valid_to` is exclusive):

- NĐ 112/2020/NĐ-CP, in force from 20/11/2020: cán bộ (Điều 7), công chức (Điều 8), viên chức
  (Điều 15).
- NĐ 172/2025/NĐ-CP, in force from 01/7/2025, replaces NĐ 112/2020 for cán bộ and công chức;
  for công chức it drops hạ bậc lương and giáng chức. Viên chức stay under NĐ 112/2020.
- Cách chức and giáng chức apply only to a person holding a leading or managing post.
- Processing limit: 90 days from the start of handling, 150 when extended for a complex case.

Each check returns its result and its reasons, each reason citing the text it applies
(code, `text_vi`, `basis`), like every rule set of this package (../shared/policy.md §1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from congso.policy.basis import ND112, ND172

ND112_START = date(2020, 11, 20)
ND172_START = date(2025, 7, 1)

# Form code -> Vietnamese name (the text of the decrees).
FORM_NAMES: dict[str, str] = {
    "khien_trach": "Khiển trách",
    "canh_cao": "Cảnh cáo",
    "ha_bac_luong": "Hạ bậc lương",
    "giang_chuc": "Giáng chức",
    "cach_chuc": "Cách chức",
    "bai_nhiem": "Bãi nhiệm",
    "buoc_thoi_viec": "Buộc thôi việc",
}
# Forms that remove or lower a post: only for people holding a leading or managing post.
LEADER_ONLY_FORMS = frozenset({"cach_chuc", "giang_chuc"})

PROCESSING_LIMIT_DAYS = 90
PROCESSING_LIMIT_EXTENDED_DAYS = 150
PROCESSING_LIMIT_BASIS = f"{ND112}; {ND172} (thời hạn xử lý kỷ luật)"


@dataclass(frozen=True)
class Reason:
    """One step of a decision: a stable code, the Vietnamese text, the article it applies."""

    code: str
    text_vi: str
    basis: str


@dataclass(frozen=True)
class DisciplineRegime:
    """One rule set of discipline forms: the categories it covers and the days it is in force
    (from `valid_from`, up to but not including `valid_to`; None = still in force)."""

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


REGIMES: tuple[DisciplineRegime, ...] = (
    DisciplineRegime(
        "nd112_2020_can_bo",
        f"{ND112}, Điều 7",
        frozenset({"can_bo"}),
        ND112_START,
        ND172_START,
        ("khien_trach", "canh_cao", "cach_chuc", "bai_nhiem"),
    ),
    DisciplineRegime(
        "nd112_2020_cong_chuc",
        f"{ND112}, Điều 8",
        frozenset({"cong_chuc"}),
        ND112_START,
        ND172_START,
        ("khien_trach", "canh_cao", "ha_bac_luong", "giang_chuc", "cach_chuc", "buoc_thoi_viec"),
    ),
    DisciplineRegime(
        "nd172_2025_can_bo",
        f"{ND172} (hiệu lực 01/7/2025)",
        frozenset({"can_bo"}),
        ND172_START,
        None,
        ("khien_trach", "canh_cao", "cach_chuc", "bai_nhiem"),
    ),
    DisciplineRegime(
        "nd172_2025_cong_chuc",
        f"{ND172} (hiệu lực 01/7/2025; bỏ giáng chức, hạ bậc lương)",
        frozenset({"cong_chuc"}),
        ND172_START,
        None,
        ("khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec"),
    ),
    DisciplineRegime(
        "nd112_2020_vien_chuc",
        f"{ND112}, Điều 15",
        frozenset({"vien_chuc"}),
        ND112_START,
        None,
        ("khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec"),
    ),
)


def regime_for(*, category: str, on: date) -> DisciplineRegime | None:
    """The regime in force for a staff category on a day, or None (before NĐ 112/2020, or a
    category no regime covers)."""
    for regime in REGIMES:
        if regime.covers(category=category, on=on):
            return regime
    return None


@dataclass(frozen=True)
class FormCheck:
    """Whether a form of discipline may be decided, under which regime, and why."""

    allowed: bool
    regime: DisciplineRegime | None
    reasons: tuple[Reason, ...]

    @property
    def code(self) -> str:
        """The code of the deciding reason (the last one)."""
        return self.reasons[-1].code


def _day(on: date) -> str:
    return on.strftime("%d/%m/%Y")


def check_form(*, category: str, on: date, form: str, is_leader: bool) -> FormCheck:
    """May `form` be decided on `on` for a person of `category`? Refusal codes:
    `no_regime`, `form_not_in_regime`, `leader_only_form`; `form_allowed` otherwise."""
    regime = regime_for(category=category, on=on)
    if regime is None:
        reason = Reason(
            "no_regime",
            f"Không có quy định về hình thức kỷ luật cho đối tượng này vào ngày {_day(on)}.",
            f"{ND112}; {ND172}",
        )
        return FormCheck(False, None, (reason,))
    in_force = Reason(
        "regime_in_force",
        f"Ngày {_day(on)} áp dụng {regime.basis}.",
        regime.basis,
    )
    if form not in regime.forms:
        names = ", ".join(FORM_NAMES[f] for f in regime.forms)
        reason = Reason(
            "form_not_in_regime",
            f"Theo {regime.basis} chỉ áp dụng các hình thức: {names}.",
            regime.basis,
        )
        return FormCheck(False, regime, (in_force, reason))
    if form in LEADER_ONLY_FORMS and not is_leader:
        reason = Reason(
            "leader_only_form",
            "Hình thức này chỉ áp dụng với người giữ chức vụ lãnh đạo, quản lý.",
            regime.basis,
        )
        return FormCheck(False, regime, (in_force, reason))
    reason = Reason(
        "form_allowed",
        f"{FORM_NAMES[form]} là hình thức kỷ luật theo {regime.basis}.",
        regime.basis,
    )
    return FormCheck(True, regime, (in_force, reason))


def processing_deadline(*, started_on: date, extended: bool) -> date:
    """Last day to decide discipline: 90 days after handling started, 150 when extended."""
    days = PROCESSING_LIMIT_EXTENDED_DAYS if extended else PROCESSING_LIMIT_DAYS
    return started_on + timedelta(days=days)
