"""The sơ kết / tổng kết report of a plan as DOCX, read back: the State format of NĐ 30/2020
(A4, margins, Times New Roman), the headers, the figures equal to the database, the unit's
narrative."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from congso.common.permissions import Role
from congso.common.testing import actor_of, build_world, login_client, make_person, make_user
from congso.emulation import services
from congso.emulation.models import Award, Proposal, Registration, Review
from congso.emulation.tests.factories import plan, published_result, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def officer(world):
    person = make_person(world.province, full_name="Đỗ Thị Thu")
    return make_user("thidua", roles=[(Role.EMULATION_OFFICER, world.province)], person=person)


def _cells(doc) -> list[list[str]]:
    return [[c.text.strip() for c in row.cells] for t in doc.tables for row in t.rows]


@pytest.fixture
def review(world, officer) -> Review:
    actor = actor_of(officer)
    p = plan(world.province, year=2025, deadline=date(2099, 3, 31))
    alice = actor_of(world.alice)
    row = services.registration_create(
        actor=alice, plan=p, title=title("ldtt"), person=world.alice.person
    )
    services.registration_submit(actor=alice, registration=row)
    services.registration_decide(actor=actor, registration=row, approve=True)
    services.registration_create(
        actor=actor_of(world.head_a), plan=p, title=title("ttldtt"), unit=world.agency_a
    )
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
    services.decision_issue(
        actor=actor,
        unit=world.province,
        year=2025,
        number=12,
        signed_on=date(2025, 12, 28),
        signer="Nguyễn Văn Tỉnh",
        signer_title="Chủ tịch UBND tỉnh",
        subject="Khen thưởng",
        proposals=[proposal],
        meeting=meeting,
    )
    return services.review_save(
        actor=actor_of(world.head_a),
        plan=p,
        unit=world.agency_a,
        kind="tong_ket",
        narrative="Đơn vị triển khai kế hoạch đúng hạn.\n\nTồn tại: còn chậm gửi đăng ký.",
    )


def test_review_docx_is_in_state_format_with_headers_figures_and_narrative(world, review):
    response = login_client(world.head_a).get(reverse("emulation:review_docx", args=[review.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Document(io.BytesIO(response.content))

    section = doc.sections[0]

    def mm(length) -> int:
        return round(length.mm)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (20, 20)
    assert (mm(section.left_margin), mm(section.right_margin)) == (30, 15)
    assert doc.styles["Normal"].font.name == "Times New Roman"

    cells = _cells(doc)
    header = " ".join(cells[0])
    assert "TỈNH THỬ NGHIỆM" in header and "SỞ NỘI VỤ" in header
    assert (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header and "Độc lập - Tự do - Hạnh phúc" in header
    )
    assert "/BC" in " ".join(cells[1])
    text = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in text
    assert "TỔNG KẾT Kế hoạch thi đua năm 2025" in text
    assert "Đơn vị triển khai kế hoạch đúng hạn." in text
    assert "Tồn tại: còn chậm gửi đăng ký." in text
    assert not any("{{" in t or "{%" in t for t in text)

    # The figures equal the database, counted here independently of the service.
    p = review.plan
    regs = Registration.unscoped.filter(plan=p).in_subtree(world.agency_a)
    awards = Award.unscoped.in_subtree(world.agency_a).filter(decision__year=2025)
    expected = {
        "Đăng ký thi đua (tập thể, cá nhân)": regs.count(),
        "Đăng ký đã được duyệt": regs.filter(state="approved").count(),
        "Đăng ký đã gửi, chờ duyệt": regs.filter(state="submitted").count(),
        "Đề nghị khen thưởng": Proposal.unscoped.in_subtree(world.agency_a).count(),
        "Khen thưởng đã có quyết định": awards.count(),
        "Tổng tiền thưởng (đồng)": sum(a.amount for a in awards),
    }
    assert expected["Đăng ký thi đua (tập thể, cá nhân)"] == 2
    assert expected["Tổng tiền thưởng (đồng)"] == 702_000
    figures = {row[1]: row[2] for row in cells if len(row) == 3 and row[0].isdigit()}
    for label, value in expected.items():
        assert figures[label] == f"{value:,}".replace(",", "."), label


def test_review_docx_of_another_agency_is_404(world, review):
    response = login_client(world.charlie).get(reverse("emulation:review_docx", args=[review.pk]))
    assert response.status_code == 404


def test_plan_page_links_each_review_to_its_docx(world, review):
    page = login_client(world.head_a).get(reverse("emulation:plan", args=[review.plan_id]))
    assert reverse("emulation:review_docx", args=[review.pk]) in page.text
