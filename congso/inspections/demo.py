"""Demo data for inspections: Sở Nội vụ's annual plans (last year, closed; this year, under
way), scheduled and surprise visits with assessed checklists, findings that became cases, and
remediation tasks (some done, some overdue).

It goes through the services (checklists are drawn from each target's code in force, cases
are opened by congso.cases, award freezes follow the visits) with actor=None (a system job),
dating each visit's work on the visit day. Runs after the conduct and cases demos.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from congso.accounts.services import grant_role
from congso.common.permissions import Role
from congso.conduct.models import ViolationCategory
from congso.inspections import services
from congso.inspections.models import (
    FindingKind,
    ItemResult,
    RemediationTask,
    TaskStatus,
    Visit,
    VisitKind,
)
from congso.org.models import OrgUnit, Person, UnitKind

INSPECTING_SHORT = "SNV"
# The demo province's units and codes date from the merger (01/7/2025): no visit before.
EARLIEST = date(2025, 7, 15)
INSPECTOR_LOGIN = "thanhtra"
TARGETS_LAST_YEAR = 8
TARGETS_THIS_YEAR = 12
SURPRISE_VISITS = 4
P_NON_COMPLIANT = 0.08
P_NOT_APPLICABLE = 0.06
# Categories whose breaches are personal (→ a case); the others are the unit's (→ a task).
PERSONAL = {
    "working_hours",
    "dress_badge",
    "citizen_communication",
    "harassment_bribery",
    "alcohol",
    "smoking",
    "social_media",
    "colleague_conduct",
}
NOTES = {
    "working_hours": "Lúc {t} một công chức chưa có mặt tại vị trí làm việc, không báo cáo lý do.",
    "dress_badge": "Một công chức tại bộ phận một cửa không đeo thẻ khi tiếp công dân.",
    "citizen_communication": "Công chức trả lời người dân cộc lốc, không hướng dẫn cụ thể.",
    "harassment_bribery": "Người dân phản ánh bị yêu cầu bổ sung giấy tờ không có trong quy định.",
    "alcohol": "Có cán bộ sử dụng rượu bia trong giờ nghỉ trưa ngày làm việc.",
    "smoking": "Phát hiện hút thuốc lá trong phòng làm việc tầng 2.",
    "social_media": "Công chức chia sẻ thông tin công vụ chưa được phép công bố trên Facebook.",
    "colleague_conduct": "Mâu thuẫn giữa hai công chức cùng phòng ảnh hưởng công việc chung.",
    "office_order": "Một số phòng làm việc chưa có biển tên; khu vực để xe thu phí người dân.",
    "duty_evasion": "Hồ sơ chuyển qua nhiều bộ phận, chưa rõ người chịu trách nhiệm chính.",
    "public_place": "Chưa phổ biến quy tắc ứng xử nơi công cộng đến toàn thể công chức.",
    "gambling_social_evils": "Chưa tổ chức cam kết không tham gia cờ bạc, cá độ.",
    "other": "Chưa tổ chức phổ biến quy chế văn hóa công sở đến người lao động hợp đồng.",
}
TASK_TITLES = {
    "office_order": "Làm biển tên phòng làm việc; bỏ thu phí trông giữ xe của người dân",
    "duty_evasion": "Rà soát quy trình, phân công người chịu trách nhiệm từng thủ tục",
    "public_place": "Tổ chức phổ biến quy tắc ứng xử nơi công cộng",
    "gambling_social_evils": "Tổ chức ký cam kết không tham gia cờ bạc, cá độ",
    "other": "Phổ biến quy chế đến toàn bộ người lao động, lưu biên bản",
}


def _inspector(root: OrgUnit) -> None:
    """Sở Nội vụ inspects public service across the province: give the demo inspector reach
    over the whole province (the org demo grants the role on Sở Nội vụ only)."""
    user = get_user_model().objects.filter(username=INSPECTOR_LOGIN).first()
    if user is not None:
        grant_role(actor=None, user=user, role=Role.INSPECTOR, unit_id=root.pk)


def _targets(rng: random.Random, snv: OrgUnit, count: int, exclude: set[int]) -> list[OrgUnit]:
    agencies = list(
        OrgUnit.unscoped.filter(kind=UnitKind.STATE, valid_to__isnull=True, depth__gte=1)
        .exclude(pk=snv.pk)
        .exclude(pk__in=exclude)
    )
    communes = list(
        OrgUnit.unscoped.filter(kind=UnitKind.COMMUNE, valid_to__isnull=True).exclude(
            pk__in=exclude
        )
    )
    half = count // 2
    return rng.sample(agencies, min(half, len(agencies))) + rng.sample(
        communes, min(count - half, len(communes))
    )


def _people(unit: OrgUnit) -> list[Person]:
    return list(Person.unscoped.in_subtree(unit).filter(is_active=True).order_by("id")[:300])


def _assess(rng: random.Random, visit: Visit, *, complete: bool) -> list:
    """Give results to the checklist (all of it, or about two thirds for a visit under way);
    return the non-compliant items."""
    breaches = []
    for item in visit.items.select_related("clause__category"):
        if not complete and rng.random() < 0.35:
            continue
        roll = rng.random()
        if roll < P_NON_COMPLIANT:
            code = item.clause.category.code if item.clause.category_id else "other"
            note = NOTES.get(code, NOTES["other"]).format(t=f"{rng.randint(7, 8)} giờ 15")
            services.item_assess(actor=None, item=item, result=ItemResult.NON_COMPLIANT, note=note)
            breaches.append(item)
        elif roll < P_NON_COMPLIANT + P_NOT_APPLICABLE:
            services.item_assess(actor=None, item=item, result=ItemResult.NOT_APPLICABLE)
        else:
            services.item_assess(actor=None, item=item, result=ItemResult.COMPLIANT)
    return breaches


def _findings(rng: random.Random, visit: Visit, breaches: list, today: date) -> tuple[int, int]:
    people = _people(visit.unit)
    cases = tasks = 0
    for item in breaches:
        category = item.clause.category
        code = category.code if category else "other"
        if code in PERSONAL and people:
            services.finding_record(
                actor=None,
                visit=visit,
                kind=FindingKind.PERSON,
                description=item.note,
                person=rng.choice(people),
                category=category,
                item=item,
            )
            cases += 1
            continue
        finding = services.finding_record(
            actor=None, visit=visit, kind=FindingKind.UNIT, description=item.note, item=item
        )
        if people:
            task = services.task_create(
                actor=None,
                finding=finding,
                title=TASK_TITLES.get(code, TASK_TITLES["other"]),
                owner=rng.choice(people),
                working_days=rng.choice((10, 15, 20, 30)),
                assigned_on=visit.visit_on,
            )
            tasks += 1
            if task.due_on < today and rng.random() < 0.7:
                services.task_complete(actor=None, task=task, note="Đơn vị đã khắc phục, có ảnh.")
                done = min(today, task.due_on - timedelta(days=rng.randint(0, 8)))
                RemediationTask.unscoped.filter(pk=task.pk, status=TaskStatus.DONE).update(
                    done_on=max(done, visit.visit_on)
                )
    return cases, tasks


def _visit(rng, *, target, day, kind, plan, snv, inspectors, today) -> tuple[int, int]:
    visit = services.visit_schedule(
        actor=None,
        target=target,
        visit_on=day,
        kind=kind,
        inspecting_unit=snv,
        plan=plan,
        inspectors=inspectors,
        purpose="Kiểm tra việc thực hiện quy chế văn hóa công sở, kỷ luật, kỷ cương hành chính",
    )
    if day > today:
        return 0, 0
    visit = services.visit_start(actor=None, visit=visit)
    finished = day < today - timedelta(days=5)
    breaches = _assess(rng, visit, complete=finished)
    counts = _findings(rng, visit, breaches, today)
    if finished:
        n = len(breaches)
        conclusion = (
            "Đơn vị thực hiện tốt quy chế văn hóa công sở."
            if n == 0
            else f"Đơn vị cơ bản thực hiện quy chế; còn {n} nội dung chưa thực hiện đúng, "
            "đã giao khắc phục và chuyển vụ việc xử lý theo quy định."
        )
        services.visit_finish(actor=None, visit=visit, conclusion=conclusion)
    return counts


def _year(rng, *, year, snv, inspectors, today, exclude, count, closed) -> tuple[int, int, int]:
    targets = _targets(rng, snv, count, exclude)
    exclude.update(t.pk for t in targets)
    plan = services.plan_create(
        actor=None,
        unit=snv,
        year=year,
        title=f"Kế hoạch kiểm tra công vụ, văn hóa công sở năm {year}",
        description="Kiểm tra việc thực hiện Chỉ thị của Ban Thường vụ Tỉnh ủy về phong trào "
        "thi đua “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”.",
        targets=targets,
    )
    services.plan_advance(actor=None, plan=plan)
    visits = cases = tasks = 0
    first = max(date(year, 2, 15), EARLIEST)
    span = max(0, (date(year, 11, 30) - first).days)
    for index, target in enumerate(targets):
        day = first + timedelta(days=index * span // max(1, len(targets)))
        day += timedelta(days=rng.randint(0, 6))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        c, t = _visit(
            rng,
            target=target,
            day=day,
            kind=VisitKind.SCHEDULED,
            plan=plan,
            snv=snv,
            inspectors=inspectors,
            today=today,
        )
        visits, cases, tasks = visits + 1, cases + c, tasks + t
    if closed:
        services.plan_advance(actor=None, plan=plan)
    return visits, cases, tasks


def load_demo(*, rng: random.Random, log: Callable[[str], None]) -> None:
    snv = OrgUnit.unscoped.filter(short_name=INSPECTING_SHORT, valid_to__isnull=True).first()
    root = OrgUnit.unscoped.filter(
        parent__isnull=True, kind=UnitKind.PROVINCE, valid_to__isnull=True
    ).first()
    if snv is None or root is None or not ViolationCategory.objects.exists():
        log("  không tìm thấy Sở Nội vụ: bỏ qua dữ liệu thanh tra")
        return
    _inspector(root)
    today = timezone.localdate()
    inspectors = _people(snv)[:3]
    exclude: set[int] = set()
    last = _year(
        rng,
        year=today.year - 1,
        snv=snv,
        inspectors=inspectors,
        today=today,
        exclude=exclude,
        count=TARGETS_LAST_YEAR,
        closed=True,
    )
    this = _year(
        rng,
        year=today.year,
        snv=snv,
        inspectors=inspectors,
        today=today,
        exclude=exclude,
        count=TARGETS_THIS_YEAR,
        closed=False,
    )
    surprise = cases = tasks = 0
    for target in _targets(rng, snv, SURPRISE_VISITS, exclude):
        day = today - timedelta(days=rng.randint(1, 120))
        while day.weekday() >= 5:
            day -= timedelta(days=1)
        c, t = _visit(
            rng,
            target=target,
            day=day,
            kind=VisitKind.SURPRISE,
            plan=None,
            snv=snv,
            inspectors=inspectors,
            today=today,
        )
        surprise, cases, tasks = surprise + 1, cases + c, tasks + t
    log(
        f"  {last[0] + this[0] + surprise} cuộc kiểm tra ({surprise} đột xuất), "
        f"{last[1] + this[1] + cases} vụ việc từ kết luận, "
        f"{last[2] + this[2] + tasks} việc khắc phục"
    )
