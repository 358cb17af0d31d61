"""Making the annual report file (the one writer of report files; nothing is stored)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from congso.common.permissions import Cap
from congso.common.scoping import WHOLE_PROVINCE, Actor
from congso.reports.annual import build_annual_report
from congso.reports.render import RenderError, docx_to_pdf, render_docx, render_xlsx

FORMATS = ("docx", "pdf", "xlsx")
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# What the report reads; the command runs with these over the whole province.
READ_CAPABILITIES = (
    Cap.ORG_VIEW,
    Cap.CONDUCT_REPORT,
    Cap.SURVEYS_VIEW,
    Cap.CASES_VIEW,
    Cap.INSPECTIONS_VIEW,
    Cap.EVALUATION_VIEW,
    Cap.DISSEMINATION_REPORT,
    Cap.EMULATION_VIEW,
    Cap.REPORTS_VIEW,
)
MIN_YEAR, MAX_YEAR = 2000, 2100


def system_actor() -> Actor:
    """The province-wide reader the `congso report` command acts as (an operator's job)."""
    return Actor(
        user_id=None,
        username="congso-report",
        display_name="congso report",
        reach={cap: WHOLE_PROVINCE for cap in READ_CAPABILITIES},
    )


@dataclass(frozen=True)
class ReportFile:
    content: bytes
    content_type: str
    filename: str


def check_request(year, fmt: str) -> int:
    if fmt not in FORMATS:
        raise RenderError(
            _("Định dạng “%(fmt)s” không được hỗ trợ; chọn một trong: %(choices)s.")
            % {"fmt": fmt, "choices": ", ".join(FORMATS)}
        )
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise RenderError(_("Năm báo cáo không hợp lệ.")) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise RenderError(
            _("Năm báo cáo phải từ %(a)s đến %(b)s.") % {"a": MIN_YEAR, "b": MAX_YEAR}
        )
    return year


def annual_report_file(*, actor: Actor, unit, year, fmt: str, number: str = "") -> ReportFile:
    year = check_request(year, fmt)
    report = build_annual_report(actor=actor, unit=unit, year=year, number=number)
    if fmt == "xlsx":
        content = render_xlsx(report)
    else:
        content = render_docx(report)
        if fmt == "pdf":
            content = docx_to_pdf(content)
    return ReportFile(content, CONTENT_TYPES[fmt], f"bao-cao-chi-thi-{year}.{fmt}")
