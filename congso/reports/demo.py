"""Demo unit reports (docs/demo.md): last year's annual reports of every reporting unit and
this year's Q1–Q3 reports of the province's direct units and the departments, most sent
(some late, some returned and sent again), a few drafts.

Reports are written through `unit_reports.services` (the audit rows, the frozen figures)
as their unit's head would; dates are then set back to when they would have been sent."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from congso.common.permissions import Role
from congso.common.scoping import Actor
from congso.common.testing import actor_of
from congso.reports.unit_reports import rules, selectors, services
from congso.reports.unit_reports.models import UnitReport
from congso.reports.unit_reports.reminders import reporting_units

SENT_SHARE = 0.88
LATE_SHARE = 0.15
RETURNED_SHARE = 0.08
RESULTS = (
    "Đơn vị đã quán triệt Chỉ thị đến toàn thể cán bộ, công chức, viên chức; duy trì "
    "thực hiện quy chế văn hóa công sở, niêm yết công khai tại trụ sở.",
    "Cán bộ, công chức thực hiện nghiêm giờ giấc, trang phục, đeo thẻ; thái độ phục vụ "
    "người dân được cải thiện rõ rệt.",
    "Đã tổ chức tự kiểm tra định kỳ việc thực hiện văn hóa công sở tại các phòng, bộ phận.",
)
LIMITS = (
    "Một số cán bộ còn đi muộn, về sớm; việc cập nhật cam kết của người mới tuyển dụng chậm.",
    "Cơ sở vật chất bộ phận một cửa còn chật hẹp.",
    "",
)
PROPOSALS = (
    "Đề nghị tỉnh tiếp tục tổ chức tập huấn kỹ năng giao tiếp, ứng xử cho cán bộ một cửa.",
    "Đề nghị bổ sung kinh phí cải tạo bộ phận tiếp nhận và trả kết quả.",
    "",
)
RETURN_REASONS = (
    "Đề nghị bổ sung số liệu xử lý vi phạm và nguyên nhân hạn chế.",
    "Phần đề xuất, kiến nghị chưa cụ thể; đề nghị hoàn thiện và gửi lại.",
)


def _writer(unit, heads: dict[int, object], fallback: Actor) -> Actor:
    user = heads.get(unit.pk)
    return actor_of(user) if user is not None else fallback


def _system_writer(unit) -> Actor:
    """Acts as the unit's reporting officer when the demo has no login on the unit: the
    capability on the unit only (so the level above is not in reach)."""
    from congso.common.permissions import Cap

    return Actor(
        user_id=None,
        username="demo-unit-report",
        display_name=unit.name,
        reach={Cap.REPORTS_UNIT: frozenset({unit.pk})},
    )


def _reviewer(unit) -> Actor:
    from congso.common.permissions import Cap

    return Actor(
        user_id=None,
        username="demo-review",
        display_name="demo",
        reach={Cap.REPORTS_UNIT: frozenset({unit.parent_id, unit.pk})},
    )


def _narrative(rng: random.Random) -> dict:
    keys = ["dissemination", "conduct", "violations"]
    return {
        k: {
            "results": rng.choice(RESULTS),
            "limits": rng.choice(LIMITS),
            "proposals": rng.choice(PROPOSALS),
        }
        for k in rng.sample(keys, 2)
    }


def _backdate(report: UnitReport, when) -> None:
    UnitReport.unscoped.filter(pk=report.pk).update(
        submitted_at=when, last_submitted_at=when, created_at=when - timedelta(days=3)
    )


def _one(rng, unit, kind, year, seq, heads, today) -> str:
    """Write one unit's report; returns its state ('' when the unit did not report)."""
    due = selectors.due_on(unit, kind, year, seq)
    if rng.random() > SENT_SHARE:
        if rng.random() < 0.4:  # started, not sent
            actor = _writer(unit, heads, _system_writer(unit))
            report = services.report_open(actor=actor, unit=unit, kind=kind, year=year, seq=seq)
            services.report_save(actor=actor, report=report, narrative=_narrative(rng))
            return "draft"
        return ""
    actor = _writer(unit, heads, _system_writer(unit))
    report = services.report_open(actor=actor, unit=unit, kind=kind, year=year, seq=seq)
    services.report_save(actor=actor, report=report, narrative=_narrative(rng))
    late = rng.random() < LATE_SHARE
    offset = rng.randint(1, 8) if late else -rng.randint(0, 6)
    sent_on = min(due + timedelta(days=offset), today)
    services.report_submit(actor=actor, report=report)  # freezes the live figures
    when = timezone.make_aware(datetime.combine(sent_on, time(9, rng.randint(0, 59))))
    _backdate(report, when)
    report.refresh_from_db()
    if sent_on + timedelta(days=7) > today or (
        kind == "quarter" and seq == 3 and rng.random() < 0.3
    ):
        return "submitted"  # recent, or the last quarter: some wait for the review
    reviewer = _reviewer(unit)
    if rng.random() < RETURNED_SHARE:
        services.report_review(
            actor=reviewer, report=report, accept=False, reason=rng.choice(RETURN_REASONS)
        )
        if rng.random() < 0.5:
            return "returned"
        report.refresh_from_db()
        services.report_submit(actor=actor, report=report)
        report.refresh_from_db()
    services.report_review(actor=reviewer, report=report, accept=True)
    return "accepted"


def load_demo(*, rng: random.Random, log: Callable[[str], None]) -> None:
    today = timezone.localdate()
    units = reporting_units(today)
    if not units:
        log("  chưa có cây đơn vị: bỏ qua báo cáo định kỳ")
        return
    User = get_user_model()
    heads = {}
    for user in User.objects.filter(grants__role=Role.UNIT_HEAD, is_active=True).prefetch_related(
        "grants"
    ):
        for grant in user.grants.all():
            if grant.role == Role.UNIT_HEAD:
                heads.setdefault(grant.unit_id, user)
    # The annual report: every reporting unit at every level (Sở Y tế's hospitals to Sở Y tế,
    # the departments to the provincial People's Committee, that one and the communes to the
    # province). The quarters: the province's direct units and the departments.
    state_top = {u.pk for u in units if u.depth == 1 and u.kind == "state"}
    quarterly = [u for u in units if u.depth == 1 or u.parent_id in state_top]
    periods = [("year", today.year - 1, 1, units)] + [
        ("quarter", today.year, q, quarterly)
        for q in (1, 2, 3)
        if rules.period_bounds("quarter", today.year, q)[1] <= today
    ]
    counts: dict[str, int] = {}
    for kind, year, seq, chosen in periods:
        for unit in chosen:
            state = _one(rng, unit, kind, year, seq, heads, today) or "missing"
            counts[state] = counts.get(state, 0) + 1
    log(
        "  báo cáo định kỳ: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + f" ({len(periods)} kỳ)"
    )
