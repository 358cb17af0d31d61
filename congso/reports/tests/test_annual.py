"""The annual report: the Party header, the sections per point, figures equal to the rows."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from congso.cases.models import Case
from congso.conduct.models import ViolationCategory
from congso.reports.annual import build_annual_report
from congso.reports.registry import SECTIONS
from congso.reports.render import render_docx, render_xlsx
from congso.reports.services import system_actor
from congso.reports.tests.helpers import docx_text, violation

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def cases(world):
    categories = list(ViolationCategory.objects.order_by("code")[:2])
    violation(world.agency_a, category=categories[0])
    violation(world.agency_a, category=categories[0], full_name="Vũ Thị Lan")
    violation(world.agency_b, category=categories[1], full_name="Đỗ Văn Hùng")
    return categories


def _report(world, year=YEAR, number="12"):
    return build_annual_report(actor=system_actor(), unit=world.province, year=year, number=number)


def test_docx_has_party_header_number_place_date_and_signer(world, cases):
    paragraphs, tables = docx_text(render_docx(_report(world)))
    left, right = tables[0][0]
    assert "BAN CÁN SỰ ĐẢNG UBND TỈNH" in left
    assert left.splitlines()[2] == "*"
    assert "Số 12-BC/BCSĐ" in left
    assert right.splitlines()[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert f"năm {timezone.localdate().year}" in right and right.strip().splitlines()[
        -1
    ].startswith("Lào Cai, ngày")
    assert "BÁO CÁO" in paragraphs
    receivers, signer = tables[-1][0]
    assert receivers.startswith("Nơi nhận:") and "Ban Thường vụ Tỉnh ủy" in receivers
    assert "BÍ THƯ" in signer


def test_party_title_is_underlined_and_body_in_times_new_roman(world, cases):
    from docx import Document

    doc = Document(io.BytesIO(render_docx(_report(world))))
    title_run = doc.tables[0].rows[0].cells[1].paragraphs[0].runs[0]
    assert title_run.underline and title_run.bold
    assert doc.styles["Normal"].font.name == "Times New Roman"
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_docx_follows_the_six_points_of_the_directive(world, cases):
    paragraphs, _tables = docx_text(render_docx(_report(world)))
    starts = [
        p.split(".")[0] for p in paragraphs if p[:3] in {"I. ", "II.", "III", "IV.", "V. ", "VI."}
    ]
    assert starts == ["I", "II", "III", "IV", "V", "VI"]
    for section in SECTIONS:
        assert any(section.key for p in paragraphs)
    assert "B. ƯU ĐIỂM" in paragraphs and "D. ĐỀ XUẤT, KIẾN NGHỊ" in paragraphs


def test_violation_figures_equal_the_cases_in_the_database(world, cases):
    report = _report(world)
    section = next(s for s in report.sections if s.key == "violations")
    detected = Case.unscoped.filter(kind="misconduct", created_at__year=YEAR).count()
    assert detected == 3
    assert section.figure("violations.detected").value == detected
    by_category = {row[0]: row[1] for row in section.tables[0].rows}
    assert by_category == {cases[0].name: "2", cases[1].name: "1"}
    by_unit = {row[0]: row[1] for row in section.tables[1].rows}
    assert by_unit == {"Sở Nội vụ": "2", "Sở Y tế": "1"}
    paragraphs, tables = docx_text(render_docx(report))
    assert "- Vụ việc vi phạm được phát hiện: 3 vụ việc" in paragraphs
    docx_rows = {r[0]: r[1] for t in tables for r in t[1:] if len(r) == 6}
    assert docx_rows[cases[0].name] == "2" and docx_rows["Sở Y tế"] == "1"


def test_a_year_without_data_says_so_in_every_section(world):
    report = _report(world, year=2001)
    assert not report.has_data
    assert all(not s.available and s.absent_reason for s in report.sections)
    # every app of the directive is installed: each section says the year is empty
    assert all("Năm 2001 chưa có số liệu" in s.absent_reason for s in report.sections)
    paragraphs, _tables = docx_text(render_docx(report))
    assert "Năm 2001 chưa có số liệu về việc thực hiện Chỉ thị trên hệ thống." in paragraphs
    assert any("Năm 2001 chưa có số liệu của nội dung này" in p for p in paragraphs)


def test_section_of_an_app_not_installed_says_it_is_not_deployed(world, cases, monkeypatch):
    from congso.reports import registry as sections

    monkeypatch.setattr(sections.apps, "is_installed", lambda name: name != "congso.cases")
    report = _report(world)
    violations = next(s for s in report.sections if s.key == "violations")
    assert not violations.available
    assert "chưa được triển khai" in violations.absent_reason


def test_xlsx_lists_every_figure_with_its_trace(world, cases):
    report = _report(world)
    sheet = load_workbook(io.BytesIO(render_xlsx(report))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    by_key = {r[2]: r for r in rows if r[2]}
    figures = [f for s in report.sections if s.available for f in s.figures]
    assert set(by_key) == {f.key for f in figures}
    detected = by_key["violations.detected"]
    assert detected[4] == 3 and "kind='misconduct'" in detected[6]
    assert all(r[6] for r in rows)


def test_command_writes_docx_and_the_xlsx_beside_it(world, cases, tmp_path):
    target = tmp_path / "bao-cao.docx"
    call_command(
        "report",
        "annual",
        "--year",
        str(YEAR),
        "--format",
        "docx",
        "--output",
        str(target),
        "--number",
        "7",
    )
    _paragraphs, tables = docx_text(target.read_bytes())
    assert "Số 7-BC/BCSĐ" in tables[0][0][0]
    assert (tmp_path / "bao-cao.xlsx").exists()


def test_command_rejects_an_unknown_format(world, tmp_path):
    with pytest.raises(CommandError, match="Định dạng “odt” không được hỗ trợ"):
        call_command(
            "report",
            "annual",
            "--year",
            "2025",
            "--format",
            "odt",
            "--output",
            str(tmp_path / "x.odt"),
        )
    assert not list(tmp_path.iterdir())


def test_command_rejects_an_unwritable_output_path(world, tmp_path):
    with pytest.raises(CommandError, match="không tồn tại"):
        call_command(
            "report", "annual", "--year", "2025", "--output", str(tmp_path / "khong" / "x.docx")
        )
    folder = tmp_path / "la-thu-muc.docx"
    folder.mkdir()
    with pytest.raises(CommandError, match="Không ghi được tệp"):
        call_command("report", "annual", "--year", "2025", "--output", str(folder))


def test_command_rejects_a_bad_year(world, tmp_path):
    with pytest.raises(CommandError, match="Năm báo cáo không hợp lệ"):
        call_command(
            "report", "annual", "--year", "hai-nghin", "--output", str(tmp_path / "x.docx")
        )


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_pdf_is_rendered_from_the_docx_with_the_party_header(world, cases, tmp_path):
    target = tmp_path / "bao-cao.pdf"
    call_command(
        "report",
        "annual",
        "--year",
        str(YEAR),
        "--format",
        "pdf",
        "--output",
        str(target),
        "--no-appendix",
    )
    content = target.read_bytes()
    assert content.startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run(  # noqa: S603 - fixed arguments
            [pdftotext, "-layout", str(target), "-"], capture_output=True, check=True, text=True
        ).stdout
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BC/BCSĐ" in text
        assert "Vụ việc vi phạm được phát hiện: 3" in text


def _results(unit, year, levels, *, state="published", capped=()):
    from datetime import date

    from congso.common.testing import make_person
    from congso.evaluation.models import Result, Run

    run = Run.unscoped.create(unit=unit, year=year, state=state, appeal_deadline=date(2099, 1, 1))
    for i, level in enumerate(levels):
        reasons = (
            [{"code": "R9_DIRECTIVE_CAP", "text_vi": "…", "basis": "Chỉ thị"}]
            if i in capped
            else []
        )
        Result.unscoped.create(
            unit=unit,
            run=run,
            person=make_person(unit, full_name=f"Người {i}"),
            category="cong_chuc",
            proposed=level,
            classification=level,
            rule_set="nd335_2025",
            reasons=reasons,
        )


def test_classification_counts_published_results_by_level_and_the_directive_cap(world):
    _results(world.agency_a, 2025, ["HTXSNV", "HTTNV", "HTNV", "HTNV"], capped={2})
    _results(world.agency_b, 2025, ["HTTNV"], state="proposal")  # not published: not counted
    report = _report(world, year=2025)
    section = next(s for s in report.sections if s.key == "classification")
    assert section.available
    assert section.figure("classification.total").value == 4
    assert section.figure("classification.capped").value == 1
    assert section.figure("classification.HTNV").value == 2
    assert section.figure("classification.runs").value == 1
    paragraphs, _tables = docx_text(render_docx(report))
    assert "- Bị giới hạn mức xếp loại do vi phạm văn hóa công sở (Chỉ thị): 1 người" in paragraphs
