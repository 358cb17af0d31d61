"""The dashboard's panels beyond satisfaction and violations: classification distribution,
registrations and titles, dissemination and training completion — each the chosen year against
the year before, each a table (the page's chart is drawn from the same rows). Reads the other
apps' selectors only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from congso.dissemination.selectors.training import unit_record
from congso.emulation.selectors_reports import emulation_tally
from congso.evaluation.labels import level_label
from congso.reports.data import Chart, Table
from congso.reports.formatting import number, pct_text, percent

LEVEL_ORDER = ["HTXSNV", "HTTNV", "HTNV", "KHTNV", "not_rated", "incomplete"]
GOOD_LEVELS = ("HTXSNV", "HTTNV")  # hoàn thành tốt nhiệm vụ trở lên


def change(now, before) -> str:
    """The change as shown: signed, Vietnamese decimals; '–' when either side is missing."""
    if now is None or before is None:
        return "–"
    delta = round(now - before, 1)
    return ("+" if delta > 0 else "") + number(float(delta))


def _year_columns(first: str, year: int) -> list[str]:
    return [first, str(year), str(year - 1), _("Thay đổi")]


@dataclass
class Panels:
    classification: Table
    classification_chart: Chart
    emulation: Table
    titles: Table
    completion: Table
    completion_chart: Chart

    @property
    def tables(self) -> list[Table]:
        return [self.classification, self.emulation, self.titles, self.completion]


def _levels(counts_now, counts_before) -> list[str]:
    seen = set(counts_now) | set(counts_before)
    return [c for c in LEVEL_ORDER if c in seen] + sorted(c for c in seen if c not in LEVEL_ORDER)


def classification_panel(*, year: int, by_unit_now, by_unit_before):
    now = _sum_levels(by_unit_now)
    before = _sum_levels(by_unit_before)
    total_now, total_before = sum(now.values()), sum(before.values())
    rows = []
    for code in _levels(now, before):
        share_now = percent(now.get(code, 0), total_now)
        share_before = percent(before.get(code, 0), total_before)
        rows.append(
            [
                level_label(code),
                number(now.get(code, 0)),
                pct_text(share_now),
                number(before.get(code, 0)),
                pct_text(share_before),
                change(share_now, share_before),
            ]
        )
    if rows:
        rows.append([_("Tổng số"), number(total_now), "", number(total_before), "", ""])
    table = Table(
        _("Kết quả xếp loại chất lượng"),
        [
            _("Mức xếp loại"),
            str(year),
            _("Tỷ lệ %(year)s") % {"year": year},
            str(year - 1),
            _("Tỷ lệ %(year)s") % {"year": year - 1},
            _("Thay đổi (điểm %)"),
        ],
        rows,
    )
    levels = [c for c in _levels(now, {}) if now.get(c)]
    chart = Chart(
        _("Kết quả xếp loại năm %(year)s (người)") % {"year": year},
        [level_label(c) for c in levels],
        [now[c] for c in levels],
    )
    return table, chart


def _sum_levels(by_unit) -> dict[str, int]:
    total: dict[str, int] = {}
    for counter in by_unit.values():
        for code, n in counter.items():
            total[code] = total.get(code, 0) + n
    return total


def emulation_panel(*, actor, unit, year: int) -> tuple[Table, Table]:
    now = emulation_tally(actor=actor, unit_path=unit.path, year=year)
    before = emulation_tally(actor=actor, unit_path=unit.path, year=year - 1)
    pairs = [
        (_("Lượt đăng ký thi đua (đã gửi)"), now.registrations, before.registrations),
        (_("Đăng ký đã được duyệt"), now.approved, before.approved),
        (_("Danh hiệu, hình thức khen thưởng đã quyết định"), now.awards, before.awards),
        (_("Khen thưởng cá nhân"), now.individuals, before.individuals),
        (_("Khen thưởng tập thể"), now.collectives, before.collectives),
    ]
    table = Table(
        _("Đăng ký thi đua và khen thưởng"),
        _year_columns(_("Chỉ tiêu"), year),
        [[label, number(a), number(b), change(a, b)] for label, a, b in pairs],
    )
    names = list(now.by_title) + [n for n in before.by_title if n not in now.by_title]
    titles = Table(
        _("Danh hiệu, hình thức khen thưởng"),
        _year_columns(_("Danh hiệu, hình thức"), year),
        [
            [
                name,
                number(now.by_title.get(name, 0)),
                number(before.by_title.get(name, 0)),
                change(now.by_title.get(name, 0), before.by_title.get(name, 0)),
            ]
            for name in names
        ],
    )
    return table, titles


def _completion_total(by_unit) -> tuple[int, int]:
    return (
        sum(r.recipients for r in by_unit.values()),
        sum(r.acknowledged for r in by_unit.values()),
    )


def completion_panel(*, actor, unit, year: int, by_unit_now, by_unit_before):
    recipients, done = _completion_total(by_unit_now)
    recipients_before, done_before = _completion_total(by_unit_before)
    share, share_before = percent(done, recipients), percent(done_before, recipients_before)
    training = unit_record(actor=actor, unit=unit, start=date(year, 1, 1), end=date(year, 12, 31))
    training_before = unit_record(
        actor=actor, unit=unit, start=date(year - 1, 1, 1), end=date(year - 1, 12, 31)
    )
    trained, trained_before = training.trained_percent, training_before.trained_percent
    passed, passed_before = training.passed_percent, training_before.passed_percent
    rows = [
        [
            _("Lượt cán bộ phải đọc, xác nhận văn bản"),
            number(recipients),
            number(recipients_before),
            change(recipients, recipients_before),
        ],
        [_("Lượt đã đọc, xác nhận"), number(done), number(done_before), change(done, done_before)],
        [
            _("Tỷ lệ hoàn thành quán triệt"),
            pct_text(share),
            pct_text(share_before),
            change(share, share_before),
        ],
        [
            _("Hoạt động tuyên truyền"),
            number(training.activities),
            number(training_before.activities),
            change(training.activities, training_before.activities),
        ],
        [
            _("Lớp bồi dưỡng, tập huấn"),
            number(training.courses),
            number(training_before.courses),
            change(training.courses, training_before.courses),
        ],
        [
            _("Tỷ lệ cán bộ được bồi dưỡng"),
            pct_text(trained),
            pct_text(trained_before),
            change(trained, trained_before),
        ],
        [
            _("Tỷ lệ đạt bài kiểm tra"),
            pct_text(passed),
            pct_text(passed_before),
            change(passed, passed_before),
        ],
    ]
    table = Table(_("Quán triệt và bồi dưỡng"), _year_columns(_("Chỉ tiêu"), year), rows)
    pairs = [
        (_("Hoàn thành quán triệt"), share, share_before),
        (_("Được bồi dưỡng"), trained, trained_before),
    ]
    labels, values = [], []
    for label, a, b in pairs:
        for y, value in ((year - 1, b), (year, a)):
            if value is not None:
                labels.append(f"{label} {y}")
                values.append(float(value))
    chart = Chart(_("Tỷ lệ hoàn thành quán triệt và bồi dưỡng (%)"), labels, values, "%")
    return table, chart
