"""Citizen report pages: the form, the receipt shown once, look-up by receipt, the thread."""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from congso.cases.models import Message, Report
from congso.cases.tests import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(world):
    world.agency_a.serves_citizens = True
    world.agency_a.save(update_fields=["serves_citizens"])
    return world.agency_a


def send(client, agency, **extra):
    data = {
        "kind": "misconduct",
        "agency_id": agency.pk,
        "description": "Nhận tiền bồi dưỡng",
        "client_id": "0b7e6c9e-6a51-4bb7-9b7c-4c1c2f9a0d11",
        **extra,
    }
    return client.post("/cong-dan/phan-anh/", data=data)


def test_form_works_without_javascript_and_lists_agencies(agency):
    response = Client().get("/cong-dan/phan-anh/")
    assert response.status_code == 200
    html = response.content.decode()
    assert agency.name in html and 'enctype="multipart/form-data"' in html
    assert "<script" not in html


def test_sending_shows_the_receipt_once_and_resending_stores_once(agency):
    client = Client()
    first = send(client, agency, evidence=SimpleUploadedFile("a.png", files.png()))
    assert first.status_code == 200
    receipt = re.search(r"\b\d{4} \d{4} \d{4} \d{4}\b", first.content.decode()).group(0)
    again = send(client, agency, evidence=SimpleUploadedFile("a.png", files.png()))
    assert receipt in again.content.decode()
    assert Report.unscoped.count() == 1


def test_empty_description_is_refused_with_a_message_and_kept_values(agency):
    response = send(Client(), agency, description="  ", place="Quầy 2")
    assert response.status_code == 422
    html = response.content.decode()
    assert "không được để trống" in html and 'value="Quầy 2"' in html
    assert Report.unscoped.count() == 0


