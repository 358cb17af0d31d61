"""Data for report tests, made through the other apps' services."""

from __future__ import annotations

import io

from docx import Document

from congso.common.testing import make_person


def violation(unit, *, category=None, full_name: str = "Phạm Văn Dũng"):
    """A misconduct case opened today in `unit`, through the cases service."""
    from congso.cases.services.workflow import case_create

    person = make_person(unit, full_name=full_name)
    return case_create(
        actor=None,
        unit=unit,
        source="head_record",
        summary="Đi làm muộn, không đeo thẻ",
        person=person,
        category=category,
    )


def docx_text(content: bytes) -> tuple[list[str], list[list[list[str]]]]:
    """Paragraph texts (body and table cells) and tables as rows of cell texts."""
    doc = Document(io.BytesIO(content))
    paragraphs = [p.text for p in doc.paragraphs]
    tables = []
    for table in doc.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        tables.append(rows)
    return paragraphs, tables
