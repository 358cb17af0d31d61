"""Sections of the annual report read from the evaluation, dissemination and emulation apps
(see sections.py for the shape every section follows)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from congso.reports.data import Chart, Figure, SectionData, Table
from congso.reports.formatting import number, pct_text, percent
from congso.reports.periods import (
    as_period,
    in_period,
    is_year,
    last_day,
    period_name,
    period_title,
    within,
)
from congso.reports.sections import _no_data

# --- point 3: classification ---------------------------------------------------------------


def classification_section(actor, unit, period) -> SectionData:
    from congso.evaluation.labels import level_label
    from congso.evaluation.selectors_reports import classification_summary

    period = as_period(period)
    year = period.start.year
    data = SectionData("classification", 3, _("Đánh giá, xếp loại chất lượng cán bộ"))
    if not is_year(period):
        # Classification is made once a year (ND 90/2020): a quarter or half-year has none.
        data.available = False
        data.absent_reason = _(
            "Đánh giá, xếp loại chất lượng thực hiện hằng năm; nội dung này có trong báo cáo năm."
        )
        return data
    summary = classification_summary(actor=actor, unit_path=unit.path, year=year)
    if summary.total == 0:
        return _no_data(data, period)
    trace = summary.trace
    order = ["HTXSNV", "HTTNV", "HTNV", "KHTNV", "not_rated", "incomplete"]
    levels = [code for code in order if code in summary.by_level] + sorted(
        code for code in summary.by_level if code not in order
    )
    data.figures = [
        Figure("classification.total", _("Cán bộ được xếp loại"), summary.total, trace, _("người")),
        Figure(
            "classification.runs", _("Đơn vị đã công bố kết quả"), summary.runs, trace, _("đơn vị")
        ),
        Figure(
            "classification.capped",
            _("Bị giới hạn mức xếp loại do vi phạm văn hóa công sở (Chỉ thị)"),
            summary.capped,
            trace,
            _("người"),
        ),
    ]
    for code in levels:
        data.figures.append(
            Figure(
                f"classification.{code}",
                level_label(code),
                summary.by_level[code],
                trace,
                _("người"),
            )
        )
    data.tables = [
        Table(
            _("Kết quả xếp loại"),
            [_("Mức xếp loại"), _("Số người"), _("Tỷ lệ")],
            [
                [
                    level_label(c),
                    number(summary.by_level[c]),
                    pct_text(percent(summary.by_level[c], summary.total)),
                ]
                for c in levels
            ],
            trace,
        )
    ]
    data.charts.append(
        Chart(
            _("Kết quả xếp loại (người)"),
            [level_label(c) for c in levels],
            [summary.by_level[c] for c in levels],
        )
    )
    data.narrative = _(
        "Năm %(year)s có %(total)s cán bộ được đánh giá, xếp loại tại %(runs)s đơn vị đã công bố "
        "kết quả; %(capped)s người không được xếp loại từ hoàn thành tốt nhiệm vụ trở lên do vi "
        "phạm văn hóa công sở, văn hóa nơi công cộng theo Chỉ thị."
    ) % {
        "year": year,
        "total": number(summary.total),
        "runs": number(summary.runs),
        "capped": number(summary.capped),
    }
    if summary.capped:
        data.proposals.append(
            _(
                "Tiếp tục áp dụng nghiêm quy định không xếp loại hoàn thành tốt nhiệm vụ trở "
                "lên khi có vi phạm."
            )
        )
    return data


# --- points 1 and 2: dissemination and training ------------------------------------------


def dissemination_section(actor, unit, period) -> SectionData:
    from congso.dissemination.selectors.completion import overview

    period = as_period(period)
    data = SectionData("dissemination", 1, _("Quán triệt, tuyên truyền, phổ biến Chỉ thị"))
    rows = [
        r
        for r in overview(actor=actor, unit=unit, limit=500)
        if period.start <= r.campaign.start_on < period.end
    ]
    if not rows:
        return _no_data(data, period)
    trace = _(
        "dissemination.selectors.completion.overview(%(unit)s): các đợt quán triệt bắt đầu "
        "trong %(period)s đến cây đơn vị; người nhận = cán bộ đang công tác thuộc đối tượng "
        "của đợt; đã xác nhận = bảng tổng hợp CompletionCount của phiên bản văn bản được gửi"
    ) % {"unit": unit.name, "period": period_name(period)}
    recipients = sum(r.recipients for r in rows)
    done = sum(r.acknowledged for r in rows)
    share = percent(done, recipients)
    data.figures = [
        Figure(
            "dissemination.campaigns", _("Đợt quán triệt, phổ biến"), len(rows), trace, _("đợt")
        ),
        Figure(
            "dissemination.recipients",
            _("Lượt cán bộ phải đọc, xác nhận"),
            recipients,
            trace,
            _("lượt"),
        ),
        Figure("dissemination.acknowledged", _("Lượt đã đọc, xác nhận"), done, trace, _("lượt")),
        Figure("dissemination.share", _("Tỷ lệ hoàn thành"), share, trace, "%"),
    ]
    data.tables = [
        Table(
            _("Kết quả từng đợt quán triệt"),
            [_("Đợt quán triệt"), _("Người nhận"), _("Đã xác nhận"), _("Tỷ lệ")],
            [
                [
                    r.campaign.title,
                    number(r.recipients),
                    number(r.acknowledged),
                    pct_text(percent(r.acknowledged, r.recipients)),
                ]
                for r in rows
            ],
            trace,
        )
    ]
    data.narrative = _(
        "%(period)s tổ chức %(n)s đợt quán triệt, phổ biến; %(done)s/%(total)s lượt cán bộ "
        "đã đọc và xác nhận (%(share)s)."
    ) % {
        "period": period_title(period),
        "n": number(len(rows)),
        "done": number(done),
        "total": number(recipients),
        "share": pct_text(share),
    }
    if share is not None and share < 90:
        data.limits.append(_("Tỷ lệ cán bộ đọc, xác nhận văn bản được quán triệt chưa đạt 90%."))
        data.proposals.append(_("Thủ trưởng đơn vị đôn đốc cán bộ đọc, xác nhận văn bản đúng hạn."))
    return data


def training_section(actor, unit, period) -> SectionData:
    from congso.dissemination.selectors.training import unit_record

    period = as_period(period)
    data = SectionData("training", 2, _("Bồi dưỡng, tập huấn về văn hóa công vụ"))
    record = unit_record(actor=actor, unit=unit, start=period.start, end=last_day(period))
    if not record.activities and not record.courses:
        return _no_data(data, period)
    trace = _(
        "dissemination.selectors.training.unit_record(%(unit)s, %(start)s–%(end)s): "
        "hoạt động, lớp bồi dưỡng diễn ra %(inside)s thuộc cây đơn vị; đã bồi dưỡng = cán bộ "
        "có tham gia ít nhất một lớp"
    ) % {
        "unit": unit.name,
        "start": period.start.strftime("%d/%m/%Y"),
        "end": last_day(period).strftime("%d/%m/%Y"),
        "inside": in_period(period),
    }
    data.figures = [
        Figure(
            "training.activities",
            _("Hoạt động tuyên truyền"),
            record.activities,
            trace,
            _("hoạt động"),
        ),
        Figure("training.courses", _("Lớp bồi dưỡng, tập huấn"), record.courses, trace, _("lớp")),
        Figure(
            "training.trained", _("Cán bộ đã được bồi dưỡng"), record.trained, trace, _("người")
        ),
        Figure(
            "training.share",
            _("Tỷ lệ cán bộ được bồi dưỡng"),
            percent(record.trained, record.staff),
            trace,
            "%",
        ),
        Figure(
            "training.passed",
            _("Tỷ lệ đạt bài kiểm tra"),
            percent(record.quiz_passed, record.quiz_taken),
            trace,
            "%",
        ),
    ]
    data.narrative = _(
        "%(within)s tổ chức %(a)s hoạt động tuyên truyền và %(c)s lớp bồi dưỡng; %(t)s cán bộ "
        "được bồi dưỡng về văn hóa công vụ."
    ) % {
        "within": within(period),
        "a": number(record.activities),
        "c": number(record.courses),
        "t": number(record.trained),
    }
    return data


# --- point 5: emulation and awards -------------------------------------------------------


def emulation_section(actor, unit, period) -> SectionData:
    from congso.emulation.selectors import honour_roll, plan_list, registration_list

    period = as_period(period)
    year = period.start.year
    data = SectionData("emulation", 5, _("Phong trào thi đua, khen thưởng"))
    awards = [a for a in honour_roll(year=year) if a.unit.path.startswith(unit.path)]
    if not is_year(period):
        # Within a year: the awards whose decision was signed in the period; the year's plans.
        awards = [a for a in awards if period.start <= a.decision.signed_on < period.end]
    plans = list(plan_list(actor=actor, year=year))
    registrations = sum(registration_list(actor=actor, plan=p).count() for p in plans)
    if not awards and not plans:
        return _no_data(data, period)
    trace = _(
        "emulation.selectors.honour_roll(năm %(year)s): khen thưởng theo quyết định trong năm, "
        "chưa bị thu hồi, đơn vị thuộc %(unit)s; đăng ký = emulation.selectors."
        "registration_list của các kế hoạch thi đua năm %(year)s"
    ) % {"year": year, "unit": unit.name}
    if not is_year(period):
        trace += _("; trong kỳ: quyết định ký từ %(start)s đến %(end)s") % {
            "start": period.start.strftime("%d/%m/%Y"),
            "end": last_day(period).strftime("%d/%m/%Y"),
        }
    individuals = sum(1 for a in awards if a.person_id)
    by_title: dict[str, int] = {}
    for award in awards:
        by_title[award.title.name] = by_title.get(award.title.name, 0) + 1
    data.figures = [
        Figure("emulation.plans", _("Kế hoạch thi đua"), len(plans), trace, _("kế hoạch")),
        Figure(
            "emulation.registrations", _("Lượt đăng ký thi đua"), registrations, trace, _("lượt")
        ),
        Figure(
            "emulation.awards",
            _("Danh hiệu, hình thức khen thưởng đã quyết định"),
            len(awards),
            trace,
        ),
        Figure("emulation.individuals", _("Khen thưởng cá nhân"), individuals, trace),
        Figure("emulation.collectives", _("Khen thưởng tập thể"), len(awards) - individuals, trace),
        Figure(
            "emulation.amount",
            _("Tổng tiền thưởng"),
            sum(a.amount for a in awards),
            trace,
            _("đồng"),
        ),
    ]
    data.tables = [
        Table(
            _("Khen thưởng theo danh hiệu"),
            [_("Danh hiệu, hình thức"), _("Số lượng")],
            [[name, number(n)] for name, n in sorted(by_title.items(), key=lambda kv: -kv[1])],
            trace,
        )
    ]
    data.narrative = _(
        "%(period)s có %(plans)s kế hoạch thi đua với %(reg)s lượt đăng ký; %(awards)s danh "
        "hiệu, hình thức khen thưởng đã được quyết định (%(ind)s cá nhân, %(col)s tập thể)."
    ) % {
        "period": period_title(period),
        "plans": number(len(plans)),
        "reg": number(registrations),
        "awards": number(len(awards)),
        "ind": number(individuals),
        "col": number(len(awards) - individuals),
    }
    return data
