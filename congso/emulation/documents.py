"""Documents of the emulation app: the award decision with its list (DOCX), the council's
minutes (DOCX), both from Word templates in emulation/docx/ that officials may edit, and the
certificate (PDF, WeasyPrint) with a QR code (segno) to its public verification page."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import segno
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docxtpl import DocxTemplate

from congso.emulation.models import (
    Award,
    Ballot,
    CertificateDesign,
    Decision,
    Meeting,
    MeetingMember,
    Review,
)
from congso.emulation.services.awards import base_salary_on

TEMPLATES = Path(__file__).parent / "docx"
PLACE = "Lào Cai"  # the province's name in the place-and-date line (NĐ 30/2020)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def _header(unit, number: str, day) -> dict:
    parent = unit.parent.name if unit.parent_id else ""
    return {
        "parent_name": parent.upper(),
        "agency_name": unit.name.upper(),
        "number": number,
        "place": PLACE,
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}",
        "year_now": day.year,
    }


def _render(name: str, context: dict) -> bytes:
    doc = DocxTemplate(TEMPLATES / name)
    doc.render(context, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def decision_docx(decision: Decision) -> bytes:
    awards = list(
        Award.unscoped.filter(decision=decision).select_related("title", "unit").order_by("id")
    )
    rows = [
        {
            "n": i,
            "name": a.subject_name,
            "unit": a.unit.name,
            "title": a.title.name,
            "amount": money(a.amount),
            "code": a.code,
        }
        for i, a in enumerate(awards, start=1)
    ]
    meeting_text = (
        _("ngày %(day)s") % {"day": decision.meeting.held_on.strftime("%d/%m/%Y")}
        if decision.meeting_id
        else ""
    )
    context = {
        **_header(decision.unit, decision.ref, decision.signed_on),
        "subject": decision.subject,
        "signer_title": decision.signer_title,
        "signer_name": decision.signer,
        "meeting_text": meeting_text,
        "count": len(rows),
        "total": money(sum(a.amount for a in awards)),
        "base_salary": money(base_salary_on(decision.signed_on)),
        "signed_on": decision.signed_on.strftime("%d/%m/%Y"),
        "rows": rows,
    }
    return _render("quyet_dinh_khen_thuong.docx", context)


def tally_rows(meeting: Meeting) -> list[dict]:
    ballots = (
        Ballot.objects.filter(meeting=meeting)
        .select_related("proposal__title", "proposal__person", "proposal__unit")
        .order_by("proposal__title__sort", "id")
    )
    rows = []
    for i, b in enumerate(ballots, start=1):
        share = (Decimal(b.agree) * 100 / b.members) if b.members else Decimal(0)
        rows.append(
            {
                "n": i,
                "name": b.proposal.subject_name,
                "title": b.proposal.title.name,
                "agree": b.agree,
                "disagree": b.disagree,
                "invalid": b.invalid,
                "share": f"{share:.1f} %".replace(".", ","),
                "result": str(_("Đạt") if b.passed else _("Không đạt")),
            }
        )
    return rows


def minutes_docx(meeting: Meeting) -> bytes:
    members = list(
        MeetingMember.objects.filter(meeting=meeting).select_related("person").order_by("id")
    )
    present = [m for m in members if m.present]
    context = {
        **_header(meeting.unit, "", meeting.held_on),
        "year": meeting.year,
        "held_on": meeting.held_on.strftime("%d/%m/%Y"),
        "place": meeting.place or "",
        "members": len(members),
        "present": len(present),
        "absent": len(members) - len(present),
        "present_names": ", ".join(m.person.full_name for m in present),
        "rows": tally_rows(meeting),
        "signer_title": _("THƯ KÝ HỘI ĐỒNG"),
        "signer_name": "",
    }
    return _render("bien_ban_hop_hoi_dong.docx", context)


REVIEW_FIGURES = (
    ("registrations", gettext_lazy("Đăng ký thi đua (tập thể, cá nhân)")),
    ("registrations_approved", gettext_lazy("Đăng ký đã được duyệt")),
    ("registrations_pending", gettext_lazy("Đăng ký đã gửi, chờ duyệt")),
    ("proposals", gettext_lazy("Đề nghị khen thưởng")),
    ("awards", gettext_lazy("Khen thưởng đã có quyết định")),
    ("award_amount", gettext_lazy("Tổng tiền thưởng (đồng)")),
    ("initiatives", gettext_lazy("Sáng kiến được công nhận")),
    ("exemplars", gettext_lazy("Gương điển hình, người tốt việc tốt được ghi nhận")),
)


def review_rows(review: Review) -> list[dict]:
    """The review's figures as the report prints them (labels in order, amounts with dots)."""
    rows = []
    for n, (key, label) in enumerate(REVIEW_FIGURES, start=1):
        value = int(review.figures.get(key, 0))
        rows.append({"n": n, "label": str(label), "value": money(value)})
    return rows


