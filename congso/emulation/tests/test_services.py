"""Services of the emulation app: the workflow and every refused input (Vietnamese message,
nothing half-written)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import actor_of, build_world, make_person, make_user
from congso.emulation import selectors, services
from congso.emulation.models import (
    Award,
    Ballot,
    Decision,
    Initiative,
    Proposal,
    ProposalState,
    Registration,
    RegistrationState,
    TitleRecord,
)
from congso.emulation.rules import EmulationError
from congso.emulation.tests.factories import plan, published_result, title
from congso.evaluation.models import YearFacts

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def officer(world):
    person = make_person(world.province, full_name="Đỗ Thị Thu")
    return make_user("thidua", roles=[(Role.EMULATION_OFFICER, world.province)], person=person)


def _xlsx(rows):
    book = Workbook()
    sheet = book.active
    sheet.append(list(services.HISTORY_COLUMNS))
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Registration


def test_registration_after_deadline_is_refused_and_nothing_is_written(world):
    p = plan(world.province, deadline=date(2026, 3, 31))
    alice = actor_of(world.alice)
    with pytest.raises(EmulationError) as err:
        services.registration_create(
            actor=alice,
            plan=p,
            title=title("ldtt"),
            person=world.alice.person,
            today=date(2026, 4, 1),
        )
    assert "Đã quá hạn đăng ký thi đua (hạn cuối 31/03/2026)" in str(err.value.message)
    assert not Registration.unscoped.exists()


def test_registration_goes_draft_submitted_returned_then_approved(world, officer):
    p = plan(world.province)
    alice = actor_of(world.alice)
    row = services.registration_create(
        actor=alice, plan=p, title=title("ldtt"), person=world.alice.person, today=date(2026, 1, 5)
    )
    services.registration_submit(actor=alice, registration=row, today=date(2026, 1, 6))
    with pytest.raises(EmulationError) as err:
        services.registration_decide(actor=actor_of(officer), registration=row, approve=False)
    assert "lý do" in str(err.value.message)
    services.registration_decide(
        actor=actor_of(officer), registration=row, approve=False, reason="Bổ sung cam kết"
    )
    row.refresh_from_db()
    assert row.state == RegistrationState.RETURNED and row.return_reason == "Bổ sung cam kết"
    services.registration_submit(actor=alice, registration=row, today=date(2026, 1, 7))
    services.registration_decide(actor=actor_of(officer), registration=row, approve=True)
    row.refresh_from_db()
    assert row.state == RegistrationState.APPROVED
    assert AuditEntry.objects.filter(action__startswith="emulation.registration").count() == 5


def test_registration_twice_for_one_title_is_refused(world):
    p = plan(world.province)
    alice = actor_of(world.alice)
    kwargs = {
        "actor": alice,
        "plan": p,
        "title": title("ldtt"),
        "person": world.alice.person,
        "today": date(2026, 1, 5),
    }
    services.registration_create(**kwargs)
    with pytest.raises(EmulationError, match="Đã đăng ký"):
        services.registration_create(**kwargs)


def test_staff_cannot_register_a_colleague(world):
    from django.core.exceptions import PermissionDenied

    p = plan(world.province)
    with pytest.raises(PermissionDenied):
        services.registration_create(
            actor=actor_of(world.alice),
            plan=p,
            title=title("ldtt"),
            person=world.head_a.person,
            today=date(2026, 1, 5),
        )


def test_urging_lists_agencies_without_a_submitted_registration(world, officer):
    p = plan(world.province)
    head = actor_of(world.head_a)
    row = services.registration_create(
        actor=head, plan=p, title=title("ttldtt"), unit=world.agency_a, today=date(2026, 1, 5)
    )
    services.registration_submit(actor=head, registration=row, today=date(2026, 1, 5))
    late = selectors.urging(actor=actor_of(officer), plan=p)
    assert [r.unit for r in late] == [world.agency_b]


# History import


def test_history_import_names_row_and_column_of_bad_rows_and_writes_nothing(world, officer):
    code = world.alice.person.staff_code
    content = _xlsx(
        [
            [code, "", 2023, "cstdcs", "12/QĐ-SNV"],
            ["KHONG-CO", "", 2023, "ldtt", ""],
            [code, "", 2031, "ldtt", ""],
            [code, "", 2022, "khong_co", ""],
        ]
    )
    with pytest.raises(services.ImportErrors) as err:
        services.history_import(
            actor=actor_of(officer), unit=world.province, content=content, this_year=2026
        )
    lines = err.value.lines()
    assert lines[0] == "Dòng 3, cột “Mã cán bộ”: không có người này trong đơn vị."
    assert lines[1].startswith("Dòng 4, cột “Năm”")
    assert lines[2] == "Dòng 5, cột “Mã danh hiệu”: không có trong danh mục."
    assert not TitleRecord.unscoped.exists()


def test_history_import_adds_titles(world, officer):
    code = world.alice.person.staff_code
    content = _xlsx([[code, "", 2023, "cstdcs", "12/QĐ-SNV"], [code, "", 2024, "cstdcs", ""]])
    assert (
        services.history_import(
            actor=actor_of(officer), unit=world.province, content=content, this_year=2026
        )
        == 2
    )
    assert set(TitleRecord.unscoped.values_list("year", flat=True)) == {2023, 2024}


# Eligibility and proposals


def test_eligibility_uses_only_published_results_with_reasons(world, officer):
    published_result(world.alice.person, state="proposal")
    rows = selectors.eligibility(
        actor=actor_of(officer), unit=world.agency_a, year=2025, titles=[title("ldtt")]
    )
    alice = next(r for r in rows if r.person_id == world.alice.person.pk)
    assert not alice.eligibility.eligible
    assert alice.eligibility.reasons[0]["code"] == "NO_RESULT"


def test_cstd_tinh_eligibility_from_history_and_province_initiative(world, officer):
    person = world.alice.person
    published_result(person, cstdcs=True)
    for year in (2023, 2024):
        TitleRecord.unscoped.create(
            unit_id=person.unit_id, person=person, year=year, title=title("cstdcs"), source="import"
        )
    found = selectors.eligibility_of(
        actor=actor_of(officer), title=title("cstd_tinh"), year=2025, person=person
    )
    assert [r["code"] for r in found.reasons] == ["CSTD_TINH_NO_INITIATIVE"]
    Initiative.unscoped.create(
        unit_id=person.unit_id,
        person=person,
        year=2025,
        name="Số hóa",
        summary="Hiệu quả",
        scope="tinh",
        state="recognised",
    )
    found = selectors.eligibility_of(
        actor=actor_of(officer), title=title("cstd_tinh"), year=2025, person=person
    )
    assert found.eligible


def test_proposing_someone_the_rules_block_shows_the_reason_and_writes_nothing(world, officer):
    published_result(world.alice.person, level="HTNV", ldtt=False)
    with pytest.raises(EmulationError) as err:
        services.proposal_create(
            actor=actor_of(officer),
            title=title("ldtt"),
            year=2025,
            person=world.alice.person,
            achievement="Hoàn thành nhiệm vụ",
        )
    text = str(err.value.message)
    assert "Không thể đề nghị Lao động tiên tiến" in text
    assert "dưới mức hoàn thành tốt nhiệm vụ" in text and "Điều 24" in text
    assert not Proposal.unscoped.exists()


def test_award_freeze_blocks_a_proposal(world, officer):
    from django.utils import timezone

    from congso.cases.models import AwardFreeze

    published_result(world.alice.person)
    AwardFreeze.unscoped.create(
        unit=world.agency_a,
        person=world.alice.person,
        reason="case",
        ref="cases.case:1",
        opened_at=timezone.now(),
    )
    with pytest.raises(EmulationError, match="Tạm chưa xét khen thưởng"):
        services.proposal_create(
            actor=actor_of(officer),
            title=title("ldtt"),
            year=2025,
            person=world.alice.person,
            achievement="Tốt",
        )


def test_initiative_recognition_sets_year_facts_through_evaluation(world, officer):
    row = services.initiative_submit(
        actor=actor_of(world.alice),
        person=world.alice.person,
        year=2026,
        name="Phần mềm tra cứu",
        summary="Giảm thời gian",
    )
    services.initiative_decide(
        actor=actor_of(officer), initiative=row, recognise=True, on=date(2026, 11, 1)
    )
    facts = YearFacts.unscoped.get(person=world.alice.person, year=2026)
    assert facts.recognised_initiative


# Council and decisions


def _council(world, officer, n_members=9):
    members = [
        (make_person(world.province, full_name=f"Ủy viên {i}"), "member", True)
        for i in range(n_members - 1)
    ]
    members.append((world.alice.person, "member", True))
    return services.meeting_create(
        actor=actor_of(officer),
        unit=world.province,
        year=2025,
        held_on=date(2025, 12, 20),
        place="UBND tỉnh",
        members=members,
    )


def _proposal(world, officer, code="ldtt"):
    published_result(world.alice.person)
    return services.proposal_create(
        actor=actor_of(officer),
        title=title(code),
        year=2025,
        person=world.alice.person,
        achievement="Hoàn thành tốt",
    )


def test_a_tally_exceeding_members_present_is_refused(world, officer):
    meeting = _council(world, officer)
    proposal = _proposal(world, officer)
    with pytest.raises(EmulationError) as err:
        services.tally_record(
            actor=actor_of(officer),
            meeting=meeting,
            proposal=proposal,
            agree=8,
            disagree=1,
            recused=[world.alice.person.pk],
        )
    assert "vượt quá số thành viên có mặt được bỏ phiếu (8)" in str(err.value.message)
    assert not Ballot.objects.exists()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PROPOSED


def test_a_member_cannot_vote_on_their_own_proposal(world, officer):
    meeting = _council(world, officer)
    proposal = _proposal(world, officer)
    with pytest.raises(EmulationError) as err:
        services.tally_record(
            actor=actor_of(officer), meeting=meeting, proposal=proposal, agree=9, disagree=0
        )
    assert "Nguyễn Thị Hoa là người được đề nghị" in str(err.value.message)
    assert not Ballot.objects.exists()


def test_threshold_counts_members_entitled_to_vote(world, officer):
    meeting = _council(world, officer, n_members=10)
    proposal = _proposal(world, officer)
    ballot = services.tally_record(
        actor=actor_of(officer),
        meeting=meeting,
        proposal=proposal,
        agree=5,
        disagree=4,
        recused=[world.alice.person.pk],
    )
    assert ballot.members == 9 and ballot.passed  # 5 of 9 ≥ 50 %
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PASSED


def test_decision_number_used_twice_in_a_year_is_refused(world, officer):
    meeting = _council(world, officer)
    proposal = _proposal(world, officer)
    services.tally_record(
        actor=actor_of(officer),
        meeting=meeting,
        proposal=proposal,
        agree=8,
        disagree=0,
        recused=[world.alice.person.pk],
    )
    kwargs = {
        "actor": actor_of(officer),
        "unit": world.province,
        "year": 2025,
        "number": 125,
        "signed_on": date(2025, 12, 28),
        "signer": "Nguyễn Văn Tỉnh",
        "signer_title": "Chủ tịch",
        "subject": "Tặng danh hiệu",
    }
    decision = services.decision_issue(proposals=[proposal], **kwargs)
    award = Award.unscoped.get(decision=decision)
    assert decision.ref == "125/QĐ-UBND"
    assert award.amount == 702000  # 0,3 × 2.340.000
    assert TitleRecord.unscoped.filter(person=world.alice.person, year=2025).exists()
    with pytest.raises(EmulationError) as err:
        services.decision_issue(proposals=[proposal], **kwargs)
    assert "Số 125/QĐ-UBND đã dùng cho một quyết định khác trong năm 2025" in str(err.value.message)
    assert Decision.unscoped.count() == 1


def test_revocation_records_reason_and_amount_and_is_audited(world, officer):
    meeting = _council(world, officer)
    proposal = _proposal(world, officer)
    services.tally_record(
        actor=actor_of(officer),
        meeting=meeting,
        proposal=proposal,
        agree=8,
        disagree=0,
        recused=[world.alice.person.pk],
    )
    decision = services.decision_issue(
        actor=actor_of(officer),
        unit=world.province,
        year=2025,
        number=7,
        signed_on=date(2025, 12, 28),
        signer="A",
        signer_title="Chủ tịch",
        subject="Tặng",
        proposals=[proposal],
    )
    award = decision.awards.get()
    with pytest.raises(EmulationError):
        services.award_revoke(
            actor=actor_of(officer),
            award=award,
            reason="Gian dối",
            on=date(2026, 2, 1),
            recover_amount=award.amount + 1,
        )
    services.award_revoke(
        actor=actor_of(officer), award=award, reason="Khai man hồ sơ", on=date(2026, 2, 1)
    )
    award.refresh_from_db()
    assert award.recover_amount == 702000 and award.revoked_on == date(2026, 2, 1)
    assert AuditEntry.objects.filter(action="emulation.award_revoke").exists()


def test_review_fills_figures_from_the_system_and_keeps_the_narrative(world, officer):
    p = plan(world.province, year=2026, deadline=date(2026, 3, 31))
    head = actor_of(world.head_a)
    row = services.registration_create(
        actor=head, plan=p, title=title("ttldtt"), unit=world.agency_a, today=date(2026, 1, 5)
    )
    services.registration_submit(actor=head, registration=row, today=date(2026, 1, 6))
    with pytest.raises(EmulationError, match="Ghi nội dung"):
        services.review_save(actor=head, plan=p, unit=world.agency_a, kind="so_ket", narrative="  ")
    review = services.review_save(
        actor=head, plan=p, unit=world.agency_a, kind="so_ket", narrative="Đơn vị triển khai tốt."
    )
    assert review.figures["registrations"] == 1 and review.figures["registrations_pending"] == 1
    assert review.narrative == "Đơn vị triển khai tốt."


def test_urging_sends_a_notice_to_heads_of_agencies_not_registered(world, officer):
    from congso.cases.models import Notification

    p = plan(world.province)
    rows = selectors.urging(actor=actor_of(officer), plan=p)
    assert services.urging_send(actor=actor_of(officer), plan=p, rows=rows) == 3
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"head_a", "charlie", "admin_a"}  # admin_a holds every role on A
    assert "chưa gửi đăng ký thi đua" in Notification.objects.first().text
    assert AuditEntry.objects.filter(action="emulation.urging_send").exists()
