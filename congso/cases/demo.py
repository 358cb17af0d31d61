"""Demo data for the cases app: a realistic year of reports and cases in every state.

About 1,300 cases over the twelve months before today (public reports, social monitors,
inspections, the press, heads' records, self-reports), in every state, many overdue, with
their timelines, measures (some discipline under the rule set of the day), a few appeals (some
pending, some upheld, two reversed), praises that became exemplars, reports still waiting to
be screened, spam, duplicates and forwarded ones, threads with reporters, award freezes, two
identity reveals and the reminders of the day. Written in bulk (a few dozen queries per kind)
with one audit row per kind, like org.demo; the services are exercised by the tests.

Part of the data is put where the demo logins can act: cases of the provincial inspectorate
(login "xuly"), of the health department (login "thutruong"), appeals reviewable by the
inspector of the home-affairs department ("thanhtra"), and a fresh violation of the demo staff
member ("canbo") that can still be appealed.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from congso.cases.choices import (
    AppealOutcome,
    CaseKind,
    CaseSource,
    CaseState,
    FreezeReason,
    MeasureKind,
    Severity,
)
from congso.cases.demo_reports import write_reports
from congso.cases.models import (
    Appeal,
    AwardFreeze,
    Case,
    CaseEvent,
    Exemplar,
    Measure,
)
from congso.cases.rules import (
    DEFAULT_APPEAL_WINDOW_DAYS,
    DEFAULT_STAGE_DAYS,
    FREEZING_STATES,
)
from congso.cases.services import send_reminders
from congso.common.audit import audit_record
from congso.common.calendar import load_calendar
from congso.common.workdays import add_working_days
from congso.conduct.in_force import versions_in_force_by_unit
from congso.conduct.models import Clause, ViolationCategory
from congso.org.models import OrgUnit, Person
from congso.policy.discipline import regime_for

Log = Callable[[str], None]

CASES = 1300
SOURCES = (
    [CaseSource.PUBLIC_REPORT] * 50
    + [CaseSource.SOCIAL_MONITOR] * 8
    + [CaseSource.INSPECTION] * 15
    + [CaseSource.PRESS] * 5
    + [CaseSource.HEAD_RECORD] * 18
    + [CaseSource.SELF_REPORT] * 4
)
# What a case says, by its violation category: a summary never contradicts its category.
SUMMARIES_BY_CATEGORY = {
    "working_hours": ["Đi muộn, về sớm nhiều lần trong tháng", "Bỏ vị trí làm việc trong giờ"],
    "dress_badge": [
        "Không đeo thẻ công chức khi tiếp công dân",
        "Trang phục không đúng quy định khi tiếp dân",
    ],
    "citizen_communication": [
        "Thái độ thiếu tôn trọng, nói trống không với người dân",
        "Dùng điện thoại việc riêng lâu khi người dân chờ",
    ],
    "colleague_conduct": ["Lời lẽ xúc phạm đồng nghiệp trong cuộc họp"],
    "harassment_bribery": [
        "Gợi ý người dân nộp thêm khoản ngoài quy định",
        "Hẹn người dân nhiều lần, không giải thích rõ hồ sơ còn thiếu gì",
    ],
    "duty_evasion": ["Từ chối tiếp nhận hồ sơ, đẩy người dân sang cơ quan khác"],
    "alcohol": ["Uống rượu bia trong giờ làm việc"],
    "smoking": ["Hút thuốc lá trong phòng làm việc"],
    "office_order": ["Để hồ sơ, vật dụng bừa bãi tại nơi tiếp dân"],
    "social_media": ["Đăng tải thông tin chưa kiểm chứng lên mạng xã hội"],
    "public_place": ["Có lời nói, cử chỉ thiếu văn hóa tại nơi công cộng"],
    "gambling_social_evils": ["Tham gia đánh bạc ăn tiền ngoài giờ làm việc"],
    "other": ["Không chấp hành nội quy cơ quan"],
}
MISCONDUCT = [text for texts in SUMMARIES_BY_CATEGORY.values() for text in texts]
PRAISE = [
    "Hướng dẫn tận tình, giúp người cao tuổi hoàn thiện hồ sơ",
    "Ở lại ngoài giờ để trả kết quả đúng hẹn",
    "Nhặt được tài sản, trả lại cho người dân",
    "Giải thích rõ ràng, niềm nở với đồng bào dân tộc thiểu số",
]
PUBLIC_NOTES = {
    CaseState.VERIFYING: "Cơ quan đã tiếp nhận và đang xác minh nội dung phản ánh.",
    CaseState.CONFIRMED: "Nội dung phản ánh đã được xác minh là đúng.",
    CaseState.DISMISSED: "Qua xác minh, nội dung phản ánh không có căn cứ.",
    CaseState.CLOSED: "Cơ quan đã xử lý xong và chấn chỉnh theo quy định.",
}


@dataclass
class Step:
    at: date
    state: str
    note: str = ""


@dataclass
class Plan:
    """One case to write, with the history that led to its state."""

    kind: str
    source: str
    person: object
    created: date
    urgent: bool
    steps: list[Step] = field(default_factory=list)
    category: object = None
    severity: str = ""
    appeal: str = ""  # "", "pending", "upheld", "reversed"

    @property
    def state(self) -> str:
        return self.steps[-1].state


def _aware(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59))))


def _path(rng: random.Random, kind: str, age: int) -> list[str]:
    """The states a case went through, by its age in days (older cases are mostly done)."""
    if kind == CaseKind.PRAISE:
        ends = (
            ["received", "verifying", "closed", "closed", "dismissed"]
            if age > 20
            else ["received", "verifying", "confirmed"]
        )
        end = rng.choice(ends)
    elif age < 10:
        end = rng.choice(["received"] * 6 + ["verifying"] * 4)
    elif age < 45:
        end = rng.choice(
            ["received"]
            + ["verifying"] * 4
            + ["confirmed"] * 2
            + ["dismissed"] * 2
            + ["handling"] * 2
        )
    else:
        end = rng.choice(
            ["verifying"] + ["confirmed"] + ["dismissed"] * 5 + ["handling"] * 2 + ["closed"] * 11
        )
    orders = {
        "received": ["received"],
        "verifying": ["received", "verifying"],
        "dismissed": ["received", "verifying", "dismissed"],
        "confirmed": ["received", "verifying", "confirmed"],
        "handling": ["received", "verifying", "confirmed", "handling"],
        "closed": ["received", "verifying", "confirmed", "handling", "closed"]
        if kind == CaseKind.MISCONDUCT
        else ["received", "verifying", "confirmed", "closed"],
    }
    return orders[end]


def _plan(rng, *, person, source, created, today, categories) -> Plan:
    kind = CaseKind.PRAISE if rng.random() < 0.12 else CaseKind.MISCONDUCT
    plan = Plan(
        kind=kind, source=source, person=person, created=created, urgent=rng.random() < 0.05
    )
    day = created
    for state in _path(rng, kind, (today - created).days):
        if plan.steps:
            day = min(today, day + timedelta(days=rng.randint(1, 14)))
        plan.steps.append(Step(day, state))
    if kind == CaseKind.MISCONDUCT:
        plan.category = rng.choice(categories)
        plan.severity = rng.choice(
            [Severity.MINOR] * 6 + [Severity.SERIOUS] * 3 + [Severity.VERY_SERIOUS]
        )
    return plan


class _Writer:
    """Turns plans into rows, in bulk."""

    def __init__(self, *, rng, today, handlers):
        self.rng, self.today, self.handlers = rng, today, handlers
        self.calendar = load_calendar(today - timedelta(days=420), today + timedelta(days=120))

    def due(self, start: date, state: str, urgent: bool) -> date | None:
        if state in (CaseState.CLOSED, CaseState.DISMISSED):
            return None
        days = 1 if urgent and state == CaseState.RECEIVED else DEFAULT_STAGE_DAYS[state]
        return add_working_days(start, days, self.calendar)

    def case_row(self, plan: Plan, clause_id) -> Case:
        last = plan.steps[-1]
        confirmed = next((s.at for s in plan.steps if s.state == CaseState.CONFIRMED), None)
        handling = next((s.at for s in plan.steps if s.state == CaseState.HANDLING), None)
        texts = PRAISE
        if plan.kind == CaseKind.MISCONDUCT:
            code = plan.category.code if plan.category else ""
            texts = SUMMARIES_BY_CATEGORY.get(code, MISCONDUCT)
        return Case(
            unit_id=plan.person.unit_id,
            code=f"tmp-{secrets.token_hex(6)}",
            kind=plan.kind,
            source=plan.source,
            summary=self.rng.choice(texts),
            urgent=plan.urgent,
            state=last.state,
            person=plan.person,
            category=plan.category,
            occurred_on=plan.created - timedelta(days=self.rng.randint(0, 5)),
            handler_id=self.handlers.get(plan.person.unit_id),
            stage_started_on=last.at,
            due_on=self.due(last.at, last.state, plan.urgent),
            dismiss_reason="Không đủ căn cứ xác định vi phạm."
            if last.state == CaseState.DISMISSED
            else "",
            clause_id=clause_id if confirmed and plan.kind == CaseKind.MISCONDUCT else None,
            severity=plan.severity if confirmed else "",
            culture=plan.category.culture if confirmed and plan.category else "",
            confirmed_on=confirmed,
            appeal_deadline=add_working_days(confirmed, DEFAULT_APPEAL_WINDOW_DAYS, self.calendar)
            if confirmed and plan.kind == CaseKind.MISCONDUCT
            else None,
            processing_started_on=handling,
        )


def _people_groups():
    people = list(
        Person.unscoped.filter(is_active=True)
        .select_related("unit")
        .only("id", "unit_id", "unit__path", "category", "is_leader", "full_name")
    )
    shorts = dict(
        OrgUnit.unscoped.filter(short_name__in=["SYT", "TTr tỉnh", "SNV"]).values_list(
            "short_name", "path"
        )
    )
    groups = {
        short: [p for p in people if p.unit.path.startswith(path)] for short, path in shorts.items()
    }
    return people, groups


def _draw_person(rng, people, groups):
    roll = rng.random()
    for share, short in ((0.12, "SYT"), (0.20, "TTr tỉnh"), (0.28, "SNV")):
        if roll < share and groups.get(short):
            return rng.choice(groups[short])
    return rng.choice(people)


def _clauses(plans: list[Plan]) -> dict[int, int | None]:
    """Clause in force for each misconduct plan (index → clause id), a query per day."""

    by_day: dict[date, list[int]] = {}
    for index, plan in enumerate(plans):
        if plan.kind == CaseKind.MISCONDUCT:
            by_day.setdefault(plan.created, []).append(index)
    version_of: dict[int, int | None] = {}
    for day, indexes in by_day.items():
        paths = {plans[i].person.unit_id: plans[i].person.unit.path for i in indexes}
        versions = versions_in_force_by_unit(unit_paths=paths, on=day)
        for i in indexes:
            version_of[i] = versions.get(plans[i].person.unit_id)
    clause_map: dict[tuple[int, int], int] = {}
    rows = Clause.unscoped.filter(
        version_id__in={v for v in version_of.values() if v}, category__isnull=False
    ).order_by("-ordering", "-id")
    for version_id, category_id, clause_id in rows.values_list("version_id", "category_id", "id"):
        clause_map[(version_id, category_id)] = clause_id  # the first in article order wins
    return {
        i: clause_map.get((v, plans[i].category.pk)) if v else None for i, v in version_of.items()
    }


def load_demo(*, rng: random.Random, log: Log) -> None:
    today = timezone.localdate()
    categories = list(ViolationCategory.objects.filter(is_active=True))
    people, groups = _people_groups()
    if not people or not categories:
        log("- cases: chưa có cán bộ hoặc danh mục vi phạm, bỏ qua")
        return
    users = dict(
        get_user_model()
        .objects.filter(username__in=["xuly", "giudanhtinh", "canbo", "giamsat"])
        .values_list("username", "id")
    )
    handlers = {p.unit_id: users["xuly"] for p in groups.get("TTr tỉnh", []) if "xuly" in users}
    writer = _Writer(rng=rng, today=today, handlers=handlers)
    plans = [
        _plan(
            rng,
            person=_draw_person(rng, people, groups),
            source=rng.choice(SOURCES),
            created=today - timedelta(days=int(365 * rng.random() ** 1.3)),
            today=today,
            categories=categories,
        )
        for _ in range(CASES)
    ]
    canbo = Person.unscoped.filter(user__username="canbo").select_related("unit").first()
    if canbo is not None:  # a fresh violation the demo staff member may still appeal
        plans.append(
            Plan(
                CaseKind.MISCONDUCT,
                CaseSource.HEAD_RECORD,
                canbo,
                today - timedelta(days=3),
                False,
                [
                    Step(today - timedelta(days=3), "received"),
                    Step(today - timedelta(days=2), "verifying"),
                    Step(today - timedelta(days=1), "confirmed"),
                ],
                category=categories[0],
                severity=Severity.MINOR,
            )
        )
    clauses = _clauses(plans)
    for index, plan in enumerate(plans):  # no clause in force: the finding cannot stand yet
        if plan.kind == CaseKind.MISCONDUCT and not clauses.get(index):
            while plan.steps[-1].state not in ("received", "verifying", "dismissed"):
                plan.steps.pop()
    _mark_appeals(rng, plans, groups, today)
    cases = Case.objects.bulk_create(
        [writer.case_row(p, clauses.get(i)) for i, p in enumerate(plans)], batch_size=500
    )
    for case, plan in zip(cases, plans, strict=True):
        case.code = f"VV{plan.created.year}-{case.pk:06d}"
        case.created_at = _aware(plan.created, rng)
    Case.objects.bulk_update(cases, ["code", "created_at"], batch_size=500)
    counts = _write_children(rng, today, cases, plans, users)
    counts["cases"] = len(cases)
    counts.update(write_reports(rng, today, cases, plans, people, users))

    sent = send_reminders(today=today)
    audit_record(actor=None, action="cases.demo_load", object_type="cases.case", new=counts)
    log(
        f"- cases: {counts['cases']} vụ việc, {counts['reports']} phản ánh, "
        f"{counts['appeals']} khiếu nại, {counts['exemplars']} gương điển hình, "
        f"{sent['handler'] + sent['head']} nhắc hạn"
    )
    if counts.get("receipt"):
        log(f"  mã tiếp nhận mẫu để tra cứu tại /cong-dan/phan-anh/tra-cuu/: {counts['receipt']}")


def _mark_appeals(rng, plans: list[Plan], groups, today: date) -> None:
    """Eight appeals: three pending, three upheld, two reversed (SNV first: "thanhtra")."""
    snv = {p.pk for p in groups.get("SNV", [])}
    candidates = [
        p
        for p in plans
        if p.kind == CaseKind.MISCONDUCT
        and p.state in ("confirmed", "handling", "closed")
        and p.source != CaseSource.SELF_REPORT
        and p.steps[-1].at < today - timedelta(days=12)
    ]
    candidates.sort(key=lambda p: (p.person.pk not in snv, rng.random()))
    for plan, outcome in zip(
        candidates, ["pending"] * 3 + ["upheld"] * 3 + ["reversed"] * 2, strict=False
    ):
        states = [s.state for s in plan.steps]
        plan.steps = plan.steps[: states.index("confirmed") + 1]
        confirmed = plan.steps[-1].at
        plan.steps.append(Step(confirmed + timedelta(days=2), "appealed", "Tôi không vi phạm"))
        if outcome != "pending":
            plan.steps.append(Step(confirmed + timedelta(days=9), "reviewed"))
        plan.appeal = outcome


def _write_children(rng, today, cases, plans, users) -> dict:
    events, measures, appeals, freezes, exemplars = [], [], [], [], []
    for case, plan in zip(cases, plans, strict=True):
        previous = ""
        for step in plan.steps:
            events.append(
                CaseEvent(
                    case=case,
                    at=_aware(step.at, rng),
                    actor_label="dữ liệu mẫu",
                    action="create" if not previous else "transition",
                    from_state=previous,
                    to_state=step.state,
                    note=step.note,
                    public_note=PUBLIC_NOTES.get(step.state, "")
                    if plan.source in (CaseSource.PUBLIC_REPORT, CaseSource.SOCIAL_MONITOR)
                    else "",
                )
            )
            previous = step.state
        if plan.appeal:
            appealed = next(s.at for s in plan.steps if s.state == "appealed")
            appeals.append(
                Appeal(
                    case=case,
                    reason="Tôi không vi phạm; đề nghị xem xét lại.",
                    review_due_on=appealed + timedelta(days=21),
                    outcome={
                        "pending": AppealOutcome.PENDING,
                        "upheld": AppealOutcome.UPHELD,
                        "reversed": AppealOutcome.REVERSED,
                    }[plan.appeal],
                    review_note=""
                    if plan.appeal == "pending"
                    else "Đã xem xét hồ sơ, ý kiến các bên.",
                    reviewed_at=None
                    if plan.appeal == "pending"
                    else _aware(appealed + timedelta(7), rng),
                )
            )
            if plan.appeal == "reversed":
                case.reversed = True
        if plan.kind == CaseKind.MISCONDUCT and plan.state in ("handling", "closed"):
            measures.append(_measure(rng, case, plan))
        if plan.kind == CaseKind.PRAISE and case.confirmed_on:
            exemplars.append(
                Exemplar(
                    unit_id=plan.person.unit_id,
                    person=plan.person,
                    case=case,
                    summary=case.summary,
                    recognised_on=case.confirmed_on,
                    source=plan.source,
                )
            )
        if plan.kind == CaseKind.MISCONDUCT:
            open_now = plan.state in FREEZING_STATES and not case.reversed
            freezes.append(
                AwardFreeze(
                    unit_id=plan.person.unit_id,
                    person=plan.person,
                    reason=FreezeReason.OPEN_CASE,
                    ref=f"cases.case:{case.pk}",
                    opened_at=_aware(plan.created, rng),
                    closed_at=None if open_now else _aware(plan.steps[-1].at, rng),
                )
            )
    Case.objects.bulk_update([c for c in cases if c.reversed], ["reversed"])
    # auto_now_add overwrites the times on insert: put the history's times back afterwards.
    times = [event.at for event in events]
    CaseEvent.objects.bulk_create(events, batch_size=1000)
    for event, at in zip(events, times, strict=True):
        event.at = at
    CaseEvent.objects.bulk_update(events, ["at"], batch_size=1000)
    filed = [a.review_due_on - timedelta(days=21) for a in appeals]
    Appeal.objects.bulk_create(appeals)
    for appeal, day in zip(appeals, filed, strict=True):
        appeal.filed_at = _aware(day, rng)
    Appeal.objects.bulk_update(appeals, ["filed_at"])
    Measure.objects.bulk_create([m for m in measures if m is not None])
    AwardFreeze.objects.bulk_create(freezes, batch_size=1000)
    Exemplar.objects.bulk_create(exemplars)
    return {
        "events": len(events),
        "appeals": len(appeals),
        "exemplars": len(exemplars),
        "measures": len(measures),
    }


def _measure(rng, case, plan) -> Measure | None:
    handling = next((s.at for s in plan.steps if s.state == "handling"), plan.steps[-1].at)
    kind = rng.choice(
        [MeasureKind.REMINDER] * 7
        + [MeasureKind.CRITICISM] * 6
        + [MeasureKind.SELF_CRITICISM] * 4
        + [MeasureKind.DISCIPLINE] * 3
    )
    regime = regime_for(category=plan.person.category, on=handling)
    if kind == MeasureKind.DISCIPLINE and regime is not None:
        return Measure(
            case=case,
            kind=kind,
            discipline_form=rng.choice(regime.forms[:2]),
            regime=regime.code,
            decision_number=f"{rng.randint(10, 400)}/QĐ-UBND",
            decision_date=handling,
            duration_months=12,
        )
    kind = MeasureKind.CRITICISM if kind == MeasureKind.DISCIPLINE else kind
    return Measure(case=case, kind=kind, note="Đã thực hiện tại cuộc họp đơn vị.")
