"""Inspection photos: checked by content, size and dimensions; metadata stripped."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from congso.inspections import photos


def jpeg_with_gps(size=(64, 48)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (22.0, 29.0, 0.0), 3: "E", 4: (103.0, 58.0, 0.0)}  # GPS IFD
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(content: bytes, name: str = "anh.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_gps_and_other_exif_are_removed_by_re_encoding():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)
    clean = photos.clean_photo(upload(original))
    reopened = Image.open(io.BytesIO(clean.content))
    assert reopened.format == "JPEG"
    assert dict(reopened.getexif()) == {}
    assert (clean.width, clean.height) == (64, 48)


def test_png_is_accepted_and_stored_as_jpeg():
    out = io.BytesIO()
    Image.new("RGBA", (10, 10)).save(out, format="PNG")
    clean = photos.clean_photo(upload(out.getvalue(), "a.png", "image/png"))
    assert clean.content.startswith(b"\xff\xd8")


def test_pdf_named_jpg_is_refused_by_content():
    fake = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with pytest.raises(ValidationError) as caught:
        photos.clean_photo(upload(fake, "anh.jpg"))
    assert "không phải ảnh" in caught.value.messages[0]


def test_oversized_file_is_refused_before_reading(monkeypatch):
    class Huge:
        size = photos.MAX_PHOTO_BYTES + 1

        def read(self, *args):  # pragma: no cover - must not be called
            raise AssertionError("the file was read")

        def seek(self, *args):  # pragma: no cover
            raise AssertionError("the file was read")

    with pytest.raises(ValidationError) as caught:
        photos.clean_photo(Huge())
    assert "quá lớn" in caught.value.messages[0]


def test_huge_dimensions_are_refused_without_decoding():
    out = io.BytesIO()
    Image.new("1", (9000, 100)).save(out, format="PNG")  # tiny file, too wide
    with pytest.raises(ValidationError) as caught:
        photos.clean_photo(upload(out.getvalue(), "a.png", "image/png"))
    assert "kích thước" in caught.value.messages[0]


def test_truncated_jpeg_is_refused():
    data = jpeg_with_gps()[:200]
    with pytest.raises(ValidationError):
        photos.clean_photo(upload(data))


def test_empty_file_is_refused():
    with pytest.raises(ValidationError):
        photos.clean_photo(upload(b""))
