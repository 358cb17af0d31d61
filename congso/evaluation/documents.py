"""Documents of the classification: the unit's list (xlsx, and the DOCX the head signs) and a
person's result sheet (DOCX). A selector-like step builds plain data; docxtpl renders the Word
templates kept in evaluation/docx/ (officials may edit them in Word)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _
from docxtpl import DocxTemplate

from congso.common.xlsx import build_workbook
from congso.evaluation.labels import level_label, reason_rows
from congso.evaluation.models import Result, Run

TEMPLATES = Path(__file__).parent / "docx"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BASIS = "Nghị định 335/2025/NĐ-CP, Nghị định 90/2020/NĐ-CP (sửa đổi bởi Nghị định 48/2023/NĐ-CP)"


def _points(result: Result) -> str:
    return str(result.total_points).replace(".", ",") if result.total_points is not None else ""


def _titles(result: Result) -> str:
    titles = []
    if result.ldtt_eligible:
        titles.append(_("Lao động tiên tiến"))
    if result.cstdcs_eligible:
        titles.append(_("Chiến sĩ thi đua cơ sở"))
    if result.award_frozen:
        titles.append(_("(tạm dừng xét khen thưởng)"))
    return ", ".join(str(t) for t in titles)


def run_rows(results: list[Result]) -> list[dict]:
    return [
        {
            "n": index,
            "name": r.person.full_name,
            "position": r.person.position,
            "points": _points(r),
            "level": level_label(r.classification),
            "titles": _titles(r),
        }
        for index, r in enumerate(results, start=1)
    ]


def run_xlsx(run: Run, results: list[Result]) -> bytes:
    headers = [
        _("STT"),
        _("Họ và tên"),
        _("Chức vụ"),
        _("Nhóm"),
        _("Tổng điểm"),
        _("Xếp loại"),
        _("Danh hiệu đủ tiêu chuẩn"),
        _("Bộ quy tắc"),
    ]
    rows = (
        [
            row["n"],
            row["name"],
            row["position"],
            r.task_group,
            row["points"],
            row["level"],
            row["titles"],
            r.rule_set,
        ]
        for row, r in zip(run_rows(results), results, strict=True)
    )
    return build_workbook(title=_("Xếp loại %(y)s") % {"y": run.year}, headers=headers, rows=rows)


def _header(unit, today: date) -> dict:
    parent = unit.parent.name.upper() if unit.parent_id else ""
    return {
        "parent_name": parent,
        "agency_name": unit.name.upper(),
        "number": "      /QĐ-" + (unit.short_name or "").upper(),
        "place": "Lào Cai",
        "day": f"{today.day:02d}",
        "month": f"{today.month:02d}",
        "year_now": today.year,
        "signer_title": "THỦ TRƯỞNG ĐƠN VỊ",
        "signer_name": "",
    }


def _render(name: str, context: dict) -> bytes:
    doc = DocxTemplate(TEMPLATES / name)
    doc.render(context, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def run_docx(run: Run, results: list[Result], today: date) -> bytes:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.classification] = counts.get(r.classification, 0) + 1
    summary = "; ".join(f"{level_label(k)}: {v}" for k, v in sorted(counts.items()))
    context = {
        **_header(run.unit, today),
        "year": run.year,
        "basis": BASIS,
        "meeting_date": run.meeting_date.strftime("%d/%m/%Y") if run.meeting_date else "…",
        "rows": run_rows(results),
        "summary": summary,
    }
    return _render("danh_sach_xep_loai.docx", context)


def result_docx(result: Result, today: date) -> bytes:
    context = {
        **_header(result.run.unit, today),
        "year": result.run.year,
        "name": result.person.full_name,
        "position": result.person.position,
        "unit_name": result.run.unit.name,
        "level": level_label(result.classification),
        "reasons": reason_rows(result.reasons),
    }
    return _render("phieu_ket_qua.docx", context)
