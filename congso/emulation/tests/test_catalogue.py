"""The catalogue pages: titles and forms, bonus coefficients versioned by date, the base
salary; the province's emulation officer only; every change audited; bad input refused in
Vietnamese with nothing written; a decision uses the amounts in force on its signing day."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import (
    actor_of,
    build_world,
    login_client,
    make_person,
    make_user,
    unchanged_database,
)
from congso.emulation import services
from congso.emulation.models import AwardTitle, BaseSalary, TitleCoefficient
from congso.emulation.rules import EmulationError
from congso.emulation.tests.factories import published_result, title

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


def _decide(world, officer, *, signed_on, number=1):
    actor = actor_of(officer)
    published_result(world.alice.person)
    proposal = services.proposal_create(
        actor=actor, title=title("ldtt"), year=2025, person=world.alice.person, achievement="Tốt"
    )
    members = [(make_person(world.province, full_name=f"UV {i}"), "member", True) for i in range(3)]
    meeting = services.meeting_create(
        actor=actor,
        unit=world.province,
        year=2025,
        held_on=date(2025, 12, 20),
        place="",
        members=members,
    )
    services.tally_record(actor=actor, meeting=meeting, proposal=proposal, agree=3, disagree=0)
    return services.decision_issue(
        actor=actor,
        unit=world.province,
        year=2025,
        number=number,
        signed_on=signed_on,
        signer="Nguyễn Văn Tỉnh",
        signer_title="Chủ tịch UBND tỉnh",
        subject="Khen thưởng",
        proposals=[proposal],
        meeting=meeting,
    )


def test_a_decision_uses_the_coefficient_and_base_salary_in_force_on_its_signing_day(
    world, officer
):
    actor = actor_of(officer)
    services.coefficient_add(
        actor=actor, title=title("ldtt"), valid_from=date(2026, 1, 1), coefficient=Decimal("0.5")
    )
    services.base_salary_add(actor=actor, valid_from=date(2026, 1, 1), amount=2_500_000)
    # Signed before the new amounts: 0,3 × 2.340.000 = 702.000 đồng.
    assert _decide(world, officer, signed_on=date(2025, 12, 28)).awards.get().amount == 702_000


def test_a_decision_signed_after_a_new_version_uses_it(world, officer):
    actor = actor_of(officer)
    services.coefficient_add(
        actor=actor, title=title("ldtt"), valid_from=date(2026, 1, 1), coefficient=Decimal("0.5")
    )
    services.base_salary_add(actor=actor, valid_from=date(2026, 1, 1), amount=2_500_000)
    award = _decide(world, officer, signed_on=date(2026, 1, 5)).awards.get()
    assert award.amount == 1_250_000


def test_a_decision_without_a_coefficient_in_force_is_refused(world, officer):
    TitleCoefficient.objects.filter(title=title("ldtt")).update(valid_from=date(2027, 1, 1))
    with pytest.raises(EmulationError) as err:
        _decide(world, officer, signed_on=date(2025, 12, 28))
    assert "Chưa khai báo hệ số tiền thưởng của “Lao động tiên tiến”" in str(err.value.message)


def test_the_officer_edits_a_title_on_its_page_and_it_is_audited(world, officer):
    client = login_client(officer)
    ldtt = title("ldtt")
    page = client.get(reverse("emulation:catalogue_title", args=[ldtt.pk]))
    assert page.status_code == 200 and "Hệ số tiền thưởng theo ngày áp dụng" in page.text
    response = client.post(
        reverse("emulation:catalogue_update", args=[ldtt.pk]),
        {
            "name": "Lao động tiên tiến",
            "basis": ldtt.basis,
            "issuer": "Thủ trưởng cơ quan",
            "vote_threshold_pct": "60,5",
            "certificate": "danh_hieu",
            "sort": "10",
            "active": "1",
        },
        follow=True,
    )
    assert "Đã lưu danh hiệu, hình thức khen thưởng." in _messages(response)
    ldtt.refresh_from_db()
    assert ldtt.vote_threshold_pct == Decimal("60.50")
    entry = AuditEntry.objects.get(action="emulation.title_update")
    assert json.loads(entry.old) == {"vote_threshold_pct": "50.00"}
    assert json.loads(entry.new) == {"vote_threshold_pct": "60.50"}


def test_the_officer_adds_a_coefficient_version_and_a_base_salary_on_pages(world, officer):
    client = login_client(officer)
    ldtt = title("ldtt")
    response = client.post(
        reverse("emulation:catalogue_coefficient", args=[ldtt.pk]),
        {"coefficient": "0,4", "valid_from": "01/07/2099"},
        follow=True,
    )
    assert "Đã thêm hệ số tiền thưởng theo ngày áp dụng." in _messages(response)
    assert "Từ 01/07/2099: hệ số 0,40" in response.text or "Từ 01/07/2099: hệ số 0.40" in (
        response.text
    )
    listing = client.get(reverse("emulation:catalogue")).text
    ldtt_row = listing[listing.index("Lao động tiên tiến</a>") :].split("</tr>")[0]
    assert "(từ 01/07/2024)" in ldtt_row and "từ 01/07/2099" in ldtt_row  # in force, then next
    response = client.post(
        reverse("emulation:base_salary_add"),
        {"amount": "2.530.000", "valid_from": "01/07/2099"},
        follow=True,
    )
    assert "Đã thêm mức lương cơ sở theo ngày áp dụng." in _messages(response)
    assert BaseSalary.objects.get(valid_from=date(2099, 7, 1)).amount == 2_530_000
    assert set(
        AuditEntry.objects.filter(action__startswith="emulation.").values_list("action", flat=True)
    ) == {"emulation.coefficient_add", "emulation.base_salary_add"}


def test_the_officer_creates_a_title_with_its_first_coefficient(world, officer):
    response = login_client(officer).post(
        reverse("emulation:catalogue_create"),
        {
            "code": "giay_khen_tt",
            "name": "Giấy khen (tập thể)",
            "kind": "form",
            "subject": "collective",
            "rule": "merit_collective",
            "basis": "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 75",
            "issuer": "Thủ trưởng cơ quan",
            "vote_threshold_pct": "50",
            "certificate": "giay_khen",
            "coefficient": "0,3",
            "valid_from": "01/01/2026",
            "sort": "65",
        },
        follow=True,
    )
    assert "Đã thêm “Giấy khen (tập thể)” vào danh mục." in _messages(response)
    row = AwardTitle.objects.get(code="giay_khen_tt")
    assert row.coefficients.get().coefficient == Decimal("0.30")
    assert AuditEntry.objects.filter(action="emulation.title_create", object_id=str(row.pk))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("code", "Giấy khen", "Mã gồm 2–30 ký tự"),
        ("code", "ldtt", "Mã “ldtt” đã có trong danh mục."),
        ("name", "  ", "Tên không được để trống."),
        ("vote_threshold_pct", "0", "Tỷ lệ phiếu đồng ý tối thiểu phải lớn hơn 0"),
        ("vote_threshold_pct", "101", "Tỷ lệ phiếu đồng ý tối thiểu phải lớn hơn 0"),
        ("vote_threshold_pct", "năm mươi", "Tỷ lệ phiếu đồng ý tối thiểu phải là một số"),
        ("coefficient", "-1", "Hệ số tiền thưởng phải từ 0 đến 99,99"),
        ("coefficient", "0,305", "Hệ số tiền thưởng phải từ 0 đến 99,99"),
        ("coefficient", "NaN", "Hệ số tiền thưởng phải là một số"),
        ("valid_from", "31/02/2026", "Ngày áp dụng không đúng dạng ngày (dd/mm/yyyy)."),
        ("rule", "ttldtt", "Quy tắc xét không khớp đối tượng"),
        ("certificate", "bang_vang", "Chọn mẫu in giấy chứng nhận."),
    ],
)
def test_bad_catalogue_input_is_refused_in_vietnamese_and_nothing_is_written(
    world, officer, field, value, message
):
    client = login_client(officer)
    data = {
        "code": "moi",
        "name": "Danh hiệu mới",
        "kind": "title",
        "subject": "individual",
        "rule": "ldtt",
        "basis": "Điều 24",
        "issuer": "UBND",
        "vote_threshold_pct": "50",
        "certificate": "danh_hieu",
        "coefficient": "0,3",
        "valid_from": "01/01/2026",
        field: value,
    }
    with unchanged_database():
        response = client.post(reverse("emulation:catalogue_create"), data, follow=True)
    assert any(message in m for m in _messages(response)), _messages(response)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "hai triệu", "valid_from": "01/07/2026"}, "Mức lương cơ sở phải là số"),
        ({"amount": "0", "valid_from": "01/07/2026"}, "Mức lương cơ sở phải là số"),
        ({"amount": "2.340.000", "valid_from": "01/07/2024"}, "Đã có mức lương cơ sở áp dụng"),
        ({"amount": "2.340.000", "valid_from": "2026"}, "Ngày áp dụng không đúng dạng ngày"),
    ],
)
def test_bad_base_salary_is_refused_and_nothing_is_written(world, officer, data, message):
    client = login_client(officer)
    with unchanged_database():
        response = client.post(reverse("emulation:base_salary_add"), data, follow=True)
    assert any(message in m for m in _messages(response)), _messages(response)


def test_a_coefficient_twice_on_the_same_day_is_refused(world, officer):
    ldtt = title("ldtt")
    client = login_client(officer)
    with unchanged_database():
        response = client.post(
            reverse("emulation:catalogue_coefficient", args=[ldtt.pk]),
            {"coefficient": "0,4", "valid_from": "01/07/2024"},
            follow=True,
        )
    assert "Đã có hệ số áp dụng từ ngày 01/07/2024 cho danh hiệu này." in _messages(response)


def test_only_the_province_emulation_officer_sees_the_catalogue_pages(world, officer):
    ldtt = title("ldtt")
    for user in (world.admin_a, world.head_a, world.alice):
        client = login_client(user)
        assert client.get(reverse("emulation:catalogue")).status_code == 404
        assert client.get(reverse("emulation:catalogue_title", args=[ldtt.pk])).status_code == 404
        with unchanged_database():
            refused = client.post(
                reverse("emulation:base_salary_add"),
                {"amount": "3000000", "valid_from": "01/01/2027"},
            )
        assert refused.status_code == 404
    assert login_client(officer).get(reverse("emulation:catalogue")).status_code == 200
    with pytest.raises(Exception) as err:
        services.base_salary_add(
            actor=actor_of(world.admin_a), valid_from=date(2027, 1, 1), amount=3_000_000
        )
    assert err.type.__name__ == "Http404"
