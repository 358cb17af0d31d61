"""Test data builders for dissemination (direct rows where services are tested elsewhere)."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pikepdf
from django.core.files.base import ContentFile
from django.utils import timezone

from congso.dissemination.models import Campaign, Document, DocumentVersion, StudySession


def pdf_bytes(pages: int = 1) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def make_document(unit, *, number: str = "1847/QĐ-TTg") -> Document:
    document = Document.unscoped.create(
        unit=unit,
        number=number,
        issued_on=date(2018, 12, 27),
        issuer="Thủ tướng Chính phủ",
        title="Phê duyệt Đề án Văn hóa công vụ",
        summary="Đề án về tinh thần, thái độ làm việc, chuẩn mực giao tiếp.",
        key_points="4 xin, 4 luôn\nTrang phục gọn gàng",
    )
    version = DocumentVersion.unscoped.create(
        document=document,
        unit=unit,
        number=1,
        file=ContentFile(pdf_bytes(), name="van-ban.pdf"),
        size=100,
        sha256="0" * 64,
    )
    document.current_version = version
    document.save(update_fields=["current_version"])
    return document


def make_campaign(
    unit,
    *,
    document=None,
    start_on: date | None = None,
    due_on: date | None = None,
    categories: str = "",
    questions=(),
) -> Campaign:
    document = document or make_document(unit)
    start_on = start_on or timezone.localdate() - timedelta(days=1)
    return Campaign.unscoped.create(
        unit=unit,
        document=document,
        version=document.current_version,
        title=f"Quán triệt {document.number}",
        categories=categories,
        start_on=start_on,
        due_on=due_on or start_on + timedelta(days=14),
        questions=list(questions),
    )


def make_session(unit, *, starts_at=None, hours: int = 2) -> StudySession:
    starts_at = starts_at or timezone.now() - timedelta(minutes=30)
    return StudySession.unscoped.create(
        unit=unit,
        title="Hội nghị quán triệt Đề án Văn hóa công vụ",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours),
        token=StudySession.new_token(),
    )
