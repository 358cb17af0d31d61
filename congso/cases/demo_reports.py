"""Demo reports from the public (part of `cases.demo`): the reports behind the public cases,
those still waiting for screening, spam, duplicates and forwarded ones, threads, two identity
reveals."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from congso.cases.choices import CaseSource, MessageAuthor, ReportKind, ReportStatus
from congso.cases.crypto import encrypt_contact
from congso.cases.models import IdentityReveal, Message, Report
from congso.org.models import OrgUnit

MISCONDUCT = [
    "Thái độ thiếu tôn trọng, nói trống không với người dân",
    "Hẹn người dân nhiều lần, không giải thích rõ hồ sơ còn thiếu gì",
    "Gợi ý người dân nộp thêm khoản ngoài quy định",
    "Dùng điện thoại việc riêng lâu khi người dân chờ",
]
PRAISE = [
    "Hướng dẫn tận tình, giúp người cao tuổi hoàn thiện hồ sơ",
    "Ở lại ngoài giờ để trả kết quả đúng hẹn",
]


def _aware(day: date, rng) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59))))


# Categories about conduct away from a service desk: no "when I came for a procedure".
_AWAY_FROM_DESK = {"social_media", "public_place", "gambling_social_evils", "colleague_conduct"}


def _category_code(case) -> str:
    return case.category.code if case is not None and case.category_id else ""


def _description(rng, kind, case) -> str:
    """The case's summary (it matches the case's category), else a text of the report's kind."""
    if case is None:
        text = rng.choice(MISCONDUCT if kind == ReportKind.MISCONDUCT else PRAISE)
    else:
        text = case.summary
    if _category_code(case) in _AWAY_FROM_DESK:
        return text + "."
    return text + ". Sự việc xảy ra khi tôi đến làm thủ tục."


def _place(case) -> str:
    return "" if _category_code(case) in _AWAY_FROM_DESK else "Bộ phận một cửa"


def _report(rng, *, unit_id, kind, created, status, users, monitor=False, case=None) -> Report:
    contact = {}
    if not monitor and rng.random() < 0.6:
        contact = {"name": "Người dân (dữ liệu mẫu)", "phone": f"09{rng.randint(10**7, 10**8 - 1)}"}
    return Report(
        unit_id=unit_id,
        kind=kind,
        receipt_hash=hashlib.sha256(secrets.token_hex(16).encode()).hexdigest(),
        pseudonym=secrets.token_hex(2).upper(),
        status=status,
        description=_description(rng, kind, case),
        place=_place(case),
        occurred_on=created - timedelta(days=rng.randint(0, 3)),
        contact_ciphertext=encrypt_contact(contact) if contact else "",
        is_social_monitor=monitor,
        organisation_name="Ủy ban MTTQ Việt Nam tỉnh Lào Cai" if monitor else "",
        filed_by_id=users.get("giamsat") if monitor else None,
        case=case,
    )


def write_reports(rng, today, cases, plans, people, users) -> dict:
    """Reports behind the public cases, and those not accepted (new, spam, duplicate, forwarded)."""

    reports, dates = [], []
    for case, plan in zip(cases, plans, strict=True):
        if plan.source in (CaseSource.PUBLIC_REPORT, CaseSource.SOCIAL_MONITOR):
            reports.append(
                _report(
                    rng,
                    unit_id=case.unit_id,
                    kind=plan.kind,
                    created=plan.created,
                    status=ReportStatus.ACCEPTED,
                    users=users,
                    case=case,
                    monitor=plan.source == CaseSource.SOCIAL_MONITOR,
                )
            )
            dates.append(plan.created)
    ttr = OrgUnit.unscoped.filter(short_name="TTr tỉnh").first()
    for status, count in (
        (ReportStatus.NEW, 40),
        (ReportStatus.SPAM, 60),
        (ReportStatus.DUPLICATE, 40),
        (ReportStatus.FORWARDED, 15),
    ):
        for index in range(count):
            created = today - timedelta(days=rng.randint(0, 6 if status == "new" else 300))
            unit_id = ttr.pk if ttr and index % 3 == 0 else rng.choice(people).unit_id
            reports.append(
                _report(
                    rng,
                    unit_id=unit_id,
                    kind=ReportKind.MISCONDUCT,
                    created=created,
                    status=status,
                    users=users,
                )
            )
            dates.append(created)
    receipt = str(10**15 + secrets.randbelow(9 * 10**15))
    reports[0].receipt_hash = hashlib.sha256(receipt.encode()).hexdigest()
    rows = Report.objects.bulk_create(reports, batch_size=500)
    accepted = [r for r in rows if r.status == ReportStatus.ACCEPTED]
    for report, day in zip(rows, dates, strict=True):
        report.created_at = _aware(day, rng)
        if report.status == ReportStatus.DUPLICATE and accepted:
            report.duplicate_of = rng.choice(accepted)
        if report.status == ReportStatus.FORWARDED:
            report.forwarded_to_id = report.unit_id
            report.screening_note = "Không thuộc thẩm quyền; chuyển đơn vị quản lý cán bộ."
    Report.objects.bulk_update(
        rows, ["created_at", "duplicate_of", "forwarded_to", "screening_note"], batch_size=500
    )
    messages = []
    for report in accepted[:120]:
        messages += [
            Message(
                report=report,
                author=MessageAuthor.AGENCY,
                body="Cảm ơn bạn. Đề nghị cho biết thêm khung giờ xảy ra sự việc.",
            ),
            Message(
                report=report,
                author=MessageAuthor.REPORTER,
                body="Khoảng 9 giờ sáng, tại quầy số 2.",
            ),
        ]
    Message.objects.bulk_create(messages)
    for index, message in enumerate(messages):
        message.created_at = message.report.created_at + timedelta(days=2, hours=index % 2 * 20)
    Message.objects.bulk_update(messages, ["created_at"], batch_size=500)
    reveals = [
        IdentityReveal(
            unit_id=r.unit_id,
            report=r,
            by_user_id=users["giudanhtinh"],
            by_label="giudanhtinh",
            reason="Người phản ánh báo bị gây khó khăn sau khi phản ánh; cần liên hệ "
            "để áp dụng biện pháp bảo vệ.",
        )
        for r in rows
        if ttr and r.unit_id == ttr.pk and r.contact_ciphertext and "giudanhtinh" in users
    ][:2]
    IdentityReveal.objects.bulk_create(reveals)
    return {
        "reports": len(rows),
        "messages": len(messages),
        "reveals": len(reveals),
        "receipt": receipt,
    }
