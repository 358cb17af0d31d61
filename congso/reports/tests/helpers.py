"""Data for report tests, made through the other apps' services."""

from __future__ import annotations

import io

from docx import Document

from congso.common.testing import make_person


def violation(unit, *, category=None, full_name: str = "Phạm Văn Dũng"):
    """A misconduct case opened today in `unit`, through the cases service."""
    from congso.cases.services.workflow import case_create

    person = make_person(unit, full_name=full_name)
    return case_create(
        actor=None,
        unit=unit,
        source="head_record",
        summary="Đi làm muộn, không đeo thẻ",
        person=person,
        category=category,
    )


def docx_text(content: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """Paragraph texts (body and table cells) and tables as rows of cell texts."""
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = []
    for table in doc.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        tables.append(rows)
    return paragraphs, tables


def results(unit, year: int, levels, *, state: str = "published", prefix: str = "Người"):
    """A classification run of `unit` for `year` with one result per level given."""
    from datetime import date

    from congso.evaluation.models import Result, Run

    run = Run.unscoped.create(unit=unit, year=year, state=state, appeal_deadline=date(2099, 1, 1))
    for i, level in enumerate(levels):
        Result.unscoped.create(
            unit=unit,
            run=run,
            person=make_person(unit, full_name=f"{prefix} {i}"),
            category="cong_chuc",
            proposed=level,
            classification=level,
            rule_set="nd335_2025",
            reasons=[],
        )
    return run


def acknowledged_campaign(unit, readers, *, others: int = 0):
    """A campaign sent to `unit` (starting yesterday) that every user of `readers` opens and
    acknowledges through the dissemination services; `others` more staff who do not."""
    from congso.common.testing import actor_of
    from congso.dissemination import services
    from congso.dissemination.tests.factories import make_campaign

    for i in range(others):
        make_person(unit, full_name=f"Chưa Đọc {i}")
    campaign = make_campaign(unit)
    for user in readers:
        services.receipt_open(actor=actor_of(user), campaign=campaign)
        services.acknowledge(actor=actor_of(user), campaign=campaign)
    return campaign


def course_with(unit, start, people, *, passed=()):
    """A course of `unit` on `start` that `people` attended (those in `passed` passed)."""
    from congso.dissemination.models import Activity, Course, Participation

    Activity.unscoped.create(
        unit=unit, kind="talk", title="Tọa đàm văn hóa công vụ", start_on=start, end_on=start
    )
    course = Course.unscoped.create(
        unit=unit, title="Lớp bồi dưỡng văn hóa công vụ", start_on=start, end_on=start
    )
    for person in people:
        Participation.unscoped.create(
            unit=person.unit,
            course=course,
            person=person,
            attended=True,
            passed=person in passed,
        )
    return course


def awards(unit, year: int, codes, *, number: int = 1, revoked=()):
    """A decision of `year` awarding each title code of `codes` to a new person of `unit`
    (an empty person for codes starting with 'tt': a collective title)."""
    from datetime import date

    from congso.emulation.models import Award, AwardTitle, Decision

    decision = Decision.unscoped.create(
        unit=unit,
        year=year,
        number=number,
        signed_on=date(year, 12, 1),
        signer="Nguyễn Văn Chủ",
        signer_title="Chủ tịch",
        subject="Khen thưởng phong trào thi đua",
    )
    made = []
    for i, code in enumerate(codes):
        collective = code.startswith("tt")
        person = None if collective else make_person(unit, full_name=f"Người Được Khen {i}")
        made.append(
            Award.unscoped.create(
                unit=unit,
                decision=decision,
                title=AwardTitle.objects.get(code=code),
                person=person,
                subject_name=unit.name if collective else person.full_name,
                amount=1_000_000,
                code=f"KT{year}{number:03d}{i:03d}",
                revoked_on=date(year, 12, 20) if i in revoked else None,
            )
        )
    return made


def registrations(unit, year: int, states):
    """A plan of `year` with one person's registration of `unit` per state given."""
    from datetime import date

    from congso.emulation.models import AwardTitle, Plan, Registration

    plan = Plan.unscoped.create(
        unit=unit,
        year=year,
        name=f"Kế hoạch thi đua năm {year}",
        registration_deadline=date(year, 3, 31),
    )
    title = AwardTitle.objects.get(code="ldtt")
    plan.titles.set([title])
    for i, state in enumerate(states):
        Registration.unscoped.create(
            unit=unit,
            plan=plan,
            title=title,
            person=make_person(unit, full_name=f"Người Đăng Ký {i}"),
            state=state,
        )
    return plan
