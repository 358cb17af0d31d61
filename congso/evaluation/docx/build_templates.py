"""Builds the two Word templates kept beside this file (run once; officials then edit the
.docx files in Word: the tags {{ … }} and {%tr … %} are docxtpl's).

State format of NĐ 30/2020/NĐ-CP (Appendix I): A4, margins top/bottom 20 mm, left 30 mm,
right 15 mm, Times New Roman 13–14 pt; the agency name and the national title side by side,
the number and the place and date below them, the title in bold capitals, the signature block
on the right. Usage: python -m congso.evaluation.docx.build_templates
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

HERE = Path(__file__).parent


def _base() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "Times New Roman"
    )
    header = doc.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    cells = header.rows[0].cells
    left = cells[0].paragraphs[0]
    left.alignment = WD_ALIGN_PARAGRAPH.CENTER
    left.add_run("{{ parent_name }}\n").font.size = Pt(12)
    run = left.add_run("{{ agency_name }}")
    run.bold = True
    run.font.size = Pt(12)
    right = cells[1].paragraphs[0]
    right.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = right.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    run.bold = True
    run.font.size = Pt(12)
    run = right.add_run("Độc lập - Tự do - Hạnh phúc")
    run.bold = True
    cells = header.rows[1].cells
    number = cells[0].paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.add_run("Số: {{ number }}")
    place = cells[1].paragraphs[0]
    place.alignment = WD_ALIGN_PARAGRAPH.CENTER
    place.add_run("{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year_now }}").italic = True
    return doc


def _title(doc: Document, text: str, subtitle: str) -> None:
    para = doc.add_paragraph()
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = para.add_run(text)
    run.bold = True
    run.font.size = Pt(14)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(subtitle).bold = True


def _signature(doc: Document) -> None:
    table = doc.add_table(rows=1, cols=2)
    cell = table.rows[0].cells[1].paragraphs[0]
    cell.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.add_run("{{ signer_title }}\n").bold = True
    cell.add_run("(Ký, ghi rõ họ tên, đóng dấu)\n\n\n\n").italic = True
    cell.add_run("{{ signer_name }}").bold = True


def build_run() -> None:
    doc = _base()
    _title(doc, "DANH SÁCH", "Kết quả đánh giá, xếp loại chất lượng năm {{ year }}")
    doc.add_paragraph(
        "Căn cứ {{ basis }}; căn cứ biên bản họp xét ngày {{ meeting_date }}, {{ agency_name }} "
        "công bố kết quả đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {{ year }} "
        "như sau:"
    )
    table = doc.add_table(rows=3, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ("STT", "Họ và tên", "Chức vụ", "Tổng điểm", "Xếp loại", "Danh hiệu đủ tiêu chuẩn"),
        strict=True,
    ):
        cell.paragraphs[0].add_run(text).bold = True
    table.rows[1].cells[0].paragraphs[0].add_run("{%tr for r in rows %}")
    values = (
        "{{ r.n }}",
        "{{ r.name }}",
        "{{ r.position }}",
        "{{ r.points }}",
        "{{ r.level }}",
        "{{ r.titles }}",
    )
    row = table.add_row()
    for cell, text in zip(row.cells, values, strict=True):
        cell.paragraphs[0].add_run(text)
    table.add_row().cells[0].paragraphs[0].add_run("{%tr endfor %}")
    table._tbl.remove(table.rows[2]._tr)
    doc.add_paragraph("Tổng hợp: {{ summary }}.")
    _signature(doc)
    doc.save(HERE / "danh_sach_xep_loai.docx")


def build_result() -> None:
    doc = _base()
    _title(doc, "PHIẾU KẾT QUẢ XẾP LOẠI", "Năm {{ year }}")
    doc.add_paragraph("Họ và tên: {{ name }}")
    doc.add_paragraph("Chức vụ, đơn vị: {{ position }} — {{ unit_name }}")
    doc.add_paragraph("Kết quả xếp loại: {{ level }}")
    doc.add_paragraph("Căn cứ và lý do:")
    doc.add_paragraph("{%p for r in reasons %}")
    doc.add_paragraph("- {{ r.text }} ({{ r.basis }})")
    doc.add_paragraph("{%p endfor %}")
    _signature(doc)
    doc.save(HERE / "phieu_ket_qua.docx")


if __name__ == "__main__":
    build_run()
    build_result()
