"""Shared set-up of the dissemination benchmarks: a province with 40 000 staff."""

from __future__ import annotations

import random
from datetime import date

from django.core.files.base import ContentFile

from congso.bench.cases_queue import build_people
from congso.dissemination.models import Document, DocumentVersion
from congso.org.services import unit_create


def build_province(staff: int, rng: random.Random):
    root = unit_create(actor=None, name="Tỉnh Lào Cai (thử quán triệt)", kind="province")
    units = []
    for index in range(1, 41):
        agency = unit_create(actor=None, name=f"Sở thử nghiệm {index}", kind="state", parent=root)
        units += [
            agency,
            unit_create(actor=None, name=f"Phòng thuộc sở {index}", kind="division", parent=agency),
        ]
    for index in range(1, 101):
        units.append(unit_create(actor=None, name=f"Xã thử {index}", kind="commune", parent=root))
    people = build_people(staff, units, rng, prefix="QT")
    return root, units, people


def make_document(root, number: str = "1847/QĐ-TTg") -> Document:
    from congso.dissemination.tests.factories import pdf_bytes

    document = Document.objects.create(
        unit=root,
        number=number,
        issued_on=date(2018, 12, 27),
        issuer="Thủ tướng Chính phủ",
        title="Phê duyệt Đề án Văn hóa công vụ",
    )
    version = DocumentVersion.objects.create(
        document=document,
        unit=root,
        number=1,
        file=ContentFile(pdf_bytes(), name="van-ban.pdf"),
        size=1,
        sha256="0" * 64,
    )
    document.current_version = version
    document.save(update_fields=["current_version"])
    return document
