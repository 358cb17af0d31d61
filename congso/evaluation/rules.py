"""Pure rules of periodic evaluation and of gathering a year's inputs (no ORM, no request).

Legal basis: NĐ 335/2025/NĐ-CP (công chức from 2026: 30 points of common criteria, Art. 8;
70 points of task results from standard products, Arts. 9–11; annual = the periods'
results), NĐ 90/2020/NĐ-CP as amended by NĐ 48/2023/NĐ-CP (cán bộ, viên chức and earlier
years: shares of tasks on time, exceeded, failed; time worked, Art. 2(3)).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from congso.common.text import nfc

ZERO: Final = Decimal(0)
HUNDRED: Final = Decimal(100)
COMMON_MAX: Final = Decimal(30)
TASK_MAX: Final = Decimal(70)
PENALTY: Final = Decimal("0.25")
CENT: Final = Decimal("0.01")

# The six lines of the common criteria (NĐ 335/2025 Art. 8), in the order the sheet shows.
CRITERIA: Final = (
    ("politics", _("Chính trị, tư tưởng")),
    ("ethics", _("Đạo đức, lối sống")),
    ("culture", _("Văn hóa thực thi công vụ")),
    ("discipline", _("Ý thức tổ chức kỷ luật")),
    ("attitude", _("Tác phong, thái độ phục vụ nhân dân")),
    ("innovation", _("Tinh thần đổi mới, sáng tạo, dám nghĩ, dám làm")),
)
CRITERIA_KEYS: Final = tuple(key for key, _label in CRITERIA)
DEFAULT_WEIGHTS: Final = {key: Decimal(5) for key in CRITERIA_KEYS}


class EvaluationError(ValueError):
    """Bad input; `message` is Vietnamese, `field` names the field."""

    def __init__(self, message, field: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


def weights_of(raw: Mapping[str, object] | None) -> dict[str, Decimal]:
    """The agency's weights, or the default five points each; they must add up to 30."""
    if not raw:
        return dict(DEFAULT_WEIGHTS)
    weights = {key: Decimal(str(raw.get(key, 0))) for key in CRITERIA_KEYS}
    if sum(weights.values()) != COMMON_MAX or any(w < 0 for w in weights.values()):
        raise EvaluationError(_("Điểm tối đa của sáu tiêu chí chung phải cộng lại đúng 30."))
    return weights