def test_lookup_shows_status_and_thread_escaped(agency):
    client = Client()
    receipt = re.search(r"\d{4} \d{4} \d{4} \d{4}", send(client, agency).content.decode()).group(0)
    page = client.post(
        "/cong-dan/phan-anh/tra-cuu/tin-nhan/",
        {"receipt": receipt, "body": "<script>alert(1)</script>"},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đã tiếp nhận, đang sàng lọc" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert Message.objects.get().body == "<script>alert(1)</script>"


def test_unknown_receipt_gets_404_page(agency):
    response = Client().post("/cong-dan/phan-anh/tra-cuu/", {"receipt": "9999999999999999"})
    assert response.status_code == 404
    assert "Không tìm thấy phản ánh" in response.content.decode()


# ------------------------------------------------------------------------ issue 8 (citizen)


def _receipt(response) -> str:
    return re.search(r"\d{4} \d{4} \d{4} \d{4}", response.content.decode()).group(0)


def test_empty_file_field_sent_by_every_browser_is_not_an_unknown_field(agency):
    # A browser sends the file input even when no file is chosen: an empty, nameless part
    # that Django files under POST, not FILES (this was refused as "evidence" unknown).
    response = send(Client(), agency, evidence="")
    assert response.status_code == 200, response.content.decode()
    assert Report.unscoped.count() == 1


def test_every_error_is_shown_next_to_its_field_with_a_vietnamese_label(agency):
    response = send(Client(), agency, agency_id="", description=" ", occurred_on="2999-01-01")
    assert response.status_code == 422
    html = response.content.decode()
    shown = re.findall(r'<p class="ferr" id="e-(\w+)">([^<]*)</p>', html)
    assert dict(shown).keys() == {"agency_id", "description", "occurred_on"}
    for _field, message in shown:
        assert "agency_id" not in message and "description" not in message
    assert 'aria-describedby="e-description"' in html
    assert "Cơ quan, đơn vị:" in html and "Ngày xảy ra:" in html


def test_message_to_a_receipt_typed_with_spaces_is_posted(agency):
    client = Client()
    receipt = _receipt(send(client, agency))
    spaced = f" {receipt.replace(' ', ' - ')} "
    page = client.post(
        "/cong-dan/phan-anh/tra-cuu/tin-nhan/", {"receipt": spaced, "body": "Bổ sung"}
    )
    assert page.status_code == 200
    assert Message.objects.get().body == "Bổ sung"
    assert f'name="receipt" value="{receipt}"' in page.content.decode()


def test_message_is_not_posted_when_the_address_is_over_its_limit(agency):
    from congso.cases.services import lookup_failed
    from congso.cases.services.intake import LOOKUP_FAILURE_LIMIT

    client = Client(REMOTE_ADDR="10.9.9.9")
    receipt = _receipt(send(client, agency))
    for _ in range(LOOKUP_FAILURE_LIMIT):
        lookup_failed(address="10.9.9.9")
    page = client.post("/cong-dan/phan-anh/tra-cuu/tin-nhan/", {"receipt": receipt, "body": "x"})
    assert page.status_code == 429
    assert Message.objects.count() == 0


def test_successful_lookups_and_messages_do_not_lock_a_shared_address(agency):
    client = Client(REMOTE_ADDR="10.8.8.8")  # a commune office's one public address
    receipts = [_receipt(send(client, agency, client_id=str(uuid.uuid4()))) for _ in range(3)]
    for receipt in receipts * 5:
        assert client.post("/cong-dan/phan-anh/tra-cuu/", {"receipt": receipt}).status_code == 200
        message = client.post(
            "/cong-dan/phan-anh/tra-cuu/tin-nhan/", {"receipt": receipt, "body": "Hỏi tiến độ"}
        )
        assert message.status_code == 200
    assert Message.objects.count() == 15


def test_reused_client_id_with_other_content_gets_409_and_a_fresh_form(agency):
    client = Client()
    send(client, agency)
    response = send(client, agency, description="Một việc khác hẳn")
    assert response.status_code == 409
    html = response.content.decode()
    assert "nội dung khác" in html and "Một việc khác hẳn" in html
    assert "0b7e6c9e-6a51-4bb7-9b7c-4c1c2f9a0d11" not in html  # a new client_id to send again
    assert Report.unscoped.count() == 1


def test_page_form_strips_bidi_overrides_and_refuses_nul(agency):
    refused = send(Client(), agency, description="Có\x00NUL")
    assert refused.status_code == 422 and Report.unscoped.count() == 0
    send(Client(), agency, description="Quầy \u202e3 số\u202c", client_id=str(uuid.uuid4()))
    assert Report.unscoped.get().description == "Quầy 3 số"


def test_unit_select_groups_units_under_their_agency(agency, world):
    world.division_a.serves_citizens = True
    world.division_a.save(update_fields=["serves_citizens"])
    html = Client().get("/cong-dan/phan-anh/").content.decode()
    group = re.search(r'<optgroup label="Sở Nội vụ">(.*?)</optgroup>', html).group(1)
    assert ">Sở Nội vụ</option>" in group and ">Phòng Tổ chức</option>" in group


def test_unit_search_works_without_javascript_and_ignores_diacritics(agency, world):
    world.division_a.serves_citizens = True
    world.division_a.save(update_fields=["serves_citizens"])
    html = Client().get("/cong-dan/phan-anh/", {"tim": "phong to chuc"}).content.decode()
    options = re.findall(r"<option value=\"(\d+)\"[^>]*>([^<]*)</option>", html)
    assert options == [(str(world.division_a.pk), "Phòng Tổ chức")]
    assert f'<option value="{world.division_a.pk}" selected>' in html  # the one match
    assert "Tìm thấy 1 đơn vị" in html and "<script" not in html


def test_report_form_stays_light():
    from congso.common.testing import make_unit

    province = make_unit("Tỉnh", kind="province")
    for n in range(40):
        commune = make_unit(f"Xã Khánh Yên {n}", kind="commune", parent=province)
        commune.serves_citizens = True
        commune.save(update_fields=["serves_citizens"])
        for part in ("Bộ phận một cửa", "Trạm y tế", "Công an xã", "Trường mầm non"):
            unit = make_unit(part, kind="division", parent=commune)
            unit.serves_citizens = True
            unit.save(update_fields=["serves_citizens"])
    response = Client().get("/cong-dan/phan-anh/")
    assert len(re.findall(r"<option value=\"\d+\"", response.content.decode())) == 200
    assert len(response.content) < 30_000


def test_report_page_is_limited_per_address(agency):
    from congso.cases.services.intake import REPORT_LIMIT

    client = Client(REMOTE_ADDR="10.7.7.7")
    codes = [
        send(client, agency, client_id=str(uuid.uuid4())).status_code
        for _ in range(REPORT_LIMIT + 1)
    ]
    assert codes == [200] * REPORT_LIMIT + [429]
    assert Report.unscoped.count() == REPORT_LIMIT
