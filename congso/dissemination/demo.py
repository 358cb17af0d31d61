"""Demo data for dissemination: the four founding documents (their PDFs made at demo time
from a short HTML summary with WeasyPrint, so no binary is committed), sent to the whole
province in 2025 and again in 2026, with a realistic spread of completion (each unit its own
rate, some lagging), study sessions with attendance, courses and activities, and the reminder
job run once so overdue escalations exist.

Written in bulk with one audit row per kind of bulk write, like the other demo loaders; the
services are exercised by the tests. People with a demo login keep their 2026 documents
unread, so "Việc của tôi" has something to show.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from html import escape

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from congso.common.audit import audit_record
from congso.common.calendar import deadline_after
from congso.dissemination.files import clean_pdf
from congso.dissemination.models import (
    Activity,
    ActivityKind,
    Attendance,
    Campaign,
    Course,
    Document,
    DocumentVersion,
    Participation,
    Receipt,
    StudySession,
)
from congso.dissemination.reminders import send_reminders
from congso.dissemination.rollup import rebuild
from congso.org.models import OrgUnit, Person

FOUNDING = [
    (
        "129/2007/QĐ-TTg",
        date(2007, 8, 2),
        "Thủ tướng Chính phủ",
        "Ban hành Quy chế văn hóa công sở tại các cơ quan hành chính nhà nước",
        "Quy định trang phục, giao tiếp, ứng xử của cán bộ, công chức, viên chức và bài trí "
        "công sở.",
        "Trang phục gọn gàng, lịch sự; đeo thẻ khi thi hành công vụ\n"
        "Giao tiếp, ứng xử lịch sự, không hách dịch, gây khó khăn với người dân\n"
        "Không hút thuốc trong phòng làm việc; không uống rượu bia tại công sở",
    ),
    (
        "1847/QĐ-TTg",
        date(2018, 12, 27),
        "Thủ tướng Chính phủ",
        "Phê duyệt Đề án Văn hóa công vụ",
        "Đề án về tinh thần, thái độ làm việc; chuẩn mực giao tiếp, ứng xử; chuẩn mực đạo đức, "
        "lối sống; trang phục của cán bộ, công chức, viên chức.",
        "“4 xin, 4 luôn”: xin chào, xin lỗi, xin cảm ơn, xin phép; luôn mỉm cười, luôn nhẹ "
        "nhàng, luôn lắng nghe, luôn giúp đỡ\n"
        "Không phát ngôn, chia sẻ thông tin chưa kiểm chứng trên mạng xã hội\n"
        "Cần, kiệm, liêm, chính, chí công vô tư",
    ),
    (
        "733/QĐ-TTg",
        date(2019, 6, 14),
        "Thủ tướng Chính phủ",
        "Ban hành Kế hoạch tổ chức thực hiện Phong trào thi đua “Cán bộ, công chức, viên chức "
        "thi đua thực hiện văn hóa công sở” giai đoạn 2019 – 2025",
        "Kế hoạch phát động, sơ kết (2022) và tổng kết (2025) phong trào thi đua thực hiện văn "
        "hóa công sở.",
        "Xây dựng cơ quan, đơn vị văn minh, hiện đại, xanh, sạch, đẹp\n"
        "Thực hiện kỷ cương, trách nhiệm, tận tụy, chuyên nghiệp\n"
        "Kết quả phong trào là căn cứ bình xét thi đua hằng năm",
    ),
    (
        "CT/TU (2019)",
        date(2019, 7, 1),
        "Ban Thường vụ Tỉnh ủy Lào Cai",
        "Chỉ thị về việc đẩy mạnh phong trào thi đua “Cán bộ, công chức, viên chức thi đua "
        "thực hiện văn hóa công sở”",
        "Quán triệt QĐ 1847/QĐ-TTg và QĐ 733/QĐ-TTg đến toàn thể cán bộ, đảng viên, công chức, "
        "viên chức; tuyên truyền, bồi dưỡng; kiểm tra, giám sát việc thực hiện văn hóa công sở.",
        "Tổ chức quán triệt đến từng cán bộ, đảng viên, công chức, viên chức\n"
        "Xây dựng, hoàn thiện quy chế văn hóa công sở của từng cơ quan, đơn vị\n"
        "Gắn kết quả thực hiện văn hóa công sở với đánh giá, xếp loại và thi đua, khen thưởng",
    ),
]
STARTS = {2025: date(2025, 9, 8), 2026: date(2026, 10, 19)}


def _pdf(number: str, issued: date, issuer: str, title: str, summary: str, points: str) -> bytes:
    """A short PDF summary of a document (WeasyPrint; imported here: it is slow to import)."""
    from weasyprint import HTML

    items = "".join(f"<li>{escape(p)}</li>" for p in points.splitlines())
    html = (
        "<html><head><meta charset='utf-8'><style>body{font-family:sans-serif;font-size:12pt}"
        "h1{font-size:15pt}</style></head><body>"
        f"<p>{escape(issuer)}</p><p>Số: {escape(number)} — ngày {issued:%d/%m/%Y}</p>"
        f"<h1>{escape(title)}</h1><p>{escape(summary)}</p><ul>{items}</ul>"
        "<p><i>Bản tóm tắt phục vụ thử nghiệm hệ thống Công Sở.</i></p></body></html>"
    )
    return HTML(string=html).write_pdf()


def _aware(day: date, rng: random.Random) -> datetime:
    moment = datetime.combine(day, time(rng.randint(7, 16), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def load_documents(*, root: OrgUnit) -> list[Document]:
    documents = []
    for number, issued, issuer, title, summary, points in FOUNDING:
        clean = clean_pdf(_pdf(number, issued, issuer, title, summary, points))
        document = Document.unscoped.create(
            unit=root,
            number=number,
            issued_on=issued,
            issuer=issuer,
            title=title,
            summary=summary,
            key_points=points,
        )
        version = DocumentVersion.unscoped.create(
            document=document,
            unit=root,
            number=1,
            file=ContentFile(clean.content, name="van-ban.pdf"),
            size=len(clean.content),
            sha256=clean.sha256,
        )
        document.current_version = version
        document.save(update_fields=["current_version"])
        documents.append(document)
    audit_record(
        actor=None,
        action="dissemination.demo_documents_load",
        object_type="dissemination.document",
        new={"documents": [d.number for d in documents]},
    )
    return documents


def load_campaigns(*, rng, root, documents, today: date) -> tuple[int, int]:
    """Eight campaigns (four per year) and their receipts: per unit a completion rate, a few
    units lagging far behind; 2026 still running."""
    campaigns = []
    for year, start in STARTS.items():
        for index, document in enumerate(documents):
            begin = start + timedelta(days=7 * index)
            campaigns.append(
                Campaign(
                    unit=root,
                    document=document,
                    version_id=document.current_version_id,
                    title=f"Quán triệt {document.number} năm {year}",
                    start_on=begin,
                    due_on=deadline_after(begin, 15),
                    working_days=15,
                    escalate_after=3,
                    questions=[
                        {
                            "q": "Văn bản này yêu cầu cán bộ, công chức, viên chức điều gì?",
                            "choices": [
                                "Chỉ áp dụng với lãnh đạo",
                                "Thực hiện nghiêm văn hóa công sở",
                            ],
                            "answer": 1,
                        }
                    ]
                    if index == 1
                    else [],
                )
            )
    campaigns = Campaign.unscoped.bulk_create(campaigns)
    units = list(OrgUnit.unscoped.filter(valid_to__isnull=True).values_list("id", flat=True))
    lagging = set(rng.sample(units, max(1, len(units) // 12)))
    rate = {u: rng.uniform(0.15, 0.5) if u in lagging else rng.uniform(0.85, 1.0) for u in units}
    with_login = set(
        get_user_model().objects.filter(person__isnull=False).values_list("person_id", flat=True)
    )
    people = list(
        Person.unscoped.filter(is_active=True, unit_id__in=units).values_list("id", "unit_id")
    )
    rows: list[tuple] = []
    randint, random_ = rng.randint, rng.random
    for campaign in campaigns:
        if campaign.start_on > today:
            continue
        running = campaign.due_on >= today
        last = min(today, campaign.due_on + timedelta(days=30))
        elapsed = max(0, (last - campaign.start_on).days)
        base = timezone.make_aware(datetime.combine(campaign.start_on, time(7, 0)))
        late_from = (campaign.due_on - campaign.start_on).days
        factor = 0.6 if running else 1.0
        for person_id, unit_id in people:
            if running and person_id in with_login:
                continue
            if random_() > rate[unit_id] * factor:
                continue
            days = randint(0, elapsed)
            opened = base + timedelta(days=days, minutes=randint(0, 9 * 60))
            rows.append(
                (
                    campaign.pk,
                    campaign.version_id,
                    person_id,
                    unit_id,
                    opened,
                    opened + timedelta(minutes=randint(3, 40)),
                    days <= late_from,
                )
            )
    _insert_receipts(rows)
    rebuild(campaign_ids=[c.pk for c in campaigns])
    audit_record(
        actor=None,
        action="dissemination.demo_campaigns_load",
        object_type="dissemination.campaign",
        new={"campaigns": len(campaigns), "receipts": len(rows)},
    )
    return len(campaigns), len(rows)


def _insert_receipts(rows: list[tuple]) -> None:
    """Bulk insert; on SQLite one prepared statement run many times (Django's bulk_create
    splits into 999-parameter batches there, which made this the slowest step of the demo)."""
    if connection.vendor != "sqlite":
        fields = ("campaign_id", "version_id", "person_id", "unit_id", "opened_at")
        fields += ("acknowledged_at", "on_time")
        objects = (Receipt(**dict(zip(fields, row, strict=True))) for row in rows)
        Receipt.unscoped.bulk_create(objects, batch_size=5000)
        return
    table = connection.ops.quote_name(Receipt._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    sql = (
        f"INSERT INTO {table} (campaign_id, version_id, person_id, unit_id, opened_at, "  # noqa: S608
        "acknowledged_at, on_time) VALUES (%s, %s, %s, %s, %s, %s, %s)"
    )  # the table name is the model's own: no input reaches the statement
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [(c, v, p, u, adapt(o), adapt(a), t) for c, v, p, u, o, a, t in rows],
        )


def load_sessions_and_training(*, rng, root, today: date) -> dict[str, int]:
    """A study session in each unit directly under the province (its own staff), a make-up
    session for a few, courses with a quiz and propaganda activities."""
    agencies = list(OrgUnit.unscoped.filter(parent=root, valid_to__isnull=True)[:60])
    members: dict[int, list[int]] = {}
    for person_id, unit_id in Person.unscoped.filter(
        is_active=True, unit_id__in=[a.pk for a in agencies]
    ).values_list("id", "unit_id"):
        members.setdefault(unit_id, []).append(person_id)
    sessions = []
    for agency in agencies:
        day = STARTS[2025] + timedelta(days=rng.randint(2, 20))
        starts = _aware(day, rng).replace(hour=8, minute=0)
        sessions.append(
            StudySession(
                unit=agency,
                title=f"Hội nghị quán triệt văn hóa công sở — {agency.short_name or agency.name}",
                place="Hội trường cơ quan",
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                token=StudySession.new_token(),
            )
        )
    sessions = StudySession.unscoped.bulk_create(sessions)
    attendance = []
    for session in sessions:
        for person_id in members.get(session.unit_id, []):
            if rng.random() < 0.9:
                attendance.append(
                    Attendance(
                        session=session,
                        unit_id=session.unit_id,
                        person_id=person_id,
                        method=rng.choice(["qr", "qr", "qr", "list", "import"]),
                        at=session.starts_at + timedelta(minutes=rng.randint(0, 20)),
                    )
                )
    Attendance.unscoped.bulk_create(attendance, batch_size=5000)
    courses = Course.unscoped.bulk_create(
        Course(
            unit=agency,
            title="Bồi dưỡng kỹ năng giao tiếp, ứng xử với người dân — "
            f"{agency.short_name or agency.name}",
            organiser="Phòng Tổ chức cán bộ",
            start_on=date(2026, 4, 6),
            end_on=date(2026, 4, 8),
            materials="Tài liệu bồi dưỡng văn hóa công vụ (QĐ 1847/QĐ-TTg)",
            questions=[
                {
                    "q": "“4 xin” gồm những gì?",
                    "choices": ["Xin chào, xin lỗi, xin cảm ơn, xin phép", "Xin việc, xin nghỉ"],
                    "answer": 0,
                },
                {
                    "q": "Khi tiếp dân cần?",
                    "choices": ["Lắng nghe, hướng dẫn tận tình", "Trả lời qua loa"],
                    "answer": 0,
                },
            ],
            pass_mark=50,
        )
        for agency in agencies[:12]
    )
    participation = []
    for course in courses:
        for person_id in members.get(course.unit_id, [])[:40]:
            passed = rng.random() < 0.85
            participation.append(
                Participation(
                    course=course,
                    unit_id=course.unit_id,
                    person_id=person_id,
                    attended=True,
                    score=100 if passed else 0,
                    passed=passed,
                    quiz_at=_aware(course.end_on, rng),
                )
            )
    kinds = list(ActivityKind.values)
    activities = Activity.unscoped.bulk_create(
        Activity(
            unit=agency,
            kind=kinds[i % len(kinds)],
            title=[
                "Bài viết: Văn hóa công sở – từ lời chào đến nụ cười",
                "Cuộc thi tìm hiểu Đề án Văn hóa công vụ",
                "Pa nô “4 xin, 4 luôn” tại bộ phận một cửa",
                "Tọa đàm “Cán bộ thân thiện, người dân hài lòng”",
            ][i % 4],
            organiser="Công đoàn cơ sở",
            start_on=date(2025, 10, 1) + timedelta(days=10 * (i % 20)),
            end_on=date(2025, 10, 1) + timedelta(days=10 * (i % 20) + 5),
        )
        for i, agency in enumerate(agencies[:24])
    )
    for activity in activities:
        for person_id in members.get(activity.unit_id, [])[:25]:
            participation.append(
                Participation(
                    activity=activity, unit_id=activity.unit_id, person_id=person_id, attended=True
                )
            )
    Participation.unscoped.bulk_create(participation, batch_size=5000)
    counts = {
        "sessions": len(sessions),
        "attendance": len(attendance),
        "courses": len(courses),
        "activities": len(activities),
        "participation": len(participation),
    }
    audit_record(
        actor=None,
        action="dissemination.demo_training_load",
        object_type="dissemination.studysession",
        new=counts,
    )
    return counts


def load_demo(*, rng: random.Random, log: Callable[[str], None]) -> None:
    today = timezone.localdate()
    root = OrgUnit.unscoped.filter(parent__isnull=True).order_by("id").first()
    if root is None:
        return
    documents = load_documents(root=root)
    campaigns, receipts = load_campaigns(rng=rng, root=root, documents=documents, today=today)
    counts = load_sessions_and_training(rng=rng, root=root, today=today)
    sent = send_reminders(today=today)
    log(
        f"  {len(documents)} văn bản, {campaigns} đợt quán triệt, {receipts} lượt xác nhận, "
        f"{counts['sessions']} hội nghị ({counts['attendance']} lượt có mặt), "
        f"{counts['courses']} lớp bồi dưỡng, {counts['activities']} hoạt động; "
        f"nhắc việc: {sent['staff']} người, {sent['head']} thủ trưởng, "
        f"{sent['parent_head']} thủ trưởng cấp trên"
    )
