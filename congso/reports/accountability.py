"""The heads' accountability view (Chỉ thị, point 3: the head answers for the unit): the units
directly below the one shown, each with its head's name, ranked on one of five measures —
satisfaction, confirmed violations per 100 staff, days to conclusion, share rated "hoàn thành
tốt nhiệm vụ" or better, dissemination completion — each against the year before, and the
trend: how many measures got better and how many worse."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congso.reports.data import Table
from congso.reports.formatting import number, pct_text, percent
from congso.reports.panels import GOOD_LEVELS, change

# ?xep= value → (attribute, higher is better, column label)
SORTS = {
    "hai-long": ("sipas", True, gettext_lazy("Hài lòng")),
    "vi-pham": ("per100", False, gettext_lazy("Vi phạm / 100 cán bộ")),
    "thoi-gian": ("days", False, gettext_lazy("Số ngày xử lý")),
    "xep-loai": ("good", True, gettext_lazy("Hoàn thành tốt trở lên")),
    "quan-triet": ("completion", True, gettext_lazy("Hoàn thành quán triệt")),
}
DEFAULT_SORT = "hai-long"


def sort_key(value: str | None) -> str:
    """The ranking asked for, or the default one for anything else (never an error page)."""
    return value if value in SORTS else DEFAULT_SORT


@dataclass
class Measure:
    now: float | None
    before: float | None

    @property
    def change(self) -> str:
        return change(self.now, self.before)


@dataclass
class HeadRow:
    pk: int
    name: str
    head: str
    staff: int
    confirmed: int
    sipas: Measure
    per100: Measure
    days: Measure
    good: Measure
    completion: Measure
    rank: int = 0

    def trend(self) -> tuple[int, int]:
        """(better, worse): measures that moved the right way, the wrong way."""
        better = worse = 0
        for attr, higher, _label in SORTS.values():
            m: Measure = getattr(self, attr)
            if m.now is None or m.before is None or m.now == m.before:
                continue
            if (m.now > m.before) == higher:
                better += 1
            else:
                worse += 1
        return better, worse

    def compared(self) -> int:
        """How many measures have a figure both this year and the year before."""
        return sum(
            1
            for attr, _up, _label in SORTS.values()
            if getattr(self, attr).now is not None and getattr(self, attr).before is not None
        )

    @property
    def trend_text(self) -> str:
        if not self.compared():
            return _("chưa có số liệu năm trước để so sánh")
        better, worse = self.trend()
        return _("%(b)s tốt lên, %(w)s kém đi") % {"b": better, "w": worse}


def _child_id(path: str, depth: int) -> int | None:
    parts = path.strip("/").split("/")
    return int(parts[depth]) if len(parts) > depth else None


def _roll(by_path: dict, depth: int, make, add) -> dict:
    out: dict = {}
    for path, value in by_path.items():
        pk = _child_id(path, depth)
        if pk is None:
            continue
        add(out.setdefault(pk, make()), value)
    return out


def _good_share(counter) -> float | None:
    if not counter:
        return None
    return percent(sum(counter.get(c, 0) for c in GOOD_LEVELS), sum(counter.values()))


def head_rows(
    *,
    unit,
    children,
    heads: dict,
    staff: dict[int, int],
    satisfaction: dict,
    violations: tuple[dict, dict],
    classification: tuple[dict, dict],
    completion: tuple[dict, dict],
    sort: str,
) -> list[HeadRow]:
    """One row per child unit, ranked by `sort` (units without a figure come last)."""
    from collections import Counter

    from congso.cases.selectors.rollups import UnitViolations
    from congso.dissemination.selectors.rollups import UnitCompletion

    depth = len(unit.path.strip("/").split("/"))

    def add_v(acc, v):
        acc.add(v)

    def add_c(acc, v):
        acc.recipients += v.recipients
        acc.acknowledged += v.acknowledged

    v_now, v_before = (_roll(v, depth, UnitViolations, add_v) for v in violations)
    c_now, c_before = (_roll(c, depth, Counter, Counter.update) for c in classification)
    d_now, d_before = (_roll(d, depth, UnitCompletion, add_c) for d in completion)
    rows = []
    for child in children:
        head = heads.get(child.pk)
        n_staff = staff.get(child.pk, 0)
        now, before = (
            v_now.get(child.pk, UnitViolations()),
            v_before.get(child.pk, UnitViolations()),
        )
        sipas_now, sipas_before = satisfaction.get(child.pk, (None, None))
        d1, d0 = d_now.get(child.pk), d_before.get(child.pk)
        rows.append(
            HeadRow(
                child.pk,
                child.name,
                f"{head.full_name} ({head.position})" if head else _("chưa xác định"),
                n_staff,
                now.confirmed,
                Measure(sipas_now, sipas_before),
                Measure(
                    round(100 * now.confirmed / n_staff, 1) if n_staff else None,
                    round(100 * before.confirmed / n_staff, 1) if n_staff else None,
                ),
                Measure(now.mean_days, before.mean_days),
                Measure(_good_share(c_now.get(child.pk)), _good_share(c_before.get(child.pk))),
                Measure(
                    percent(d1.acknowledged, d1.recipients) if d1 else None,
                    percent(d0.acknowledged, d0.recipients) if d0 else None,
                ),
            )
        )
    attr, higher, _label = SORTS[sort]

    def order(row: HeadRow):
        value = getattr(row, attr).now
        if value is None:
            return (1, 0.0, row.name)
        return (0, -value if higher else value, row.name)

    rows.sort(key=order)
    for position, row in enumerate(rows, start=1):
        row.rank = position
    return rows


def head_table(rows: list[HeadRow], sort: str) -> Table:
    return Table(
        _("Trách nhiệm người đứng đầu: xếp hạng theo %(measure)s") % {"measure": SORTS[sort][2]},
        [
            _("Hạng"),
            _("Đơn vị"),
            _("Người đứng đầu"),
            _("Hài lòng (%)"),
            _("Thay đổi"),
            _("Vi phạm có kết luận"),
            _("Vi phạm / 100 cán bộ"),
            _("Thay đổi"),
            _("Số ngày xử lý TB"),
            _("Thay đổi"),
            _("Hoàn thành tốt trở lên (%)"),
            _("Thay đổi"),
            _("Hoàn thành quán triệt (%)"),
            _("Thay đổi"),
            _("Xu hướng so với năm trước"),
        ],
        [
            [
                str(r.rank),
                r.name,
                r.head,
                pct_text(r.sipas.now),
                r.sipas.change,
                number(r.confirmed),
                number(r.per100.now),
                r.per100.change,
                number(r.days.now),
                r.days.change,
                pct_text(r.good.now),
                r.good.change,
                pct_text(r.completion.now),
                r.completion.change,
                r.trend_text,
            ]
            for r in rows
        ],
    )