def review_docx(review: Review) -> bytes:
    """The unit's sơ kết / tổng kết report of a plan (NĐ 30/2020 layout)."""
    day = timezone.localtime(review.updated_at).date()
    kind = review.get_kind_display()
    paragraphs = [line.strip() for line in review.narrative.splitlines() if line.strip()]
    context = {
        **_header(review.unit, "      /BC", day),
        "kind_title": str(kind).upper(),
        "kind_lower": str(kind).lower(),
        "plan_name": review.plan.name,
        "plan_unit": review.plan.unit.name,
        "unit_name": review.unit.name,
        "year": review.plan.year,
        "figures_on": day.strftime("%d/%m/%Y"),
        "rows": review_rows(review),
        "narrative": paragraphs,
        "signer_title": _("THỦ TRƯỞNG ĐƠN VỊ"),
        "signer_name": "",
    }
    return _render("bao_cao_so_ket.docx", context)


def qr_svg(url: str) -> str:
    return segno.make(url, error="m", micro=False).svg_inline(scale=4, border=2, dark="#000")


def authority(signer_title: str, unit_name: str) -> str:
    """Who awards, as the certificate heads it: 'Giám đốc' of 'Sở Nội vụ' → 'Giám đốc Sở Nội
    vụ'; a title that already names the unit stays; a shared word is not repeated ('Chủ tịch
    UBND tỉnh' of 'Tỉnh Lào Cai' → 'Chủ tịch UBND Tỉnh Lào Cai')."""
    title, unit = " ".join(signer_title.split()), " ".join(unit_name.split())
    if not unit or unit.casefold() in title.casefold():
        return title
    words = title.split(" ")
    if words and words[-1].casefold() == unit.split(" ")[0].casefold():
        words = words[:-1]
    return " ".join([*words, unit]).strip()


def certificate_context(award: Award, verify_url: str) -> dict:
    person = award.person
    if person is not None:
        salutation = _("Bà ") if person.sex == "F" else _("Ông ")
        detail = ", ".join(part for part in (person.position, award.unit.name) if part)
    else:
        salutation = ""
        detail = award.unit.parent.name if award.unit.parent_id else ""
    return {
        "award": award,
        "qr": qr_svg(verify_url),
        "verify_url": verify_url,
        "authority": authority(award.decision.signer_title, award.decision.unit.name),
        "salutation": salutation,
        "detail": detail,
        "place": PLACE,
    }


def certificate_template(award: Award) -> str:
    """The design of the award's title or form (giấy khen, bằng khen, title certificate)."""
    design = award.title.certificate
    if design not in CertificateDesign.values:
        design = CertificateDesign.DANH_HIEU
    return f"emulation/certificates/{design}.html"


def certificate_pdf(award: Award, verify_url: str) -> bytes:
    from weasyprint import HTML  # heavy import, only when a certificate is printed

    html = render_to_string(certificate_template(award), certificate_context(award, verify_url))
    return HTML(string=html).write_pdf()
