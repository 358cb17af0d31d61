"""Certificates per kind: giấy khen, bằng khen of the provincial People's Committee and the
certificate of a title (individual and collective), each a PDF with the QR code of its public
verification page. The text is read back with pdftotext (poppler) where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import pytest
import segno
from django.urls import reverse

from congso.common.permissions import Role
from congso.common.testing import build_world, login_client, make_person, make_user
from congso.emulation import documents
from congso.emulation.models import Award, Decision
from congso.emulation.tests.factories import title

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def officer(world):
    person = make_person(world.province, full_name="Đỗ Thị Thu")
    return make_user("thidua", roles=[(Role.EMULATION_OFFICER, world.province)], person=person)


def _award(world, code: str, *, number: int, person=None, unit=None, issuer=None) -> Award:
    issuer = issuer or world.province
    decision = Decision.unscoped.create(
        unit=issuer,
        year=2025,
        number=number,
        signed_on=date(2025, 12, 28),
        signer="Nguyễn Văn Tỉnh",
        signer_title="Chủ tịch UBND tỉnh" if issuer == world.province else "Giám đốc",
        subject="Khen thưởng",
    )
    return Award.unscoped.create(
        unit=person.unit if person else unit,
        decision=decision,
        title=title(code),
        person=person,
        subject_name=person.full_name if person else unit.name,
        amount=702_000,
        code=f"CERT{number:06d}",
    )


def _pdf_text(content: bytes) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.pdf"
        path.write_bytes(content)
        out = subprocess.run(  # noqa: S603 - fixed program, our own temporary file
            [exe, str(path), "-"], capture_output=True, check=True, text=True
        )
    return " ".join(out.stdout.split())


def test_authority_names_the_issuer_once():
    assert documents.authority("Giám đốc", "Sở Nội vụ") == "Giám đốc Sở Nội vụ"
    assert documents.authority("Chủ tịch UBND tỉnh", "Tỉnh Lào Cai") == "Chủ tịch UBND Tỉnh Lào Cai"
    assert documents.authority("Giám đốc Sở Nội vụ", "Sở Nội vụ") == "Giám đốc Sở Nội vụ"


@pytest.mark.parametrize(
    ("code", "template", "expected"),
    [
        (
            "giay_khen",
            "giay_khen",
            ["GIÁM ĐỐC SỞ NỘI VỤ", "TẶNG", "GIẤY KHEN", "Bà Nguyễn Thị Hoa"],
        ),
        (
            "bang_khen_tinh",
            "bang_khen",
            ["CHỦ TỊCH UBND TỈNH THỬ NGHIỆM", "TẶNG", "BẰNG KHEN", "Bà Nguyễn Thị Hoa"],
        ),
        ("cstdcs", "danh_hieu", ["CHỨNG NHẬN", "Đạt danh hiệu", "CHIẾN SĨ THI ĐUA CƠ SỞ"]),
        ("cstd_tinh", "danh_hieu", ["CHỨNG NHẬN", "CHIẾN SĨ THI ĐUA CẤP TỈNH"]),
        ("ldtt", "danh_hieu", ["CHỨNG NHẬN", "LAO ĐỘNG TIÊN TIẾN", "Năm 2025"]),
    ],
)
def test_each_kind_prints_its_own_design_with_the_verification_qr(
    world, officer, code, template, expected
):
    issuer = world.agency_a if code == "giay_khen" else world.province
    award = _award(world, code, number=7, person=world.alice.person, issuer=issuer)
    assert documents.certificate_template(award) == f"emulation/certificates/{template}.html"
    response = login_client(officer).get(reverse("emulation:certificate", args=[award.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"
    text = _pdf_text(response.content)
    for part in expected:
        assert part in text, (part, text)
    ARTIFACTS.mkdir(exist_ok=True)  # for a person to look at (pdftoppm -png)
    (ARTIFACTS / f"certificate-{code}.pdf").write_bytes(response.content)
    verify = "http://testserver" + reverse("honour:verify", args=[award.code])
    assert verify in text.replace(" ", "") and award.decision.ref in text
    # The QR code drawn is the one of the verification URL.
    context = documents.certificate_context(award, verify)
    assert context["qr"] == segno.make(verify, error="m", micro=False).svg_inline(
        scale=4, border=2, dark="#000"
    )


def test_a_collective_title_certificate_names_the_collective_and_its_parent(world, officer):
    award = _award(world, "ttldtt", number=8, unit=world.agency_a)
    response = login_client(officer).get(reverse("emulation:certificate", args=[award.pk]))
    text = _pdf_text(response.content)
    assert "Sở Nội vụ" in text and "Tỉnh Thử Nghiệm" in text
    assert "TẬP THỂ LAO ĐỘNG TIÊN TIẾN" in text and "Ông" not in text and "Bà" not in text
