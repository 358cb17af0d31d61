"""Render an AnnualReport: DOCX from the province's template (docxtpl), the xlsx of every
figure with its trace, and the PDF from the DOCX by LibreOffice headless (one layout)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from congso.reports.annual import AnnualReport
from congso.reports.charts import bar_png

TEMPLATE = Path(__file__).resolve().parent / "docx" / "annual_report.docx"
APPENDIX_ROWS = 15  # longer tables go to an appendix at the end
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}


class RenderError(Exception):
    """A report could not be produced (message in Vietnamese, for the user)."""


def date_text(day) -> str:
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


BODY_MARKER = "[[NOI_DUNG_BAO_CAO]]"


def _insert_body(doc, report: AnnualReport) -> None:
    """Write the body at the end of `doc`, then move it where the template's marker paragraph
    stands (python-docx only: docxtpl sub-documents would need another dependency)."""
    body = doc.element.body
    before = len(body)
    appendix = _body(doc, report)
    sect = body[-1] if body[-1].tag.endswith("sectPr") else None
    added = [el for el in list(body)[before - (1 if sect is not None else 0) :] if el is not sect]
    marker = next(p for p in doc.paragraphs if p.text.strip() == BODY_MARKER)
    for el in added:
        marker._p.addprevious(el)
    marker._p.getparent().remove(marker._p)
    _appendix(doc, appendix)


def _body(sub, report: AnnualReport) -> list:

    def para(text, *, bold=False, italic=False, style=None, indent=True):
        p = sub.add_paragraph(style=style)
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = Mm(10)
        return p

    sub.add_heading(_("A. KẾT QUẢ THỰC HIỆN"), level=1)
    if not report.has_data:
        para(
            getattr(report, "no_data_text", "")
            or _("Năm %(year)s chưa có số liệu về việc thực hiện Chỉ thị trên hệ thống.")
            % {"year": report.year}
        )
    figure_no = 0
    appendix: list = []
    for number, title, sections in report.points:
        sub.add_heading(f"{ROMAN[number]}. {title}", level=2)
        for section in sections:
            sub.add_heading(section.title, level=3)
            if not section.available:
                para(section.absent_reason, italic=True)
                continue
            para(section.narrative)
            for figure in section.figures:
                p = para(f"- {figure.label}: ", indent=True)
                p.add_run(figure.shown).bold = True
            for table in section.tables:
                if not table.rows:
                    continue
                if len(table.rows) > APPENDIX_ROWS:
                    appendix.append(table)
                    para(
                        _("%(title)s: xem Phụ lục %(n)s.")
                        % {"title": table.title, "n": len(appendix)},
                        italic=True,
                        indent=False,
                    )
                    continue
                para(table.title, italic=True, indent=False).paragraph_format.keep_with_next = True
                _table(sub, table)
            for chart in section.charts:
                if not chart.labels:
                    continue
                figure_no += 1
                p = sub.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                p.add_run().add_picture(io.BytesIO(bar_png(chart)), width=Mm(160))
                cap = para(
                    _("Biểu đồ %(n)s. %(title)s") % {"n": figure_no, "title": chart.title},
                    italic=True,
                    indent=False,
                )
                cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for heading, attr, empty in (
        (_("B. ƯU ĐIỂM"), "strengths", _("(Đơn vị bổ sung.)")),
        (_("C. HẠN CHẾ, NGUYÊN NHÂN"), "limits", _("(Đơn vị bổ sung.)")),
        (_("D. ĐỀ XUẤT, KIẾN NGHỊ"), "proposals", _("(Đơn vị bổ sung.)")),
    ):
        sub.add_heading(heading, level=1)
        items = report.gathered(attr)
        for item in items or [empty]:
            para(f"- {item}")
    # A unit report's extra parts (its children's reports), as (heading, paragraphs).
    for heading, paragraphs in getattr(report, "extra_parts", ()):
        sub.add_heading(heading, level=1)
        for text, bold in paragraphs:
            para(text, bold=bold)
    return appendix


def _appendix(doc, tables: list) -> None:
    """Long tables after the signature, one appendix each, as Party documents attach them."""
    for n, table in enumerate(tables, start=1):
        doc.add_page_break()
        for text in (_("PHỤ LỤC %(n)s") % {"n": n}, table.title):
            p = doc.add_paragraph()
            p.add_run(text).bold = True
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _table(doc, table)


def _numeric(text: str) -> bool:
    return bool(text) and all(ch in "0123456789.,%–- " for ch in text)


def _repeat_as_header(row) -> None:
    """Mark a row as the table's header: Word and LibreOffice repeat it at the top of every
    page a long table runs onto (the appendix of every unit spans several pages)."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(doc, table) -> None:
    """A bordered table, 165 mm wide: the first (name) column gets the room it needs."""
    count = len(table.columns)
    wide = next((i for i, text in enumerate(table.rows[0]) if not _numeric(text)), 0)
    main = 165 - 25 * (count - 1) if count > 2 else 110
    rest = (165 - main) / max(count - 1, 1)
    widths = [Mm(main if i == wide else rest) for i in range(count)]
    t = doc.add_table(rows=1, cols=count)
    t.style = "Table Grid"
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice and Word lay out by
    _repeat_as_header(t.rows[0])
    for cell, text, width in zip(t.rows[0].cells, table.columns, widths, strict=True):
        cell.text = text
        cell.width = width
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(12)
    for row in table.rows:
        cells = t.add_row().cells
        for cell, text, width in zip(cells, row, widths, strict=True):
            cell.text = text
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if paragraph.runs:
                paragraph.runs[0].font.size = Pt(12)
            if _numeric(text):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def render_docx(report: AnnualReport, template: Path = TEMPLATE) -> bytes:
    tpl = DocxTemplate(str(template))
    context = {
        "parent_body": report.parent_body,
        "issuer": report.issuer,
        "number": report.number,
        "place": report.place,
        "date_text": date_text(report.issued_on),
        "subject": getattr(report, "subject", "")
        or _("Kết quả thực hiện Chỉ thị về văn hóa công sở năm %(year)s") % {"year": report.year},
        "abbrev": getattr(report, "abbrev", ""),
        "body": BODY_MARKER,
        "recipients": report.recipients,
        "signer_title": report.signer_title,
        "signer_name": report.signer_name,
    }
    tpl.render(context, autoescape=True)
    rendered = io.BytesIO()
    tpl.save(rendered)
    doc = Document(io.BytesIO(rendered.getvalue()))
    _insert_body(doc, report)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_xlsx(report: AnnualReport) -> bytes:
    """Every figure of the report with its trace, one row each (the inspector's appendix)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(
        [
            _("Mục"),
            _("Nội dung"),
            _("Mã số liệu"),
            _("Chỉ tiêu"),
            _("Giá trị"),
            _("Đơn vị tính"),
            _("Nguồn và điều kiện lọc"),
        ]
    )
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for section in report.sections:
        if not section.available:
            ws.append([ROMAN[section.point], section.title, "", "", "", "", section.absent_reason])
            continue
        for f in section.figures:
            ws.append(
                [ROMAN[section.point], section.title, f.key, f.label, f.value, f.unit, f.trace]
            )
    for col, width in zip("ABCDEFG", (6, 40, 22, 40, 14, 12, 100), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        row[6].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def libreoffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def docx_to_pdf(docx: bytes, *, timeout: int = 120) -> bytes:
    binary = libreoffice()
    if binary is None:
        raise RenderError(_("Không tìm thấy LibreOffice để chuyển báo cáo sang PDF."))
    with tempfile.TemporaryDirectory(prefix="congso-report-") as tmp:
        source = Path(tmp) / "bao-cao.docx"
        source.write_bytes(docx)
        profile = Path(tmp) / "profile"
        result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [
                binary,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        target = Path(tmp) / "bao-cao.pdf"
        if result.returncode != 0 or not target.exists():
            raise RenderError(_("LibreOffice không chuyển được báo cáo sang PDF."))
        return target.read_bytes()