def to_decimal(value: object, field: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except ArithmeticError as exc:
        raise EvaluationError(_("“%(field)s” phải là một số.") % {"field": field}, field) from exc
    if not number.is_finite():
        raise EvaluationError(_("“%(field)s” phải là một số.") % {"field": field}, field)
    return number


def check_common(values: Mapping[str, object], weights: Mapping[str, Decimal]) -> dict[str, str]:
    """Each criterion from 0 to its weight, together 0–30 (NĐ 335/2025 Art. 8)."""
    clean: dict[str, str] = {}
    for key, label in CRITERIA:
        number = to_decimal(values.get(key, ""), str(label))
        if not ZERO <= number <= weights[key]:
            raise EvaluationError(
                _("Điểm “%(label)s” phải từ 0 đến %(max)s (nhận được %(value)s).")
                % {"label": label, "max": weights[key], "value": number},
                key,
            )
        clean[key] = str(number)
    return clean


def common_total(values: Mapping[str, object]) -> Decimal:
    return sum((Decimal(str(values[key])) for key in CRITERIA_KEYS), ZERO)


def check_points(value: object, *, maximum: Decimal, field: str, label) -> Decimal:
    """Points between 0 and the decree's maximum (30 common, 70 task)."""
    number = to_decimal(value, str(label))
    if not ZERO <= number <= maximum:
        raise EvaluationError(
            _("%(label)s phải từ 0 đến %(max)s điểm (nhận được %(value)s).")
            % {"label": label, "max": maximum, "value": number},
            field,
        )
    return number


def check_share(value: object, *, field: str, label) -> Decimal:
    """A share of tasks from 0 to 1 (NĐ 90/2020, as amended by NĐ 48/2023)."""
    number = to_decimal(value, str(label))
    if not ZERO <= number <= 1:
        raise EvaluationError(
            _("%(label)s phải từ 0 đến 1 (nhận được %(value)s).")
            % {"label": label, "value": number},
            field,
        )
    return number


@dataclass(frozen=True)
class Line:
    """One product line of a sheet: quantities in the product's measure, `units` standard
    products per item (1 without a catalogue product), percentages 0–100."""

    assigned: Decimal
    completed: Decimal
    quality_pct: Decimal
    timeliness_pct: Decimal
    major_errors: int = 0
    delays: int = 0
    objective_cause: bool = False
    units: Decimal = Decimal(1)


def line_score(line: Line) -> Decimal:
    """The line's result as a percentage 0–100: the mean of quantity, quality and timeliness.

    Quantity = completed / assigned standard units (at most 100 %). Each major error takes 25 %
    of the quality points and each delay 25 % of the timeliness points (floor 0), unless the
    cause is objective (NĐ 335/2025 Arts. 10–11 as paraphrased in domain.md §5).
    """
    quantity = min(line.completed / line.assigned, Decimal(1)) * HUNDRED if line.assigned else ZERO
    quality, timeliness = line.quality_pct, line.timeliness_pct
    if not line.objective_cause:
        quality = quality * max(ZERO, 1 - PENALTY * line.major_errors)
        timeliness = timeliness * max(ZERO, 1 - PENALTY * line.delays)
    return (quantity + quality + timeliness) / 3


def task_points(lines: Sequence[Line]) -> Decimal:
    """70 × the lines' scores weighted by the assigned standard products (quantity × the
    product's standard units), to the hundredth."""
    weight = sum((line.assigned * line.units for line in lines), ZERO)
    if not lines or weight <= 0:
        return ZERO
    score = sum((line.assigned * line.units * line_score(line) for line in lines), ZERO) / weight
    return (TASK_MAX * score / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def check_line(raw: Mapping[str, object]) -> Line:
    assigned = to_decimal(raw.get("assigned", ""), str(_("Khối lượng giao")))
    completed = to_decimal(raw.get("completed", ""), str(_("Khối lượng hoàn thành")))
    if assigned < 0 or completed < 0:
        raise EvaluationError(_("Khối lượng không được âm."), "assigned")
    quality = to_decimal(raw.get("quality_pct", ""), str(_("Chất lượng (%)")))
    timeliness = to_decimal(raw.get("timeliness_pct", ""), str(_("Tiến độ (%)")))
    for value, field in ((quality, "quality_pct"), (timeliness, "timeliness_pct")):
        if not ZERO <= value <= HUNDRED:
            raise EvaluationError(_("Tỷ lệ phần trăm phải từ 0 đến 100."), field)
    return Line(
        assigned,
        completed,
        quality,
        timeliness,
        _count(raw.get("major_errors"), "major_errors"),
        _count(raw.get("delays"), "delays"),
        bool(raw.get("objective_cause")),
    )


def _count(value: object, field: str) -> int:
    """A whole number of errors or delays, 0 when left empty; anything else is refused."""
    if value in (None, ""):
        return 0
    try:
        number = int(str(value).strip())
    except ValueError:
        raise EvaluationError(
            _("Số lỗi và số lần chậm phải là số nguyên không âm."), field
        ) from None
    if number < 0:
        raise EvaluationError(_("Số lỗi và số lần chậm phải là số nguyên không âm."), field)
    return number


# ---------------------------------------------------------------------------------------------
# Periods
# ---------------------------------------------------------------------------------------------


def period_bounds(year: int, kind: str, number: int) -> tuple[date, date]:
    """[start, end) of month `number` (1–12) or quarter `number` (1–4) of `year`."""
    months = 1 if kind == "month" else 3
    if not 1 <= number <= 12 // months:
        raise EvaluationError(_("Kỳ đánh giá không hợp lệ."), "number")
    first = (number - 1) * months + 1
    start = date(year, first, 1)
    last = first + months
    end = date(year + 1, 1, 1) if last > 12 else date(year, last, 1)
    return start, end


def period_label(kind: str, number: int, year: int) -> str:
    if kind == "month":
        return f"{number:02d}/{year}"
    return str(_("Quý %(n)s/%(year)s") % {"n": number, "year": year})


def sheet_due(end: date) -> date:
    """The head's assessment is due five days into the next period (agency practice)."""
    return end + timedelta(days=4)


def uses_points(category: str, year: int) -> bool:
    """Công chức from 2026 are evaluated by points (NĐ 335/2025); cán bộ and viên chức (A1)
    and every earlier year by the NĐ 90/48 shares."""
    return category == "cong_chuc" and year >= 2026


# ---------------------------------------------------------------------------------------------
# The year's inputs
# ---------------------------------------------------------------------------------------------


def overlap_days(spans: Iterable[tuple[date, date | None]], start: date, end: date) -> int:
    """Days of [start, end) covered by the spans ([from, to) with to None = open), counted
    once even when spans overlap."""
    covered: set[int] = set()
    for low, high in spans:
        lo = max(low, start)
        hi = min(high or end, end)
        if lo < hi:
            covered.update(range(lo.toordinal(), hi.toordinal()))
    return len(covered)


def days_to_months(days: int, year: int) -> Decimal:
    """Days of the year as months, to the tenth (a month = the year's days / 12)."""
    year_days = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    return (Decimal(days) * 12 / year_days).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TimeFacts:
    months_worked: Decimal
    months_absent: Decimal
    maternity: bool


def time_facts(
    *,
    year: int,
    assignments: Iterable[tuple[date, date | None]],
    leave: Iterable[tuple[str, date, date]],
) -> TimeFacts:
    """Months in post (assignments) less months of leave = months worked; months of leave =
    months absent; maternity when any leave in the year is chế độ thai sản. Leave `to` dates
    are inclusive."""
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    leave = list(leave)
    in_post = overlap_days(assignments, start, end)
    absent = overlap_days([(a, b + timedelta(days=1)) for _k, a, b in leave], start, end)
    maternity = any(kind == "maternity" and a < end and b >= start for kind, a, b in leave)
    return TimeFacts(
        months_worked=days_to_months(max(in_post - absent, 0), year),
        months_absent=days_to_months(absent, year),
        maternity=maternity,
    )


SHARE_PLACES: Final = Decimal("0.0001")


def mean_of(total: Decimal | None, count: int, places: Decimal = CENT) -> Decimal | None:
    """The annual figure: the mean of the finalised periods' figures (NĐ 335/2025: the year's
    result from the periods' results), rounded half up to the field's places."""
    if total is None or not count:
        return None
    return (Decimal(total) / count).quantize(places, rounding=ROUND_HALF_UP)


def mean(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, ZERO) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def mean_share(values: Sequence[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, ZERO) / len(values)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------------------------------------
# The quota choice
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotaProposal:
    """Who keeps HTXSNV in one group: the best `allowed` by points; `ties` are the candidates
    whose points equal the last kept one's when not all of them fit (the head chooses)."""

    group: str
    allowed: int
    kept: tuple[int, ...]
    ties: tuple[int, ...]


def propose_kept(group: str, allowed: int, candidates: Sequence[tuple[int, Decimal]]):
    """R10: the engine proposes the candidates with most points; equal points at the boundary
    are listed for the head, who records the choice."""
    ranked = sorted(candidates, key=lambda item: (-item[1], item[0]))
    kept = tuple(pk for pk, _p in ranked[:allowed])
    ties: tuple[int, ...] = ()
    if 0 < allowed < len(ranked) and ranked[allowed - 1][1] == ranked[allowed][1]:
        boundary = ranked[allowed - 1][1]
        ties = tuple(pk for pk, points in ranked if points == boundary)
    return QuotaProposal(group, allowed, kept, ties)


# ---------------------------------------------------------------------------------------------
# The product catalogue
# ---------------------------------------------------------------------------------------------

PRODUCT_FIELDS: Final = (
    ("position", _("Vị trí việc làm"), 120),
    ("code", _("Mã sản phẩm"), 32),
    ("name", _("Tên sản phẩm"), 255),
    ("measure", pgettext_lazy("product", "Đơn vị tính"), 40),
)
MAX_STANDARD_UNITS: Final = Decimal(100000)


def check_product(raw: Mapping[str, object]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """One catalogue item as typed or imported: the four texts required and within their
    lengths, the standard units a number above 0 and at most 100,000 (two decimals). Returns
    the clean values and every error as (field, Vietnamese message without the field name),
    so the page and the Excel import name the field or the column themselves."""
    clean: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for key, _label, length in PRODUCT_FIELDS:
        value = nfc(" ".join(str(raw.get(key) if raw.get(key) is not None else "").split()))
        if not value:
            errors.append((key, str(_("không được để trống."))))
        elif len(value) > length:
            errors.append((key, str(_("dài quá %(n)s ký tự.") % {"n": length})))
        clean[key] = value
    try:
        units = Decimal(str(raw.get("standard_units") or "").strip().replace(",", "."))
        if not units.is_finite() or not ZERO < units <= MAX_STANDARD_UNITS:
            raise ArithmeticError
        if units != units.quantize(CENT):
            raise ArithmeticError
    except ArithmeticError:
        errors.append(
            ("standard_units", str(_("phải là số lớn hơn 0, tối đa 100000, hai chữ số thập phân.")))
        )
    else:
        clean["standard_units"] = units
    return clean, errors


def product_label(key: str) -> str:
    """The Vietnamese name of a catalogue field (for a message that names it)."""
    names = {k: str(label) for k, label, _n in PRODUCT_FIELDS}
    return names.get(key, str(_("Số sản phẩm chuẩn")))
