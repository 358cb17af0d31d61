"""A custodian's written reason must be visible text (issue 8 item 18): spaces and zero-width
characters do not count, and nothing is revealed or logged without a real reason."""

import pytest

from congso.cases.models import IdentityReveal
from congso.cases.services import ReportInput, report_submit
from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.scoping import ANONYMOUS
from congso.common.testing import login_client, make_user

pytestmark = pytest.mark.django_db


def _report(world):
    report, _receipt, _created = report_submit(
        actor=ANONYMOUS,
        data=ReportInput(
            kind="misconduct",
            agency_id=world.agency_a.pk,
            description="Cán bộ yêu cầu nộp thêm tiền",
            contact_name="Hà Thị Bí Mật",
            contact_phone="0900000001",
        ),
    )
    return report


@pytest.mark.parametrize(
    "reason",
    [
        " " * 40,
        "\u200b" * 40,
        "\u200b \u200c\u200d\u2060\ufeff " * 8,
        "xem\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b",
        "\u0301" * 20,  # combining accents on nothing
        "\u202e" + " " * 20,  # a right-to-left override and spaces
    ],
)
def test_a_reason_without_enough_visible_characters_reveals_nothing(world, reason):
    custodian = make_user("baomat_a", roles=[(Role.IDENTITY_CUSTODIAN, world.agency_a)])
    report = _report(world)
    before = AuditEntry.objects.count()
    response = login_client(custodian).post(
        f"/vu-viec/phan-anh/{report.pk}/danh-tinh/", {"reason": reason}
    )
    assert response.status_code == 422
    assert "Hà Thị Bí Mật" not in response.content.decode()
    assert IdentityReveal.objects.count() == 0
    assert AuditEntry.objects.count() == before


def test_a_reason_is_stored_without_its_invisible_characters(world):
    custodian = make_user("baomat_a", roles=[(Role.IDENTITY_CUSTODIAN, world.agency_a)])
    report = _report(world)
    reason = "Cần liên hệ\u200b để bảo vệ người phản ánh\u202e"
    response = login_client(custodian).post(
        f"/vu-viec/phan-anh/{report.pk}/danh-tinh/", {"reason": reason}
    )
    assert "Hà Thị Bí Mật" in response.content.decode()
    assert IdentityReveal.objects.get().reason == "Cần liên hệ để bảo vệ người phản ánh"
