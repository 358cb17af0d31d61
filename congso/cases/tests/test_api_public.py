import io
import json
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from congso.cases.models import Evidence, Report
from congso.cases.services import lookup_allowed
from congso.cases.services.intake import LOOKUP_FAILURE_LIMIT
from congso.cases.tests import files
from congso.common.permissions import Role
from congso.common.testing import login_client, make_user

pytestmark = pytest.mark.django_db
URL = "/api/v1/public/reports"


def post_json(client, body):
    return client.post(URL, data=json.dumps(body), content_type="application/json")


def test_smallest_json_body_gets_a_16_digit_receipt(world):
    response = post_json(
        Client(),
        {"kind": "misconduct", "agency_id": world.agency_a.pk, "description": "Gây khó dễ"},
    )
    assert response.status_code == 201
    receipt = response.json()["receipt"]
    assert len(receipt) == 16 and receipt.isdigit()
    report = Report.unscoped.get()
    assert receipt not in json.dumps(list(Report.unscoped.values()), default=str)
    assert report.kind == "misconduct" and report.unit_id == world.agency_a.pk


def test_resending_the_same_client_id_is_stored_once(world):
    body = {
        "kind": "praise",
        "agency_id": world.agency_a.pk,
        "description": "Tận tình",
        "client_id": str(uuid.uuid4()),
    }
    first = post_json(Client(), body)
    second = post_json(Client(), body)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()
    assert Report.unscoped.count() == 1


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"kind": "misconduct", "agency_id": 0, "description": "x"}, "không tìm thấy cơ quan"),
        ({"kind": "misconduct", "description": "x"}, "Cơ quan, đơn vị: cần điền"),
        ({"kind": "khac", "agency_id": 1, "description": "x"}, "misconduct"),
        ({"kind": "praise", "agency_id": 1, "description": "   "}, "không được để trống"),
        ({"kind": "praise", "agency_id": 1, "description": "x", "hack": 1}, "không được hỗ trợ"),
    ],
)
def test_bad_bodies_get_a_vietnamese_422_and_nothing_is_written(world, body, message):
    if body.get("agency_id") == 1:
        body["agency_id"] = world.agency_a.pk
    response = post_json(Client(), body)
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert Report.unscoped.count() == 0


def test_script_in_text_is_stored_as_text(world):
    script = "<script>alert('x')</script> quầy 3"
    post_json(
        Client(), {"kind": "misconduct", "agency_id": world.agency_a.pk, "description": script}
    )
    assert Report.unscoped.get().description == script


def multipart(world, *uploads, **fields):
    data = {
        "kind": "misconduct",
        "agency_id": str(world.agency_a.pk),
        "description": "Có ảnh",
        **fields,
    }
    data["evidence"] = list(uploads)
    return Client().post(URL, data=data)


def test_evidence_image_is_reencoded_without_gps_and_pdf_kept(world):
    response = multipart(
        world,
        SimpleUploadedFile("anh.jpg", files.jpeg_with_gps(), content_type="image/jpeg"),
        SimpleUploadedFile("bien-ban.pdf", files.pdf(), content_type="application/pdf"),
    )
    assert response.status_code == 201, response.content
    image_row, pdf_row = Evidence.unscoped.order_by("id")
    stored = image_row.file.read()
    assert b"Exif" not in stored and b"CameraMaker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert (image_row.width, image_row.height) == (64, 48)
    assert pdf_row.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.jpg", b"<html><script>alert(1)</script></html>", "Chỉ nhận tệp ảnh"),
        ("anh.png", files.png_bomb_header(), "kích thước quá lớn"),
        ("tai-lieu.pdf", b"%PDF-1.4 /JavaScript (app.alert(1))", "Không đọc được tệp PDF"),
        ("to.jpg", b"\xff\xd8\xff" + b"0" * (5 * 1024 * 1024 + 10), "quá lớn"),
    ],
)
def test_files_that_lie_or_are_too_big_are_refused(world, name, content, message):
    response = multipart(world, SimpleUploadedFile(name, content, content_type="image/jpeg"))
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert Report.unscoped.count() == 0 and Evidence.unscoped.count() == 0


def test_receipt_page_shows_status_and_thread_without_identities(world):
    body = {
        "kind": "misconduct",
        "agency_id": world.agency_a.pk,
        "description": "Hẹn nhiều lần",
        "officer_name": "Trần Văn Quầy",
        "contact_name": "Lê Thị Dân",
        "contact_phone": "0987654321",
    }
    receipt = post_json(Client(), body).json()["receipt"]
    client = Client()
    posted = client.post(
        f"{URL}/{receipt}/messages",
        data=json.dumps({"body": "Bổ sung: 3 lần"}),
        content_type="application/json",
    )
    assert posted.status_code == 201
    response = client.get(f"{URL}/{receipt}")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "Đã tiếp nhận, đang sàng lọc"
    assert [m["body"] for m in data["messages"]] == ["Bổ sung: 3 lần"]
    text = response.content.decode()
    for secret in ("Trần Văn Quầy", "Lê Thị Dân", "0987654321"):
        assert secret not in text


def test_unknown_and_malformed_receipts_get_the_same_404(world):
    client = Client()
    unknown = client.get(f"{URL}/1234567890123456")
    malformed = client.get(f"{URL}/abc")
    assert unknown.status_code == malformed.status_code == 404
    assert unknown.json() == malformed.json()


def test_failed_receipt_lookups_are_rate_limited_per_address(world):
    client = Client(REMOTE_ADDR="10.0.0.9")
    codes = [client.get(f"{URL}/{n:016d}").status_code for n in range(1, 33)]
    assert codes[:LOOKUP_FAILURE_LIMIT] == [404] * LOOKUP_FAILURE_LIMIT
    assert codes[LOOKUP_FAILURE_LIMIT:] == [429, 429]
    assert "quá nhiều lần" in client.get(f"{URL}/1").json()["detail"]
    assert lookup_allowed(address="10.0.0.10")


def test_social_monitor_files_under_the_organisation_name(world):
    monitor = make_user("mttq", roles=[(Role.SOCIAL_MONITOR, world.province)])
    monitor.organisation_name = "Ủy ban MTTQ tỉnh"
    monitor.save()
    client = login_client(monitor, verified=False)
    response = client.post(
        URL,
        data=json.dumps(
            {"kind": "praise", "agency_id": world.agency_a.pk, "description": "Phục vụ tận tình"}
        ),
        content_type="application/json",
    )
    assert response.status_code == 201
    report = Report.unscoped.get()
    assert report.is_social_monitor and report.organisation_name == "Ủy ban MTTQ tỉnh"
    assert report.reporter_label == "Ủy ban MTTQ tỉnh"


def test_a_monitor_session_needs_the_csrf_token(world):
    from django.test import Client as CsrfClient

    monitor = make_user("baochi", roles=[(Role.SOCIAL_MONITOR, world.province)])
    monitor.organisation_name = "Báo Lào Cai"
    monitor.save()
    client = CsrfClient(enforce_csrf_checks=True)
    client.force_login(monitor)
    body = json.dumps({"kind": "praise", "agency_id": world.agency_a.pk, "description": "Tốt"})
    response = client.post(URL, data=body, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"]
    assert Report.unscoped.count() == 0
    anonymous = CsrfClient(enforce_csrf_checks=True)
    assert anonymous.post(URL, data=body, content_type="application/json").status_code == 201
