"""Build `annual_report.docx`, the province-editable template of the annual report.

Run `python -m congso.reports.docx.build_template` to recreate it; the committed .docx is what
the report uses, so a province may edit it in Word instead (keep the {{ … }} tags). Layout per
HD 36-HD/VPTW and NĐ 30/2020: A4, margins 20/20/30/15 mm, Times New Roman, body 14 pt, page
numbers centred in the top margin from page 2.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "annual_report.docx"
# Unit reports upward (reports/unit_reports): a Party body's report in the Party format, any
# other unit's in the State format of NĐ 30/2020 (national name and motto, "Số: N/BC-XX").
UNIT_PARTY = HERE / "unit_report_party.docx"
UNIT_STATE = HERE / "unit_report_state.docx"
FONT = "Times New Roman"


def _font(style, size: float, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    # Heading styles name theme fonts (Calibri Light), which win over w:ascii: drop them.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _para(
    cell_or_doc,
    text: str,
    *,
    size=14,
    bold=False,
    italic=False,
    underline=False,
    align=None,
    space_after=0,
):
    p = cell_or_doc.add_paragraph()
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    return p


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def build(path: Path = TEMPLATE, variant: str = "annual") -> Path:
    doc = Document()
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    header_p = section.header.paragraphs[0]
    header_p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(header_p)

    _font(doc.styles["Normal"], 14)
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 14), ("Heading 2", 14), ("Heading 3", 14)):
        style = doc.styles[name]
        _font(style, size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.italic = name == "Heading 3"
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(3)
    _font(doc.styles["Table Grid"], 12)

    # Header block: issuing body left, party name right (HD 36-HD/VPTW).
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    # The State format's national name needs the wider right column on one line.
    left.width, right.width = (Mm(65), Mm(100)) if variant == "unit_state" else (Mm(75), Mm(90))
    if variant == "unit_state":  # LibreOffice lays out by the grid: set the columns too
        table.columns[0].width, table.columns[1].width = Mm(65), Mm(100)
    left.paragraphs[0].text = ""
    _para(left, "{{ parent_body }}", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "{{ issuer }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if variant == "unit_state":
        _para(left, "———", size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(left, "Số: {{ number }}/BC-{{ abbrev }}", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(
            right,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            size=12,
            bold=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
        _para(
            right,
            "Độc lập - Tự do - Hạnh phúc",
            size=13,
            bold=True,
            underline=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    else:
        _para(left, "*", size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
        number_line = (
            "Số {{ number }}-BC/{{ abbrev }}"
            if variant == "unit_party"
            else "Số {{ number }}-BC/BCSĐ"
        )
        _para(left, number_line, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(
            right,
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            size=15,
            bold=True,
            underline=True,
            align=WD_ALIGN_PARAGRAPH.CENTER,
        )
    _para(right, "", size=8)
    _para(
        right, "{{ place }}, {{ date_text }}", size=14, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    for cell in (left, right):
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)

    _para(doc, "", size=10)
    _para(doc, "BÁO CÁO", size=15, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "{{ subject }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "-----", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    doc.add_paragraph("{{ body }}")

    # Recipients left, signer right.
    sign = doc.add_table(rows=1, cols=2)
    sign.autofit = False
    recv, signer = sign.rows[0].cells
    recv.width, signer.width = Mm(80), Mm(85)
    _para(recv, "Nơi nhận:", size=12, bold=True, underline=True)
    _para(
        recv,
        "{% for r in recipients %}- {{ r }}{% if not loop.last %}\n{% endif %}{% endfor %}",
        size=11,
    )
    _para(signer, "{{ signer_title }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(signer, "", size=14)
    _para(signer, "", size=14)
    _para(signer, "", size=14)
    _para(signer, "{{ signer_name }}", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for cell in (recv, signer):
        first = cell.paragraphs[0]
        first._p.getparent().remove(first._p)
    # Keep "Nơi nhận" and the signer block on one page.
    tr_pr = sign.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
    print(build(UNIT_PARTY, "unit_party"))
    print(build(UNIT_STATE, "unit_state"))
