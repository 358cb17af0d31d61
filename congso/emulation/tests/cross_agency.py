"""Cross-agency routes of the emulation app (see congso/common/tests/test_cross_agency.py)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from congso.common.testing import CrossAgencyRoute, make_person
from congso.emulation.models import (
    Award,
    AwardTitle,
    Decision,
    Initiative,
    Meeting,
    MeetingMember,
    Plan,
    Proposal,
    Registration,
    Review,
    TitleRecord,
)


def _title(code="ldtt"):
    return AwardTitle.objects.get(code=code)


def _plan(world, unit):
    plan = Plan.unscoped.create(
        unit=unit, year=2026, name="Kế hoạch thi đua 2026", registration_deadline=date(2099, 3, 31)
    )
    plan.titles.set(AwardTitle.objects.all())
    return plan


def _review(world, unit):
    return Review.unscoped.create(
        unit=unit, plan=_plan(world, unit), kind="so_ket", narrative="Sơ kết"
    )


def _registration(world, unit):
    person = make_person(unit, full_name="Phan Văn Đăng")
    return Registration.unscoped.create(
        unit=unit, plan=_plan(world, unit), title=_title(), person=person
    )


def _record(world, unit):
    person = make_person(unit, full_name="Lý Thị Ghi")
    return TitleRecord.unscoped.create(
        unit=unit, person=person, year=2024, title=_title(), source="import"
    )


def _initiative(world, unit):
    person = make_person(unit, full_name="Tạ Văn Sáng")
    return Initiative.unscoped.create(
        unit=unit, person=person, year=2026, name="Sáng kiến", summary="Tóm tắt"
    )


def _proposal(world, unit):
    person = make_person(unit, full_name="Mai Thị Đề")
    return Proposal.unscoped.create(
        unit=unit, year=2025, title=_title(), person=person, achievement="Thành tích"
    )


def _meeting(world, unit):
    meeting = Meeting.unscoped.create(unit=unit, year=2025, held_on=date(2025, 12, 20))
    MeetingMember.objects.create(meeting=meeting, person=make_person(unit, full_name="Hà Văn Họp"))
    return meeting


def _decision(world, unit):
    return Decision.unscoped.create(
        unit=unit,
        year=2025,
        number=1,
        signed_on=date(2025, 12, 28),
        signer="Ký",
        signer_title="Chủ tịch",
        subject="Khen thưởng",
    )


def _award(world, unit):
    person = make_person(unit, full_name="Ngô Thị Thưởng")
    return Award.unscoped.create(
        unit=unit,
        decision=_decision(world, unit),
        title=_title(),
        person=person,
        subject_name=person.full_name,
        amount=702000,
        code=f"X{person.pk:09d}",
    )


def _catalogue_title(world, unit):
    # Province-wide (not scoped): only the province's emulation officer edits it, so the
    # strongest user of agency A gets 404 like any other agency's.
    return AwardTitle.objects.create(
        code=f"moi_{unit.pk}",
        name="Danh hiệu mới",
        kind="title",
        subject="individual",
        rule="ldtt",
        basis="Điều 24",
    )


def _page(name: str):
    return lambda row: reverse(name, args=[row.pk])


def _unit_page(name: str):
    return lambda row: reverse(name, args=[row.unit_id])


def _route(model, make, names, method, unit_names=(), api=()):
    pages = [_page(n) for n in names] + [_unit_page(n) for n in unit_names]
    return CrossAgencyRoute(
        model=model,
        make=make,
        pages=pages,
        api=[path for _name, path in api],
        url_names=[*names, *unit_names, *(name for name, _path in api)],
        methods=(method,),
    )


ROUTES = [
    _route(
        Plan,
        _plan,
        ["emulation:plan"],
        "get",
        ["emulation:eligibility"],
        api=[
            (
                "api:emulation_eligibility",
                lambda row: f"/api/v1/emulation/units/{row.unit_id}/eligibility?year=2025",
            )
        ],
    ),
    _route(
        Plan,
        _plan,
        ["emulation:plan_register", "emulation:plan_review", "emulation:plan_urge"],
        "post",
        ["emulation:propose", "emulation:history_import"],
    ),
    _route(Registration, _registration, ["emulation:registration_step"], "post"),
    CrossAgencyRoute(model=TitleRecord, make=_record),
    _route(Review, _review, ["emulation:review_docx"], "get"),
    _route(Initiative, _initiative, ["emulation:initiative_decide"], "post"),
    _route(
        Proposal,
        _proposal,
        ["emulation:proposal"],
        "get",
        api=[("api:emulation_proposal", lambda row: f"/api/v1/emulation/proposals/{row.pk}")],
    ),
    _route(Proposal, _proposal, ["emulation:proposal_withdraw"], "post"),
    _route(Meeting, _meeting, ["emulation:meeting", "emulation:minutes"], "get"),
    _route(
        Meeting,
        _meeting,
        [
            "emulation:meeting_tally",
            "emulation:decision_create",
            "emulation:voting_open",
            "emulation:ballot",
            "emulation:voting_close",
        ],
        "post",
    ),
    _route(Meeting, _meeting, ["emulation:ballot"], "get"),
    _route(
        AwardTitle,
        _catalogue_title,
        ["emulation:catalogue_title"],
        "get",
    ),
    _route(
        AwardTitle,
        _catalogue_title,
        ["emulation:catalogue_update", "emulation:catalogue_coefficient"],
        "post",
    ),
    _route(Decision, _decision, ["emulation:decision", "emulation:decision_docx"], "get"),
    _route(
        Award,
        _award,
        ["emulation:award", "emulation:certificate"],
        "get",
        api=[("api:emulation_award", lambda row: f"/api/v1/emulation/awards/{row.pk}")],
    ),
    _route(Award, _award, ["emulation:award_revoke"], "post"),
]
