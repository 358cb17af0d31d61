"""Leadership dashboard data: one unit (province → agency or commune → unit) or one officer,
this year against the year before. Reads other apps' selectors only; satisfaction from the
monthly rollups, so the cost does not grow with the number of ratings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from congso.cases.selectors import confirmed_violations
from congso.cases.selectors.rollups import UnitViolations, violation_rows
from congso.conduct.selectors import attestation_completion
from congso.dissemination.selectors.rollups import completion_by_unit
from congso.evaluation.selectors_reports import classification_by_unit
from congso.org.selectors import unit_children, unit_heads
from congso.reports import accountability, panels
from congso.reports.data import Chart, Table
from congso.reports.formatting import number, pct_text, percent
from congso.surveys.rules import Period
from congso.surveys.selectors import target_report, unit_dashboard


def year_period(year: int) -> Period:
    return Period("year", date(year, 1, 1), date(year + 1, 1, 1))


def _pct(value):
    return None if value is None else round(value * 100, 1)


def _change(now, before) -> str:
    if now is None or before is None:
        return "–"
    delta = round(now - before, 1)
    return ("+" if delta > 0 else "") + number(float(delta))


def _sums(rows: dict) -> tuple[UnitViolations, dict, dict]:
    """`violation_rows` summed in one pass: in all, by category name, by unit path."""
    total, by_category, by_path = UnitViolations(), {}, {}
    for (path, category), row in rows.items():
        total.add(row)
        by_category.setdefault(category, UnitViolations()).add(row)
        by_path.setdefault(path, UnitViolations()).add(row)
    return total, by_category, by_path


@dataclass
class Child:
    pk: int
    name: str
    sipas: float | None
    change: float | None
    n: int


@dataclass
class Officer:
    pk: int
    name: str
    sipas: float | None
    n: int


@dataclass
class UnitBoard:
    unit: object
    year: int
    summary: Table
    categories: Table
    children: list[Child]
    officers: list[Officer]
    chart: Chart
    tables: list[Table] = field(default_factory=list)
    panels: panels.Panels | None = None
    heads: list[accountability.HeadRow] = field(default_factory=list)
    head_table: Table | None = None
    sort: str = accountability.DEFAULT_SORT


def unit_board(*, actor, unit, year: int, sort: str = accountability.DEFAULT_SORT) -> UnitBoard:
    board = unit_dashboard(actor=actor, unit=unit, period=year_period(year))
    # one grouped query a year serves the totals, the table by category and the heads' ranking
    violations = tuple(
        violation_rows(actor=actor, unit_path=unit.path, year=y) for y in (year, year - 1)
    )
    (now, by_category, by_path), (before, by_category_before, by_path_before) = (
        _sums(rows) for rows in violations
    )
    completion = attestation_completion(actor=actor, unit=unit, on=date(year, 12, 31))
    staff = sum(r.staff for r in completion)
    attested = sum(r.attested for r in completion)
    sipas_now, sipas_before = _pct(board.overall.sipas), _pct(board.previous.sipas)
    rows = [
        [
            _("Tỷ lệ hài lòng (SIPAS)"),
            pct_text(sipas_now),
            pct_text(sipas_before),
            _change(sipas_now, sipas_before),
        ],
        [
            _("Lượt đánh giá"),
            number(board.overall.n),
            number(board.previous.n),
            _change(board.overall.n, board.previous.n),
        ],
        [
            _("Vi phạm được phát hiện"),
            number(now.detected),
            number(before.detected),
            _change(now.detected, before.detected),
        ],
        [
            _("Có kết luận vi phạm"),
            number(now.confirmed),
            number(before.confirmed),
            _change(now.confirmed, before.confirmed),
        ],
        [
            _("Số ngày trung bình đến khi kết luận"),
            number(now.mean_days),
            number(before.mean_days),
            _change(now.mean_days, before.mean_days),
        ],
        [_("Tỷ lệ cam kết thực hiện quy chế (31/12)"), pct_text(percent(attested, staff)), "", ""],
    ]
    summary = Table(
        _("Chỉ tiêu chính"), [_("Chỉ tiêu"), str(year), str(year - 1), _("Thay đổi")], rows
    )
    categories = Table(
        _("Vi phạm theo loại"),
        [_("Loại vi phạm"), str(year), str(year - 1), _("Kết luận vi phạm"), _("Số ngày TB")],
        [
            [
                name,
                number(r.detected),
                number(by_category_before[name].detected if name in by_category_before else 0),
                number(r.confirmed),
                number(r.mean_days),
            ]
            for name, r in sorted(by_category.items(), key=lambda kv: (-kv[1].detected, kv[0]))
        ],
    )
    ranked = {row.key: row for row in board.agencies}
    children = []
    units = list(unit_children(actor=actor, unit=unit, on=date(year, 12, 31)))
    for child in units:
        row = ranked.get(child.pk)
        children.append(
            Child(
                child.pk,
                child.name,
                _pct(row.index.smoothed) if row and row.index.published else None,
                row.change if row else None,
                row.index.n if row else 0,
            )
        )
    officers = [
        Officer(
            row.key,
            row.name,
            _pct(row.index.smoothed) if row.index.published else None,
            row.index.n,
        )
        for row in board.targets
        if row.kind == "officer"
    ]
    rated = sorted((c for c in children if c.sipas is not None), key=lambda c: -c.sipas)[:15]
    chart = Chart(
        _("Tỷ lệ hài lòng theo đơn vị trực thuộc (%)"),
        [c.name for c in rated],
        [c.sipas for c in rated],
        "%",
    )
    result = UnitBoard(unit, year, summary, categories, children, officers, chart, sort=sort)
    _add_panels(
        result,
        actor=actor,
        unit=unit,
        year=year,
        children=children,
        units=units,
        violations=(by_path, by_path_before),
        staff={r.unit_id: r.staff for r in completion[1:]},  # active staff of each child
    )
    result.tables = [
        summary,
        categories,
        Table(
            _("Đơn vị trực thuộc"),
            [_("Đơn vị"), _("Lượt đánh giá"), _("Chỉ số hài lòng"), _("Thay đổi (điểm %)")],
            [[c.name, number(c.n), pct_text(c.sipas), number(c.change)] for c in children],
        ),
        Table(
            _("Cán bộ được đánh giá"),
            [_("Cán bộ"), _("Lượt đánh giá"), _("Chỉ số hài lòng")],
            [[o.name, number(o.n), pct_text(o.sipas)] for o in officers],
        ),
        *result.panels.tables,
    ]
    if result.head_table is not None:
        result.tables.append(result.head_table)
    return result


def _add_panels(
    board: UnitBoard,
    *,
    actor,
    unit,
    year: int,
    children: list[Child],
    units: list,
    violations: tuple,
    staff: dict[int, int],
) -> None:
    """Classification, emulation, dissemination and training panels, and the heads'
    accountability ranking of the units below (the per-unit rows are read once and serve both)."""
    classification = tuple(
        classification_by_unit(actor=actor, unit_path=unit.path, year=y) for y in (year, year - 1)
    )
    completion = tuple(completion_by_unit(actor=actor, unit=unit, year=y) for y in (year, year - 1))
    table, chart = panels.classification_panel(
        year=year, by_unit_now=classification[0], by_unit_before=classification[1]
    )
    emulation, titles = panels.emulation_panel(actor=actor, unit=unit, year=year)
    done, done_chart = panels.completion_panel(
        actor=actor, unit=unit, year=year, by_unit_now=completion[0], by_unit_before=completion[1]
    )
    board.panels = panels.Panels(table, chart, emulation, titles, done, done_chart)
    if not children:
        return
    satisfaction = {
        c.pk: (c.sipas, None if c.sipas is None or c.change is None else c.sipas - c.change)
        for c in children
    }
    board.heads = accountability.head_rows(
        unit=unit,
        children=units,
        heads=unit_heads(actor=actor, unit_ids=[u.pk for u in units]),
        staff=staff,
        satisfaction=satisfaction,
        violations=violations,
        classification=classification,
        completion=completion,
        sort=board.sort,
    )
    board.head_table = accountability.head_table(board.heads, board.sort)


@dataclass
class OfficerBoard:
    name: str
    unit_id: int
    year: int
    summary: Table
    violations: Table
    tables: list[Table]


def officer_board(*, actor, target, year: int) -> OfficerBoard:
    report = target_report(actor=actor, target=target, period=year_period(year))
    now, before = _pct(report.index.smoothed), _pct(report.previous.sipas)
    summary = Table(
        _("Chỉ tiêu chính"),
        [_("Chỉ tiêu"), str(year), str(year - 1), _("Thay đổi")],
        [
            [
                _("Chỉ số hài lòng"),
                pct_text(now if report.index.published else None),
                pct_text(before),
                _change(now, before),
            ],
            [
                _("Lượt đánh giá"),
                number(report.index.n),
                number(report.previous.n),
                _change(report.index.n, report.previous.n),
            ],
        ],
    )
    found = confirmed_violations(person_id=target.person_id, year=year) if target.person_id else []
    violations = Table(
        _("Vi phạm đã kết luận trong năm"),
        [_("Vụ việc"), _("Loại vi phạm"), _("Ngày kết luận")],
        [[v.case_code, v.category_name, v.confirmed_on.strftime("%d/%m/%Y")] for v in found],
    )
    from congso.surveys.selectors import target_name

    return OfficerBoard(
        target_name(target), target.unit_id, year, summary, violations, [summary, violations]
    )
