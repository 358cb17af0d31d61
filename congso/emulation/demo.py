"""Demo data of the emulation movement, consistent with the evaluation demo's classifications:
the province's plans for 2025 and 2026; Sở Nội vụ (the `thidua` login's reach) with its 2025
cycle complete (registrations approved, recognised initiatives, proposals chosen from the
eligibility list of the final 2025 results, a council meeting with its tallies, the decision,
the awards and their certificates, a mid-term and a final review) and 2026 under way
(registrations in every state; other agencies not yet registered, so the reminder list has
rows). Earlier titles (2023–2024) stand for the Excel history import.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from django.contrib.auth import get_user_model

from congso.accounts.actors import build_actor
from congso.common.audit import audit_record
from congso.emulation import selectors, services
from congso.emulation.models import (
    AwardTitle,
    Initiative,
    Plan,
    Proposal,
    Registration,
    TitleRecord,
)
from congso.emulation.rules import EmulationError
from congso.org.models import OrgUnit, Person

Log = Callable[[str], None]


def _plan(root: OrgUnit, year: int, titles) -> Plan:
    return services.plan_create(
        actor=None,
        unit=root,
        year=year,
        name=f"Kế hoạch phong trào thi đua “Cán bộ, công chức, viên chức thi đua thực hiện "
        f"văn hóa công sở” năm {year}",
        registration_deadline=date(year, 3, 31),
        titles=titles,
        criteria="Chấp hành kỷ luật, kỷ cương hành chính; ứng xử văn minh với người dân; "
        "không có phản ánh vi phạm được xác nhận; chuyển đổi số trong giải quyết thủ tục.",
        milestones=f"Sơ kết: 30/6/{year}. Tổng kết: 15/12/{year}.",
    )


def load_demo(*, rng: random.Random, log: Log) -> None:
    root = OrgUnit.unscoped.filter(depth=0).order_by("id").first()
    user = get_user_model().objects.filter(username="thidua").first()
    if root is None or user is None:
        log("  (thi đua: chưa có tỉnh hoặc tài khoản thidua, bỏ qua)")
        return
    actor = build_actor(user, second_factor_verified=True)
    home = user.person.unit
    agency = home.parent if home.kind == "division" and home.parent_id else home
    titles = list(AwardTitle.objects.filter(active=True))
    by_code = {t.code: t for t in titles}
    plans = {year: _plan(root, year, titles) for year in (2025, 2026)}
    people = list(
        Person.unscoped.in_subtree(agency).filter(is_active=True).order_by("sort_key")[:400]
    )
    # Registrations: 2025 all approved; 2026 in every state.
    regs = [
        Registration(
            plan=plans[2025], unit_id=p.unit_id, person=p, title=by_code["ldtt"], state="approved"
        )
        for p in people
    ]
    regs.append(
        Registration(plan=plans[2025], unit=agency, title=by_code["ttldtt"], state="approved")
    )
    for p in people:
        state = rng.choices(["approved", "submitted", "draft", "returned"], [6, 2, 1, 1])[0]
        regs.append(
            Registration(
                plan=plans[2026],
                unit_id=p.unit_id,
                person=p,
                title=by_code["ldtt"],
                state=state,
                return_reason="Bổ sung bản cam kết thi đua có chữ ký."
                if state == "returned"
                else "",
            )
        )
    Registration.unscoped.bulk_create(regs)
    # History before the system (as if imported) and recognised initiatives.
    history = [
        TitleRecord(
            unit_id=p.unit_id,
            person=p,
            year=year,
            title=by_code["ldtt"],
            decision_ref=f"{10 + year % 10}/QĐ-SNV",
            source="import",
        )
        for p in people[: len(people) * 2 // 3]
        for year in (2023, 2024)
    ]
    Initiative.unscoped.bulk_create(
        Initiative(
            unit_id=p.unit_id,
            person=p,
            year=2025,
            name=name,
            summary=summary,
            scope="co_so",
            state="recognised",
            recognised_on=date(2025, 11, 20),
        )
        for p, (name, summary) in zip(
            people[:3],
            (
                ("Số hóa sổ theo dõi văn bản đến", "Giảm 40 % thời gian tra cứu văn bản."),
                ("Mẫu phiếu hẹn trả kết quả điện tử", "Người dân nhận tin nhắn khi có kết quả."),
                (
                    "Quy trình tiếp công dân một đầu mối",
                    "Rút ngắn thời gian chờ tại bộ phận một cửa.",
                ),
            ),
            strict=False,
        )
    )
    TitleRecord.unscoped.bulk_create(history, ignore_conflicts=True)
    audit_record(
        actor=None,
        action="emulation.demo_load",
        object_type="emulation.plan",
        object_id=str(plans[2025].pk),
        new={"registrations": len(regs), "history": len(history)},
    )
    # 2025: proposals from the eligibility list of the final results.
    proposals = []
    for code, limit in (("cstdcs", 3), ("ldtt", 20)):
        rows = [
            r
            for r in selectors.eligibility(
                actor=actor, unit=agency, year=2025, titles=[by_code[code]]
            )
            if r.eligibility.eligible
        ]
        for row in rows[:limit]:
            person = Person.unscoped.get(pk=row.person_id)
            try:
                proposals.append(
                    services.proposal_create(
                        actor=actor,
                        title=by_code[code],
                        year=2025,
                        person=person,
                        achievement=f"{person.full_name} hoàn thành tốt nhiệm vụ năm 2025, gương "
                        "mẫu thực hiện văn hóa công sở, không có phản ánh vi phạm.",
                    )
                )
            except EmulationError:
                continue
    if not proposals:
        log("  (thi đua: chưa có kết quả xếp loại 2025 đã chốt ở Sở Nội vụ, chưa có đề nghị)")
        return
    proposed = {p.person_id for p in proposals}
    members = [p for p in people if p.pk not in proposed][:7] or people[:7]
    meeting = services.meeting_create(
        actor=actor,
        unit=agency,
        year=2025,
        held_on=date(2026, 1, 10),
        place="Phòng họp Sở Nội vụ",
        members=[
            (p, "chair" if i == 0 else "secretary" if i == 1 else "member", i != 6)
            for i, p in enumerate(members)
        ],
    )
    present = len(members) - (1 if len(members) == 7 else 0)
    for proposal in proposals:
        agree = present if rng.random() < 0.85 else max(0, present - 3)
        services.tally_record(
            actor=actor, meeting=meeting, proposal=proposal, agree=agree, disagree=present - agree
        )
    passed = list(Proposal.unscoped.filter(pk__in=[p.pk for p in proposals], state="passed"))
    decision = services.decision_issue(
        actor=actor,
        unit=agency,
        year=2025,
        number=15,
        signed_on=date(2026, 1, 15),
        signer="Hoàng Minh Đức",
        signer_title="Giám đốc",
        subject="tặng danh hiệu thi đua năm 2025",
        proposals=passed,
        meeting=meeting,
    )
    for kind, text in (
        ("so_ket", "Sáu tháng đầu năm, 100 % công chức đăng ký thi đua."),
        (
            "tong_ket",
            "Cả năm hoàn thành các tiêu chí; tiếp tục nhân rộng mô hình một đầu mối tiếp công dân.",
        ),
    ):
        services.review_save(actor=actor, plan=plans[2025], unit=agency, kind=kind, narrative=text)
    log(
        f"  thi đua: {len(regs)} đăng ký, {len(proposals)} đề nghị, quyết định "
        f"{decision.ref} với {decision.awards.count()} khen thưởng"
    )
