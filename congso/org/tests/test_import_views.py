"""The import page and the template download: who may use them, results, size refusal."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from congso.common.models import AuditEntry
from congso.common.testing import login_client
from congso.org.imports.columns import SHEET_NAME
from congso.org.models import Person
from congso.org.tests.test_import_files import make_xlsx, staff_values
from congso.org.views.imports import LimitedUploadHandler


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages are checked in Vietnamese, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(rows, name="can-bo.xlsx"):
    return SimpleUploadedFile(name, make_xlsx(rows), content_type=XLSX)


def text(response) -> str:
    return response.content.decode().split('<main id="main">', 1)[-1]


def test_import_page_shows_form_and_template_link_to_importers(world):
    response = login_client(world.admin_a).get(reverse("org:import"))
    assert response.status_code == 200
    assert reverse("org:import_template") in text(response)
    assert 'enctype="multipart/form-data"' in text(response)


@pytest.mark.parametrize("who", ["alice", "head_a", "charlie", "boss"])
def test_import_page_and_template_are_404_without_people_import(world, who):
    client = login_client(getattr(world, who))
    assert client.get(reverse("org:import")).status_code == 404
    assert client.post(reverse("org:import"), {}).status_code == 404
    assert client.get(reverse("org:import_template")).status_code == 404


def test_anonymous_is_sent_to_login(world):
    from django.test import Client

    response = Client().get(reverse("org:import"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_template_download_lists_only_units_in_reach(world):
    response = login_client(world.admin_a).get(reverse("org:import_template"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == SHEET_NAME
    names = [row[1] for row in workbook["Mã đơn vị"].iter_rows(min_row=2, values_only=True)]
    assert "Sở Y tế" not in names and "Sở Nội vụ" in names


def test_upload_imports_and_shows_counts(world):
    client = login_client(world.admin_a)
    rows = [staff_values("CB1", world.agency_a.pk), staff_values("CB2", world.division_a.pk)]
    response = client.post(reverse("org:import"), {"file": upload(rows)})
    assert response.status_code == 200
    page = text(response)
    assert "Đã nhập 2 dòng: tạo mới 2, cập nhật 0" in page
    assert Person.objects.filter(staff_code__in=["CB1", "CB2"]).count() == 2
    entry = AuditEntry.objects.get(action="org.people_import")
    assert entry.actor_label == "admin_a" and "can-bo.xlsx" in entry.new
    again = client.post(reverse("org:import"), {"file": upload(rows)})
    assert "tạo mới 0, cập nhật 0 (trong đó điều chuyển 0), không đổi 2" in text(again)


def test_rows_for_units_outside_reach_are_errors_and_nothing_is_written(world):
    rows = [staff_values("CB1", world.agency_a.pk), staff_values("CB2", world.agency_b.pk)]
    before = (Person.objects.count(), AuditEntry.objects.count())
    response = login_client(world.admin_a).post(reverse("org:import"), {"file": upload(rows)})
    assert response.status_code == 400
    page = text(response)
    assert "Chưa nhập: tệp có lỗi" in page
    assert '<td class="num">3</td><td>Mã đơn vị</td>' in page
    assert (Person.objects.count(), AuditEntry.objects.count()) == before


def test_dry_run_checks_without_writing(world):
    response = login_client(world.admin_a).post(
        reverse("org:import"),
        {"file": upload([staff_values("CB1", world.agency_a.pk)]), "dry_run": "on"},
    )
    assert response.status_code == 200
    assert "Kết quả kiểm tra trước" in text(response) and "sẽ tạo 1" in text(response)
    assert not Person.objects.filter(staff_code="CB1").exists()


def test_htmx_upload_gets_the_result_partial(world):
    response = login_client(world.admin_a).post(
        reverse("org:import"),
        {"file": upload([staff_values("CB1", world.agency_b.pk)])},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps 2xx only; the partial shows the errors
    body = response.content.decode()
    assert "<html" not in body and "Chưa nhập: tệp có lỗi" in body


def test_file_that_is_not_xlsx_is_refused_by_content(world):
    fake = SimpleUploadedFile("can-bo.xlsx", "Mã cán bộ,Họ và tên\n".encode(), content_type=XLSX)
    response = login_client(world.admin_a).post(reverse("org:import"), {"file": fake})
    assert response.status_code == 400
    assert "không phải bảng tính Excel .xlsx" in text(response)


def test_missing_file_is_a_form_error(world):
    response = login_client(world.admin_a).post(reverse("org:import"), {})
    assert response.status_code == 400
    assert 'class="errorlist"' in text(response)


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if the server reads it."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        raise AssertionError("the oversized upload was read")


def test_50_mb_upload_is_refused_before_its_body_is_read(world):
    size = 50 * 1024 * 1024
    response = login_client(world.admin_a).generic(
        "POST",
        reverse("org:import"),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert "Tệp quá lớn (50,0 MB)" in text(response)
    assert not Person.objects.filter(staff_code="CB1").exists()


@override_settings(STAFF_IMPORT_MAX_BYTES=2000)
def test_upload_over_the_configured_limit_is_refused(world):
    rows = [staff_values(f"CB{i}", world.agency_a.pk) for i in range(200)]
    client = login_client(world.admin_a)
    response = client.post(reverse("org:import"), {"file": upload(rows)})
    assert response.status_code == 413
    assert "Tệp quá lớn" in text(response)
    partial = client.post(reverse("org:import"), {"file": upload(rows)}, HTTP_HX_REQUEST="true")
    assert partial.status_code == 200 and "Không nhận tệp" in partial.content.decode()
    assert not Person.objects.filter(staff_code="CB1").exists()


def test_nav_entry_for_importers_only(world):
    page = login_client(world.admin_a).get(reverse("org:import")).content.decode()
    assert f'href="{reverse("org:import")}"' in page
    other = login_client(world.head_a).get(reverse("common:home")).content.decode()
    assert f'href="{reverse("org:import")}"' not in other


def test_upload_handler_stops_a_body_without_honest_length(rf):
    from django.core.files.uploadhandler import StopUpload

    handler = LimitedUploadHandler(rf.post("/"), limit=10)
    assert handler.receive_data_chunk(b"12345", 0) == b"12345"
    with pytest.raises(StopUpload):
        handler.receive_data_chunk(b"678901", 5)
    assert handler.exceeded


def test_upload_without_csrf_token_is_refused_after_the_size_check(world):
    client = login_client(world.admin_a)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("org:import"), {"file": upload([staff_values("CB1", 1)])})
    assert response.status_code == 403
    assert not Person.objects.filter(staff_code="CB1").exists()


def test_page_in_english(world):
    client = login_client(world.admin_a)
    client.cookies["congso_language"] = "en"
    with translation.override("vi"):  # the request activates English; restore afterwards
        page = text(client.get(reverse("org:import")))
    assert "Import the staff list from Excel" in page and "Download the template" in page
