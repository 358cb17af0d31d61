"""Pages of the emulation app, posted as a browser posts its forms."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from congso.common.inbox import collect
from congso.common.permissions import Role
from congso.common.testing import actor_of, build_world, login_client, make_person, make_user
from congso.emulation import services
from congso.emulation.models import Award, Proposal, Registration
from congso.emulation.tests.factories import plan, published_result, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def officer(world):
    person = make_person(world.province, full_name="Đỗ Thị Thu")
    return make_user("thidua", roles=[(Role.EMULATION_OFFICER, world.province)], person=person)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _award(world, officer) -> Award:
    published_result(world.alice.person)
    actor = actor_of(officer)
    proposal = services.proposal_create(
        actor=actor, title=title("ldtt"), year=2025, person=world.alice.person, achievement="Tốt"
    )
    members = [
        (make_person(world.province, full_name=f"Ủy viên {i}"), "member", True) for i in range(5)
    ]
    meeting = services.meeting_create(
        actor=actor,
        unit=world.province,
        year=2025,
        held_on=date(2025, 12, 20),
        place="",
        members=members,
    )
    services.tally_record(actor=actor, meeting=meeting, proposal=proposal, agree=5, disagree=0)
    decision = services.decision_issue(
        actor=actor,
        unit=world.province,
        year=2025,
        number=9,
        signed_on=date(2025, 12, 28),
        signer="Nguyễn Văn Tỉnh",
        signer_title="Chủ tịch UBND tỉnh",
        subject="Khen thưởng",
        proposals=[proposal],
        meeting=meeting,
    )
    return decision.awards.get()


def test_staff_registers_and_submits_from_the_plan_page(world):
    p = plan(world.province, deadline=date(2099, 3, 31))
    client = login_client(world.alice)
    page = client.get(reverse("emulation:plan", args=[p.pk]))
    assert page.status_code == 200 and "Đăng ký thi đua" in page.text
    response = client.post(
        reverse("emulation:plan_register", args=[p.pk]),
        {"title": str(title("ldtt").pk), "submit": "1"},
        follow=True,
    )
    assert "Đã ghi đăng ký thi đua." in _messages(response)
    row = Registration.unscoped.get()
    assert row.person_id == world.alice.person.pk and row.state == "submitted"


def test_registration_after_deadline_shows_the_message(world):
    p = plan(world.province, deadline=date(2020, 3, 31))
    client = login_client(world.alice)
    response = client.post(
        reverse("emulation:plan_register", args=[p.pk]),
        {"title": str(title("ldtt").pk)},
        follow=True,
    )
    assert "Đã quá hạn đăng ký thi đua (hạn cuối 31/03/2020)." in _messages(response)
    assert not Registration.unscoped.exists()


def test_blocked_proposal_from_the_page_shows_reason(world, officer):
    published_result(world.alice.person, level="HTNV", ldtt=False)
    client = login_client(officer)
    response = client.post(
        reverse("emulation:propose", args=[world.agency_a.pk]),
        {
            "nam": "2025",
            "title": str(title("ldtt").pk),
            "person": str(world.alice.person.pk),
            "achievement": "Thành tích",
        },
        follow=True,
    )
    assert any("Không thể đề nghị Lao động tiên tiến" in m for m in _messages(response))
    assert not Proposal.unscoped.exists()


def test_eligibility_page_lists_reasons_and_articles(world, officer):
    published_result(world.alice.person)
    response = login_client(officer).get(
        reverse("emulation:eligibility", args=[world.agency_a.pk]), {"nam": "2025"}
    )
    assert response.status_code == 200
    assert "Đủ tiêu chuẩn Lao động tiên tiến." in response.text and "Điều 24" in response.text


def test_tally_over_present_members_is_refused_on_the_page(world, officer):
    published_result(world.alice.person)
    actor = actor_of(officer)
    proposal = services.proposal_create(
        actor=actor, title=title("ldtt"), year=2025, person=world.alice.person, achievement="Tốt"
    )
    members = [
        (make_person(world.province, full_name=f"Ủy viên {i}"), "member", True) for i in range(3)
    ]
    meeting = services.meeting_create(
        actor=actor,
        unit=world.province,
        year=2025,
        held_on=date(2025, 12, 20),
        place="",
        members=members,
    )
    response = login_client(officer).post(
        reverse("emulation:meeting_tally", args=[meeting.pk]),
        {"proposal": str(proposal.pk), "agree": "3", "disagree": "1", "invalid": "0"},
        follow=True,
    )
    assert any("vượt quá số thành viên có mặt" in m for m in _messages(response))


def test_documents_open(world, officer):
    award = _award(world, officer)
    client = login_client(officer)
    docx = client.get(reverse("emulation:decision_docx", args=[award.decision_id]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "9/QĐ-UBND" in text and "702.000" in "".join(
        c.text for t in Document(io.BytesIO(docx.content)).tables for r in t.rows for c in r.cells
    )
    minutes = client.get(reverse("emulation:minutes", args=[award.decision.meeting_id]))
    assert minutes.status_code == 200 and minutes.content[:2] == b"PK"
    pdf = client.get(reverse("emulation:certificate", args=[award.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"


def test_verification_page_and_unknown_code_is_the_same_404(world, officer, client):
    award = _award(world, officer)
    page = client.get(reverse("honour:verify", args=[award.code]))
    assert page.status_code == 200 and "Giấy chứng nhận hợp lệ" in page.text
    assert "Nguyễn Thị Hoa" in page.text
    missing = client.get(reverse("honour:verify", args=["KHONGCOMA1"]))
    other = client.get("/vinh-danh/khong-co-trang-nay/")
    assert missing.status_code == other.status_code == 404
    assert missing.content == other.content


def test_honour_roll_shows_only_final_awards(world, officer, client):
    award = _award(world, officer)
    published_result(world.head_a.person)
    services.proposal_create(
        actor=actor_of(officer),
        title=title("ldtt"),
        year=2025,
        person=world.head_a.person,
        achievement="Tốt",
    )
    page = client.get(reverse("honour:roll"), {"nam": "2025"})
    assert award.subject_name in page.text
    assert "Trần Văn Bình" not in page.text  # proposed, not decided
    services.award_revoke(
        actor=actor_of(officer), award=award, reason="Khai man", on=date(2026, 1, 5)
    )
    assert award.subject_name not in client.get(reverse("honour:roll"), {"nam": "2025"}).text


def test_my_tasks_lists_draft_registrations_and_open_meetings(world, officer):
    p = plan(world.province, deadline=date(2099, 3, 31))
    services.registration_create(
        actor=actor_of(world.alice),
        plan=p,
        title=title("ldtt"),
        person=world.alice.person,
        today=date(2026, 1, 5),
    )
    services.meeting_create(
        actor=actor_of(officer),
        unit=world.province,
        year=2025,
        held_on=date(2025, 12, 20),
        place="",
        members=[(world.alice.person, "member", True)],
    )
    kinds = [item.kind for item in collect(actor_of(world.alice))]
    assert "Gửi đăng ký thi đua" in kinds and "Họp Hội đồng Thi đua – Khen thưởng" in kinds


def test_menu_entry_opens_for_those_who_see_it(world, officer):
    for user in (world.alice, officer, world.head_a):
        client = login_client(user)
        home = client.get("/")
        assert reverse("emulation:index") in home.text
        assert client.get(reverse("emulation:index")).status_code == 200
