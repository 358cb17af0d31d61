"""A unit report as a document: DOCX in the unit's format (the annual report's renderer with
its own template) and its figures as xlsx; the review page's table as xlsx.

Format (docs/reports.md): a Party body (kind "party") and the province itself report in the
Party format of HD 36-HD/VPTW, as the annual report; every other unit — a State agency, a
public-service unit, a commune's People's Committee, a front or press body — sends its report
to the level above as an administrative report in the State format of NĐ 30/2020 (national
name and motto, "Số: …/BC-XX")."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from congso.reports.annual import AnnualReport
from congso.reports.data import Table
from congso.reports.docx.build_template import UNIT_PARTY, UNIT_STATE
from congso.reports.exports import tables_xlsx
from congso.reports.formatting import number
from congso.reports.periods import make_period, period_name
from congso.reports.render import render_docx, render_xlsx
from congso.reports.services import CONTENT_TYPES, ReportFile, system_actor
from congso.reports.unit_reports import figures, rules, selectors

XLSX = CONTENT_TYPES["xlsx"]


def state_label(state: str) -> str:
    return str(
        {
            "draft": _("Đang soạn"),
            "submitted": _("Đã gửi"),
            "returned": _("Bị trả lại"),
            "accepted": _("Đã tiếp nhận"),
        }.get(state, _("Chưa lập"))
    )


@dataclass
class UnitReportDoc(AnnualReport):
    subject: str = ""
    abbrev: str = ""
    no_data_text: str = ""
    extra_parts: list = field(default_factory=list)


def abbreviation(name: str) -> str:
    """'Sở Y tế' → 'SYT', 'Phường Yên Bái' → 'PYB' (the sign after "BC-" in the number)."""
    if " " not in name.strip() and name.strip().isupper():
        return name.strip()[:8]  # already an abbreviation (a short name such as "SNV")
    letters = []
    for word in name.replace("–", " ").replace("-", " ").split():
        first = word[0]
        if first == "Đ" or first == "đ":
            letters.append("Đ")
        elif first.isalpha():
            base = unicodedata.normalize("NFD", first)[0]
            letters.append(base.upper())
    return "".join(letters)[:8]


def is_party_format(unit) -> bool:
    return unit.kind == "party" or unit.depth == 0


def _province_name(unit) -> str:
    """The root unit's name ("Tỉnh Lào Cai"), read from the unit's path."""
    from congso.org.selectors import unit_list

    if unit.depth == 0:
        return unit.name
    root_id = int(unit.path.strip("/").split("/")[0])
    root = unit_list(actor=system_actor()).filter(pk=root_id).first()
    return root.name if root else ""


def _apply_narrative(sections, narrative: dict) -> None:
    for section in sections:
        text = narrative.get(section.key)
        if not text:
            continue
        if text.get("results"):
            section.narrative = text["results"]
        if text.get("limits"):
            section.limits = [line for line in text["limits"].splitlines() if line.strip()]
        if text.get("proposals"):
            section.proposals = [line for line in text["proposals"].splitlines() if line.strip()]
        section.available = section.available or bool(text.get("results"))


def _children_part(actor, unit, kind, year, seq) -> list:
    status = selectors.children_status(
        actor=actor, parent=unit, kind=kind, year=year, seq=seq, today=timezone.localdate()
    )
    if not status:
        return []
    sent = [s for s in status if s.state in rules.SENT]
    missing = [s for s in status if s.state not in rules.SENT]
    paragraphs = [
        (
            _("%(sent)s/%(total)s đơn vị trực thuộc đã gửi báo cáo (hạn %(due)s).")
            % {
                "sent": number(len(sent)),
                "total": number(len(status)),
                "due": status[0].due_on.strftime("%d/%m/%Y"),
            },
            False,
        )
    ]
    if missing:
        paragraphs.append(
            (
                _("Chưa gửi: %(units)s.") % {"units": ", ".join(s.unit.name for s in missing)},
                False,
            )
        )
    titles = {s.key: s.title for s in figures.SECTIONS}
    for item in sent:
        late = _(", gửi muộn") if item.late else ""
        line = f"{item.unit.name} ({state_label(item.state)}{late})"
        paragraphs.append((line, True))
        for key, text in (item.report.narrative or {}).items():
            parts = [text.get("results", "")]
            if text.get("limits"):
                parts.append(_("Hạn chế: %(t)s") % {"t": text["limits"]})
            if text.get("proposals"):
                parts.append(_("Đề xuất: %(t)s") % {"t": text["proposals"]})
            body = " ".join(p for p in parts if p)
            if body:
                paragraphs.append((f"- {_(titles.get(key, key))}: {body}", False))
    return [(_("E. TỔNG HỢP BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC"), paragraphs)]


def build_doc(*, actor, unit, report, kind: str, year: int, seq: int) -> UnitReportDoc:
    period = make_period(kind, year, seq)
    name = period_name(period)
    sections = (
        figures.sections_of(report, unit)
        if report is not None
        else figures.live_sections(unit, kind, year, seq)
    )
    _apply_narrative(sections, report.narrative if report is not None else {})
    parent = unit.parent
    party = is_party_format(unit)
    province = _province_name(unit)
    if party:
        parent_body = _("ĐẢNG BỘ %(province)s") % {"province": province.upper()}
        signer = _("T/M %(unit)s") % {"unit": unit.name.upper()}
    elif parent is not None and parent.depth == 0:
        parent_body = _("UBND %(province)s") % {"province": province.upper()}
        signer = _("THỦ TRƯỞNG ĐƠN VỊ")
    else:
        parent_body = parent.name.upper().replace("ỦY BAN NHÂN DÂN", "UBND") if parent else ""
        signer = _("THỦ TRƯỞNG ĐƠN VỊ")
    issuer = unit.short_name if unit.kind == "commune" and unit.short_name else unit.name
    if unit.kind == "commune":
        signer = _("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
        place = unit.name.split(" ", 1)[-1]
    else:
        place = province.split(" ", 1)[-1] if province.lower().startswith("tỉnh ") else province
    sent_on = report.last_submitted_at if report is not None else None
    doc = UnitReportDoc(
        year=year,
        unit_name=unit.name,
        issuer=issuer.upper(),
        parent_body=parent_body,
        number="…",
        place=place,
        issued_on=timezone.localtime(sent_on).date() if sent_on else timezone.localdate(),
        signer_title=signer,
        signer_name="",
        recipients=[
            _("%(unit)s (để báo cáo)") % {"unit": parent.name if parent else ""},
            _("Lưu: VT."),
        ],
        sections=sections,
        subject=_("Kết quả thực hiện Chỉ thị về văn hóa công sở %(period)s") % {"period": name},
        abbrev=abbreviation(unit.short_name or unit.name),
        no_data_text=_("%(period)s chưa có số liệu về việc thực hiện Chỉ thị trên hệ thống.")
        % {"period": name[:1].upper() + name[1:]},
    )
    doc.extra_parts = _children_part(actor, unit, kind, year, seq)
    return doc


def unit_report_file(*, actor, unit, report, kind: str, year: int, seq: int, fmt: str):
    doc = build_doc(actor=actor, unit=unit, report=report, kind=kind, year=year, seq=seq)
    slug = rules.period_slug(kind, year, seq)
    if fmt == "xlsx":
        content = render_xlsx(doc)
    else:
        template = UNIT_PARTY if is_party_format(unit) else UNIT_STATE
        content = render_docx(doc, template)
    return ReportFile(content, CONTENT_TYPES[fmt], f"bao-cao-{unit.pk}-{slug}.{fmt}")


def status_xlsx(status, aggregate, name: str) -> bytes:
    """The review page: children's state and the subtree's figures, as tables."""
    children = Table(
        _("Tình hình gửi báo cáo %(period)s") % {"period": name},
        [_("Đơn vị"), _("Trạng thái"), _("Hạn gửi"), _("Ngày gửi"), _("Số lần gửi"), _("Muộn")],
        [
            [
                s.unit.name,
                state_label(s.state),
                s.due_on.strftime("%d/%m/%Y"),
                timezone.localtime(s.report.submitted_at).strftime("%d/%m/%Y")
                if s.report and s.report.submitted_at
                else "",
                str(s.report.submissions if s.report else 0),
                _("Có") if s.late else "",
            ]
            for s in status
        ],
    )
    rows = []
    for section in aggregate:
        if not section.available:
            rows.append([section.title, "", section.absent_reason])
            continue
        for f in section.figures:
            rows.append([section.title, f.label, f.shown, f.trace])
    figures_table = Table(
        _("Số liệu tổng hợp của cây đơn vị"),
        [_("Nội dung"), _("Chỉ tiêu"), _("Giá trị"), _("Nguồn và điều kiện lọc")],
        rows,
    )
    return tables_xlsx([children, figures_table])
