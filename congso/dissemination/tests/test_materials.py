"""Course materials as files: checked by content, size-limited before being read whole,
stored, downloadable by the course's viewers and participants only."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from functools import partial

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from congso.common.models import AuditEntry
from congso.common.testing import login_client
from congso.dissemination.models import Course, CourseMaterial, Participation
from congso.dissemination.tests.factories import pdf_bytes

pytestmark = pytest.mark.django_db


def ooxml(main_part: str = "word/document.xml", *, extra: dict | None = None, types=b"") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml", b'<?xml version="1.0"?><Types>' + types + b"</Types>"
        )
        archive.writestr(main_part, b"<document/>")
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def make_course(unit) -> Course:
    return Course.objects.create(
        unit=unit,
        title="Bồi dưỡng văn hóa công vụ",
        start_on=date(2026, 3, 2),
        end_on=date(2026, 3, 4),
    )


def upload(client, course, content: bytes, name: str = "bai-giang.pdf"):
    return client.post(
        reverse("dissemination:material_add", args=[course.pk]),
        {"title": "Bài giảng", "file": SimpleUploadedFile(name, content)},
    )


def test_organiser_uploads_a_pdf_stored_without_active_content(world):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
    raw = io.BytesIO()
    pdf.save(raw)
    course = make_course(world.agency_a)
    response = upload(login_client(world.head_a), course, raw.getvalue(), name="bai.docx")
    assert response.status_code == 302
    material = CourseMaterial.objects.get()
    assert material.kind == "pdf"
    with pikepdf.open(io.BytesIO(material.file.read())) as clean:
        assert "/OpenAction" not in clean.Root
    assert AuditEntry.objects.filter(action="dissemination.material_add").count() == 1


@pytest.mark.parametrize(
    ("part", "kind"),
    [("word/document.xml", "docx"), ("xl/workbook.xml", "xlsx"), ("ppt/presentation.xml", "pptx")],
)
def test_office_documents_are_recognised_by_their_content(world, part, kind):
    course = make_course(world.agency_a)
    response = upload(login_client(world.head_a), course, ooxml(part), name="tai-lieu.pdf")
    assert response.status_code == 302
    assert CourseMaterial.objects.get().kind == kind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 an executable called bai-giang.pdf", "Tệp không phải PDF hay tài liệu Word"),
        (b"PK\x03\x04 broken zip", "Tệp không phải PDF hay tài liệu Word"),
        (ooxml("content.xml"), "Tệp không phải PDF hay tài liệu Word"),
        (ooxml(extra={"word/vbaProject.bin": b"\x00"}), "Tài liệu có macro"),
        (b"%PDF-1.7 broken", "Tệp PDF bị hỏng"),
    ],
)
def test_a_file_that_is_not_an_accepted_document_is_refused_and_nothing_saved(
    world, content, message
):
    course = make_course(world.agency_a)
    response = upload(login_client(world.head_a), course, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert CourseMaterial.objects.count() == 0
    assert not AuditEntry.objects.filter(action="dissemination.material_add").exists()


def test_a_zip_bomb_is_refused_from_its_directory(world, monkeypatch):
    from congso.dissemination import files

    monkeypatch.setattr(files, "MAX_UNZIPPED_BYTES", 10_000)
    course = make_course(world.agency_a)
    bomb = ooxml(extra={"word/media/zeros.bin": b"\x00" * 50_000})
    response = upload(login_client(world.head_a), course, bomb)
    assert response.status_code == 400
    assert "quá lớn khi giải nén" in response.content.decode()
    assert CourseMaterial.objects.count() == 0


def test_an_oversized_material_is_refused_before_it_is_read_whole(world, monkeypatch):
    from congso.dissemination import files
    from congso.dissemination.views import materials

    monkeypatch.setattr(materials, "read_limited", partial(files.read_limited, limit=1000))
    course = make_course(world.agency_a)
    response = upload(login_client(world.head_a), course, pdf_bytes() + b"%" * 5000)
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert CourseMaterial.objects.count() == 0


def test_participants_and_viewers_download_others_get_404(world):
    course = make_course(world.agency_a)
    upload(login_client(world.head_a), course, ooxml("ppt/presentation.xml"))
    material = CourseMaterial.objects.get()
    url = reverse("dissemination:material_file", args=[material.pk])
    # A staff member who is not on the course: 404.
    assert login_client(world.alice).get(url).status_code == 404
    Participation.objects.create(course=course, unit=world.agency_a, person=world.alice.person)
    response = login_client(world.alice).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "presentationml" in response["Content-Type"]
    assert login_client(world.head_a).get(url).status_code == 200
    assert login_client(world.charlie).get(url).status_code == 404
    # The participant sees it on their own record page.
    page = login_client(world.alice).get(reverse("dissemination:my_record")).content.decode()
    assert url in page


def test_only_the_organiser_uploads_or_deletes(world):
    course = make_course(world.agency_a)
    assert upload(login_client(world.alice), course, pdf_bytes()).status_code == 404
    upload(login_client(world.head_a), course, pdf_bytes())
    material = CourseMaterial.objects.get()
    delete = reverse("dissemination:material_delete", args=[material.pk])
    assert login_client(world.alice).post(delete).status_code == 404
    assert login_client(world.head_a).post(delete).status_code == 302
    assert not CourseMaterial.objects.exists()
    assert AuditEntry.objects.filter(action="dissemination.material_delete").count() == 1
