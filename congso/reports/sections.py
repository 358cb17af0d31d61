"""The annual report as a list of sections, one per point of the directive.

Each section is a function `(actor, unit, period) -> SectionData` (`period` a
`common.params.Period`, or a plain year: see reports/periods.py) that reads other apps'
selectors only (never their models), returns its figures (each with its trace), tables, charts
and a narrative prefilled from the figures. A section whose capability has no data for the
year, or whose app is not installed, says so plainly (`available=False`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from congso.reports.data import Chart, Figure, SectionData, Table
from congso.reports.formatting import number, pct_text, percent
from congso.reports.periods import (
    as_period,
    before,
    dmy,
    in_period,
    is_year,
    last_day,
    period_name,
    period_title,
    within,
)


@dataclass(frozen=True)
class Section:
    key: str
    point: int
    title: str
    app: str  # the app whose selectors it reads
    build: Callable


def _absent_app(key: str, point: int, title: str, app: str) -> SectionData:
    return SectionData(
        key,
        point,
        title,
        available=False,
        absent_reason=_(
            "Chức năng này chưa được triển khai trên hệ thống, chưa có số liệu để báo cáo."
        ),
    )


def _no_data(data: SectionData, period) -> SectionData:
    data.available = False
    data.absent_reason = _("%(period)s chưa có số liệu của nội dung này trên hệ thống.") % {
        "period": period_title(as_period(period))
    }
    return data


# --- point 2: codes of conduct ---------------------------------------------------------------


def conduct_section(actor, unit, period) -> SectionData:
    from congso.conduct.selectors import attestation_completion

    period = as_period(period)
    data = SectionData("conduct", 2, _("Quy chế văn hóa công sở và việc cam kết thực hiện"))
    on = last_day(period)
    rows = attestation_completion(actor=actor, unit=unit, on=on)
    staff = sum(r.staff for r in rows)
    attested = sum(r.attested for r in rows)
    if staff == 0 or attested == 0:
        # No attestation of a version in force on 31/12: the year has no conduct data (a
        # year before the codes were adopted), not "0 % attested" of today's staff.
        return _no_data(data, period)
    trace = _(
        "conduct.selectors.attestation_completion(đơn vị %(unit)s, ngày %(on)s): cán bộ đang "
        "công tác trong cây đơn vị; đã cam kết = có bản cam kết với phiên bản quy chế có hiệu "
        "lực của đơn vị mình vào ngày đó"
    ) % {"unit": unit.name, "on": on.strftime("%d/%m/%Y")}
    share = percent(attested, staff)
    data.figures = [
        Figure("conduct.staff", _("Cán bộ, công chức, viên chức"), staff, trace, _("người")),
        Figure("conduct.attested", _("Đã cam kết thực hiện quy chế"), attested, trace, _("người")),
        Figure("conduct.share", _("Tỷ lệ đã cam kết"), share, trace, "%"),
    ]
    children = [r for r in rows if not r.own_only]
    data.tables = [
        Table(
            _("Cam kết thực hiện quy chế theo đơn vị"),
            [_("Đơn vị"), _("Số người"), _("Đã cam kết"), _("Tỷ lệ")],
            [
                [
                    r.name,
                    number(r.staff),
                    number(r.attested),
                    pct_text(percent(r.attested, r.staff)),
                ]
                for r in children
                if r.staff
            ],
            trace,
        )
    ]
    data.narrative = _(
        "Đến ngày %(on)s, %(attested)s/%(staff)s cán bộ, công chức, viên chức (%(share)s) đã "
        "cam kết thực hiện quy chế văn hóa công sở có hiệu lực tại đơn vị mình."
    ) % {
        "on": on.strftime("%d/%m/%Y"),
        "attested": number(attested),
        "staff": number(staff),
        "share": pct_text(share),
    }
    lagging = sorted(
        (r for r in children if r.staff), key=lambda r: percent(r.attested, r.staff) or 0
    )[:3]
    if share is not None and share >= 90:
        data.strengths.append(_("Hầu hết cán bộ đã cam kết thực hiện quy chế văn hóa công sở."))
    elif lagging:
        data.limits.append(
            _("Tỷ lệ cam kết thực hiện quy chế còn thấp ở: %(units)s.")
            % {"units": ", ".join(r.name for r in lagging)}
        )
        data.proposals.append(
            _("Thủ trưởng các đơn vị có tỷ lệ cam kết thấp đôn đốc cán bộ hoàn thành cam kết.")
        )
    return data


# --- point 2 and 6: inspections --------------------------------------------------------------


def inspections_section(actor, unit, period) -> SectionData:
    from congso.inspections.selectors import unit_scores
    from congso.org.selectors import unit_list

    period = as_period(period)
    data = SectionData("inspections", 2, _("Thanh tra, kiểm tra việc thực hiện văn hóa công sở"))
    inside = set(
        unit_list(actor=actor).filter(path__startswith=unit.path).values_list("id", flat=True)
    )
    year = period.start.year
    scores = (
        unit_scores(actor=actor, year=year)
        if is_year(period)
        else unit_scores(actor=actor, year=year, start=period.start, end=period.end)
    )
    rows = [r for r in scores if r.unit_id in inside]
    if not rows:
        return _no_data(data, period)
    trace = _(
        "inspections.selectors.unit_scores(%(period)s): các hạng mục kiểm tra của các cuộc "
        "kiểm tra đã kết thúc %(inside)s, đơn vị được kiểm tra thuộc %(unit)s; điểm = đạt / "
        "(đạt + không đạt) × 100"
    ) % {"period": period_name(period), "inside": in_period(period), "unit": unit.name}
    visits = sum(r.visits for r in rows)
    compliant = sum(r.score.compliant for r in rows)
    failing = sum(r.score.non_compliant for r in rows)
    score = percent(compliant, compliant + failing)
    data.figures = [
        Figure("inspections.units", _("Đơn vị được kiểm tra"), len(rows), trace, _("đơn vị")),
        Figure("inspections.visits", _("Cuộc kiểm tra đã kết thúc"), visits, trace, _("cuộc")),
        Figure("inspections.findings", _("Hạng mục không đạt (phát hiện)"), failing, trace),
        Figure("inspections.score", _("Tỷ lệ hạng mục đạt"), score, trace, "%"),
    ]
    data.tables = [
        Table(
            _("Kết quả kiểm tra theo đơn vị"),
            [_("Đơn vị"), _("Số cuộc"), _("Đạt"), _("Không đạt"), _("Điểm")],
            [
                [
                    r.name,
                    number(r.visits),
                    number(r.score.compliant),
                    number(r.score.non_compliant),
                    number(r.score.value),
                ]
                for r in rows
            ],
            trace,
        )
    ]
    data.narrative = _(
        "%(within)s đã tiến hành %(visits)s cuộc kiểm tra tại %(units)s đơn vị; phát hiện "
        "%(failing)s hạng mục không đạt, tỷ lệ hạng mục đạt %(score)s."
    ) % {
        "within": within(period),
        "visits": number(visits),
        "units": number(len(rows)),
        "failing": number(failing),
        "score": pct_text(score),
    }
    weakest = [r for r in rows if r.score.value is not None and r.score.value < 80]
    if weakest:
        data.limits.append(
            _("Đơn vị có kết quả kiểm tra dưới 80 điểm: %(units)s.")
            % {"units": ", ".join(r.name for r in weakest[-3:])}
        )
        data.proposals.append(
            _("Tiếp tục kiểm tra đột xuất, theo dõi khắc phục tại các đơn vị có điểm thấp.")
        )
    return data


# --- point 3: citizen satisfaction -----------------------------------------------------------


def surveys_section(actor, unit, period) -> SectionData:
    from congso.surveys.rules import ELEMENT_NAMES, QUESTION_KEYS
    from congso.surveys.selectors import unit_dashboard

    period = as_period(period)
    data = SectionData("surveys", 3, _("Mức độ hài lòng của người dân, tổ chức (SIPAS)"))
    board = unit_dashboard(actor=actor, unit=unit, period=period)
    if board.overall.n == 0:
        return _no_data(data, period)
    trace = _(
        "surveys.selectors.unit_dashboard: bảng tổng hợp theo tháng (MonthlyRollup) từ "
        "%(start)s đến %(end)s, đơn vị thuộc %(unit)s; tỷ lệ hài lòng SIPAS = "
        "(hài lòng + rất hài lòng) / số câu trả lời; công bố khi đủ cỡ mẫu tối thiểu %(min)s"
    ) % {
        "start": dmy(period.start),
        "end": dmy(last_day(period)),
        "unit": unit.name,
        "min": board.minimum,
    }
    sipas = None if board.overall.sipas is None else round(board.overall.sipas * 100, 1)
    previous = None if board.previous.sipas is None else round(board.previous.sipas * 100, 1)
    data.figures = [
        Figure("surveys.n", _("Lượt đánh giá"), board.overall.n, trace, _("lượt")),
        Figure("surveys.sipas", _("Tỷ lệ hài lòng chung"), sipas, trace, "%"),
        Figure(
            "surveys.previous",
            _("Tỷ lệ hài lòng %(before)s") % {"before": before(period)},
            previous,
            trace,
            "%",
        ),
        Figure(
            "surveys.change",
            _("Thay đổi so với %(before)s") % {"before": before(period)},
            board.change,
            trace,
            _("điểm %"),
        ),
    ]
    shares = board.overall.shares
    element_rows = []
    for key in QUESTION_KEYS:
        value = shares.get(key)
        element_rows.append([ELEMENT_NAMES[key], pct_text(None if value is None else value * 100)])
    data.tables.append(
        Table(
            _("Tỷ lệ hài lòng theo yếu tố"), [_("Yếu tố"), _("Tỷ lệ hài lòng")], element_rows, trace
        )
    )
    data.charts.append(
        Chart(
            _("Tỷ lệ hài lòng theo yếu tố (%)"),
            [ELEMENT_NAMES[k] for k in QUESTION_KEYS],
            [round((shares.get(k) or 0) * 100, 1) for k in QUESTION_KEYS],
            "%",
        )
    )
    ranked = [r for r in board.agencies if r.position is not None]
    if ranked:
        best, worst = ranked[:5], ranked[-5:][::-1]

        def _rows(rows):
            return [
                [str(r.position), r.name, number(r.index.n), pct_text(_pct(r.index.smoothed))]
                for r in rows
            ]

        cols = [_("Hạng"), _("Cơ quan, đơn vị"), _("Lượt"), _("Chỉ số")]
        data.tables.append(Table(_("Năm đơn vị có chỉ số cao nhất"), cols, _rows(best), trace))
        data.tables.append(Table(_("Năm đơn vị có chỉ số thấp nhất"), cols, _rows(worst), trace))
        data.figures.append(
            Figure("surveys.best", _("Đơn vị dẫn đầu"), ranked[0].name, trace),
        )
        data.figures.append(
            Figure("surveys.worst", _("Đơn vị thấp nhất"), ranked[-1].name, trace),
        )
    data.narrative = _(
        "%(period)s ghi nhận %(n)s lượt đánh giá của người dân, tổ chức; tỷ lệ hài lòng "
        "chung đạt %(sipas)s (%(before)s %(previous)s)."
    ) % {
        "period": period_title(period),
        "before": before(period),
        "n": number(board.overall.n),
        "sipas": pct_text(sipas),
        "previous": pct_text(previous),
    }
    if board.change is not None and board.change > 0:
        data.strengths.append(
            _("Mức độ hài lòng của người dân tăng %(points)s điểm phần trăm so với %(before)s.")
            % {"points": number(board.change), "before": before(period)}
        )
    elif board.change is not None and board.change < 0:
        data.limits.append(
            _("Mức độ hài lòng của người dân giảm %(points)s điểm phần trăm so với %(before)s.")
            % {"points": number(abs(board.change)), "before": before(period)}
        )
    low = min(
        ((k, v) for k, v in shares.items() if v is not None and k in QUESTION_KEYS),
        key=lambda kv: kv[1],
        default=None,
    )
    if low is not None:
        data.proposals.append(
            _("Tập trung cải thiện yếu tố có tỷ lệ hài lòng thấp nhất: %(element)s.")
            % {"element": ELEMENT_NAMES[low[0]]}
        )
    return data


def _pct(value):
    return None if value is None else round(value * 100, 1)


# --- points 4 and 6: cases -------------------------------------------------------------------


def _violations(actor, unit, period):
    from congso.cases.selectors import violation_summary

    if is_year(period):
        return violation_summary(actor=actor, unit_path=unit.path, year=period.start.year)
    return violation_summary(
        actor=actor,
        unit_path=unit.path,
        year=period.start.year,
        start=period.start,
        end=period.end,
    )


def criticism_section(actor, unit, period) -> SectionData:
    period = as_period(period)
    data = SectionData("criticism", 4, _("Phản biện xã hội, biểu dương điển hình"))
    summary = _violations(actor, unit, period)
    if not summary.by_source and not summary.exemplars:
        return _no_data(data, period)
    trace = _(
        "cases.selectors.violation_summary: vụ việc mở trong %(period)s tại các đơn vị thuộc "
        "%(unit)s, theo nguồn; điển hình = Exemplar ghi nhận %(inside)s"
    ) % {"period": period_name(period), "inside": in_period(period), "unit": unit.name}
    data.figures = [
        Figure(
            "criticism.social",
            _("Phản ánh của Mặt trận, đoàn thể, báo chí"),
            summary.social_monitor,
            trace,
            _("vụ việc"),
        ),
        Figure(
            "criticism.praise",
            _("Biểu dương của người dân, tổ chức"),
            summary.praise,
            trace,
            _("vụ việc"),
        ),
        Figure(
            "criticism.exemplars",
            _("Điển hình được ghi nhận"),
            summary.exemplars,
            trace,
            _("người"),
        ),
    ]
    data.tables = [
        Table(
            _("Vụ việc theo nguồn"),
            [_("Nguồn"), _("Số vụ việc")],
            [[s, number(n)] for s, n in summary.by_source],
            trace,
        )
    ]
    data.narrative = _(
        "%(within)s tiếp nhận %(social)s phản ánh qua kênh phản biện xã hội và báo chí, "
        "%(praise)s lượt biểu dương; ghi nhận %(exemplars)s điển hình."
    ) % {
        "within": within(period),
        "social": number(summary.social_monitor),
        "praise": number(summary.praise),
        "exemplars": number(summary.exemplars),
    }
    return data


def violations_section(actor, unit, period) -> SectionData:
    period = as_period(period)
    data = SectionData("violations", 6, _("Phát hiện, xử lý vi phạm văn hóa công sở"))
    summary = _violations(actor, unit, period)
    if summary.total == 0:
        return _no_data(data, period)
    trace = summary.trace
    data.figures = [
        Figure(
            "violations.detected",
            _("Vụ việc vi phạm được phát hiện"),
            summary.total,
            trace,
            _("vụ việc"),
        ),
        Figure(
            "violations.confirmed", _("Có kết luận vi phạm"), summary.confirmed, trace, _("vụ việc")
        ),
        Figure(
            "violations.dismissed", _("Không có căn cứ"), summary.dismissed, trace, _("vụ việc")
        ),
        Figure("violations.open", _("Đang xác minh, xử lý"), summary.open, trace, _("vụ việc")),
        Figure(
            "violations.days",
            _("Thời gian trung bình đến khi kết luận"),
            summary.mean_days_to_conclusion,
            trace,
            _("ngày"),
        ),
    ]
    cols = [
        _("Nhóm"),
        _("Phát hiện"),
        _("Kết luận vi phạm"),
        _("Không có căn cứ"),
        _("Đang xử lý"),
        _("Số ngày TB"),
    ]

    def _rows(rows):
        return [
            [
                r.name,
                number(r.detected),
                number(r.confirmed),
                number(r.dismissed),
                number(r.open),
                number(r.mean_days_to_conclusion),
            ]
            for r in rows
        ]

    data.tables = [
        Table(_("Vi phạm theo loại"), cols, _rows(summary.by_category), trace),
        Table(
            _("Vi phạm theo đơn vị (10 đơn vị nhiều nhất)"),
            cols,
            _rows(summary.by_unit[:10]),
            trace,
        ),
    ]
    data.charts.append(
        Chart(
            _("Vụ việc vi phạm theo loại"),
            [r.name for r in summary.by_category[:8]],
            [r.detected for r in summary.by_category[:8]],
        )
    )
    data.narrative = _(
        "%(period)s phát hiện %(total)s vụ việc vi phạm; %(confirmed)s vụ việc có kết luận vi "
        "phạm, %(dismissed)s vụ việc không có căn cứ, %(open)s vụ việc đang xác minh, xử lý. "
        "Thời gian trung bình từ khi tiếp nhận đến khi kết luận là %(days)s ngày."
    ) % {
        "period": period_title(period),
        "total": number(summary.total),
        "confirmed": number(summary.confirmed),
        "dismissed": number(summary.dismissed),
        "open": number(summary.open),
        "days": number(summary.mean_days_to_conclusion),
    }
    if summary.by_category:
        top = summary.by_category[0]
        data.limits.append(
            _("Loại vi phạm nhiều nhất: %(name)s (%(n)s vụ việc).")
            % {"name": top.name, "n": number(top.detected)}
        )
        data.proposals.append(
            _("Tăng cường nhắc nhở, kiểm tra đối với loại vi phạm %(name)s.") % {"name": top.name}
        )
    return data
