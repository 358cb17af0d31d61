"""Citizen report pages: the form, the receipt shown once, look-up by receipt, the thread."""

import re

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
