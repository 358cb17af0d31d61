"""The only writers of documents, versions, campaigns, receipts and attendance.

Every service checks the actor's capability on the unit (actor=None is a system job: the demo
loader, the reminder job), runs in one transaction and writes an audit row for each change.
A person acknowledges only for themself: the services take no person argument, the person is
always the actor's own record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congso.common.audit import audit_record
from congso.common.calendar import deadline_after, working_days_from
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.dissemination import selectors
from congso.dissemination.files import clean_pdf
from congso.dissemination.models import (
    Attendance,
    AttendanceMethod,
    Campaign,
    Document,
    DocumentVersion,
    Receipt,
    StudySession,
)
from congso.dissemination.rollup import count_acknowledgement
from congso.dissemination.rules import (
    DEFAULT_ESCALATE_AFTER,
    DEFAULT_WORKING_DAYS,
    MAX_QUESTIONS,
    RuleError,
    acknowledged_on_time,
    answers_correct,
    campaign_dates_problem,
    join_categories,
    session_open,
)
from congso.org.models import Person, StaffCategory

NO_MANAGE_RIGHT = gettext_lazy("Bạn không có quyền quán triệt văn bản cho đơn vị này.")


def _store_pdf(data: bytes) -> tuple[ContentFile, int, str]:
    try:
        clean = clean_pdf(data)
    except RuleError as exc:
        raise ValidationError({"file": str(exc)}) from None
    return ContentFile(clean.content, name="van-ban.pdf"), len(clean.content), clean.sha256


def document_create(
    *,
    actor: Actor | None,
    unit,
    number: str,
    issued_on: date,
    issuer: str,
    title: str,
    data: bytes,
    summary: str = "",
    key_points: str = "",
) -> Document:
    """Register a document with its first version (the PDF checked and neutralised)."""
    require(actor, Cap.DISSEMINATION_MANAGE, unit.pk, message=NO_MANAGE_RIGHT)
    number, issuer, title = nfc(number), nfc(issuer), nfc(title)
    errors = {}
    if not number:
        errors["number"] = _("Hãy nhập số, ký hiệu văn bản.")
    if not title:
        errors["title"] = _("Hãy nhập trích yếu văn bản.")
    if not issuer:
        errors["issuer"] = _("Hãy nhập cơ quan ban hành.")
    if errors:
        raise ValidationError(errors)
    content, size, sha = _store_pdf(data)
    with transaction.atomic():
        document = Document.objects.create(
            unit=unit,
            number=number[:60],
            issued_on=issued_on,
            issuer=issuer[:200],
            title=title[:500],
            summary=(summary or "").strip(),
            key_points=(key_points or "").strip(),
        )
        version = DocumentVersion.objects.create(
            document=document, unit=unit, number=1, file=content, size=size, sha256=sha
        )
        document.current_version = version
        document.save(update_fields=["current_version"])
        audit_record(
            actor=actor,
            action="dissemination.document_create",
            obj=document,
            new={"number": document.number, "title": document.title, "sha256": sha},
        )
    return document


def version_add(
    *, actor: Actor | None, document: Document, data: bytes, note: str = ""
) -> DocumentVersion:
    """A new file for the document; every campaign of it now asks for a new acknowledgement."""
    require(actor, Cap.DISSEMINATION_MANAGE, document.unit_id, message=NO_MANAGE_RIGHT)
    content, size, sha = _store_pdf(data)
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        number = (document.versions.aggregate(m=Max("number"))["m"] or 0) + 1
        version = DocumentVersion.objects.create(
            document=document,
            unit_id=document.unit_id,
            number=number,
            file=content,
            size=size,
            sha256=sha,
            note=nfc(note)[:300],
        )
        old = document.current_version_id
        document.current_version = version
        document.save(update_fields=["current_version"])
        moved = list(Campaign.unscoped.filter(document=document).values_list("pk", flat=True))
        Campaign.unscoped.filter(pk__in=moved).update(version=version)
        audit_record(
            actor=actor,
            action="dissemination.version_add",
            obj=version,
            old={"version": old},
            new={"version": version.pk, "number": number, "sha256": sha, "campaigns": moved},
        )
    return version


def _clean_questions(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    clean = []
    for q in questions or []:
        text = nfc(str(q.get("q", "")))
        choices = [nfc(str(c)) for c in q.get("choices", []) if nfc(str(c))]
        answer = q.get("answer")
        if not text:
            continue
        if len(choices) < 2 or not isinstance(answer, int) or not 0 <= answer < len(choices):
            raise ValidationError(
                {"questions": _("Mỗi câu hỏi cần ít nhất hai phương án và một đáp án đúng.")}
            )
        clean.append({"q": text, "choices": choices, "answer": answer})
    if len(clean) > MAX_QUESTIONS:
        raise ValidationError({"questions": _("Tối đa %(n)s câu hỏi.") % {"n": MAX_QUESTIONS}})
    return clean


def campaign_send(
    *,
    actor: Actor | None,
    document: Document,
    unit,
    start_on: date,
    due_on: date | None = None,
    working_days: int | None = None,
    title: str = "",
    message: str = "",
    categories=(),
    questions: Sequence[dict[str, Any]] = (),
    escalate_after: int = DEFAULT_ESCALATE_AFTER,
) -> Campaign:
    """Send the document's current version to `unit` and its whole subtree. The deadline is
    `due_on`, or `working_days` working days after the start (province calendar)."""
    require(actor, Cap.DISSEMINATION_MANAGE, unit.pk, message=NO_MANAGE_RIGHT)
    if document.current_version_id is None:
        raise ValidationError(_("Văn bản chưa có tệp, chưa quán triệt được."))
    if due_on is None:
        working_days = working_days or DEFAULT_WORKING_DAYS
        if working_days < 1:
            raise ValidationError(
                {"due_on": _("Hạn hoàn thành phải sau ngày bắt đầu ít nhất một ngày làm việc.")}
            )
        due_on = deadline_after(start_on, working_days)
    else:
        if campaign_dates_problem(start_on, due_on):
            raise ValidationError({"due_on": _("Hạn hoàn thành phải sau ngày bắt đầu.")})
        working_days = working_days_from(start_on, due_on)
    unknown = set(categories) - set(StaffCategory.values)
    if unknown:
        raise ValidationError({"categories": _("Đối tượng không hợp lệ.")})
    if escalate_after < 1:
        raise ValidationError({"escalate_after": _("Số ngày phải từ 1 trở lên.")})
    clean_questions = _clean_questions(list(questions))
    title = nfc(title) or f"{_('Quán triệt')} {document.number}"
    with transaction.atomic():
        campaign = Campaign.objects.create(
            unit=unit,
            document=document,
            version_id=document.current_version_id,
            title=title[:300],
            message=(message or "").strip(),
            categories=join_categories(categories),
            start_on=start_on,
            due_on=due_on,
            working_days=working_days,
            escalate_after=escalate_after,
            questions=clean_questions,
            created_by_id=getattr(actor, "user_id", None),
        )
        audit_record(
            actor=actor,
            action="dissemination.campaign_send",
            obj=campaign,
            new={
                "document": document.pk,
                "version": document.current_version_id,
                "unit": unit.pk,
                "categories": campaign.categories,
                "start_on": start_on,
                "due_on": due_on,
            },
        )
    return campaign


def _my_person(actor: Actor) -> Person:
    if (
        actor is None
        or actor.person_id is None
        or Cap.DISSEMINATION_ACK not in getattr(actor, "self_capabilities", ())
    ):
        raise PermissionDenied(_("Chỉ cán bộ có hồ sơ mới xác nhận đã đọc văn bản."))
    person = selectors.my_person(actor=actor)
    if person is None:
        raise PermissionDenied(_("Chỉ cán bộ có hồ sơ mới xác nhận đã đọc văn bản."))
    return person


def receipt_open(*, actor: Actor, campaign: Campaign) -> Receipt:
    """Record that the actor opened the campaign's current version (first time kept)."""
    person = _my_person(actor)
    existing = Receipt.objects.filter(
        campaign=campaign, version_id=campaign.version_id, person=person
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Receipt.objects.create(
                campaign=campaign,
                version_id=campaign.version_id,
                person=person,
                unit_id=person.unit_id,
                opened_at=timezone.now(),
            )
    except IntegrityError:  # the same person opened it twice at once
        return Receipt.objects.get(campaign=campaign, version_id=campaign.version_id, person=person)


def acknowledge(*, actor: Actor, campaign: Campaign, answers: Sequence[int | None] = ()) -> Receipt:
    """The actor acknowledges the current version: refused until opened, and until every
    comprehension question is answered correctly. Time and version are kept."""
    person = _my_person(actor)
    with transaction.atomic():
        receipt = (
            Receipt.objects.select_for_update()
            .filter(campaign=campaign, version_id=campaign.version_id, person=person)
            .first()
        )
        if receipt is None:
            raise ValidationError(_("Hãy mở và đọc văn bản trước khi xác nhận đã đọc."))
        if receipt.acknowledged_at is not None:
            return receipt
        if campaign.questions and not answers_correct(campaign.questions, list(answers)):
            raise ValidationError(
                _("Có câu trả lời chưa đúng. Hãy đọc lại văn bản và trả lời lại.")
            )
        now = timezone.now()
        receipt.acknowledged_at = now
        receipt.on_time = acknowledged_on_time(timezone.localdate(now), campaign.due_on)
        receipt.save(update_fields=["acknowledged_at", "on_time"])
        # Counted where the person is now: the row lock orders this with a concurrent transfer
        # (org moves the counts of acknowledgements committed before it, in its transaction).
        unit_id, category, active = (
            Person.unscoped.select_for_update()
            .filter(pk=person.pk)
            .values_list("unit_id", "category", "is_active")
            .get()
        )
        if active:
            count_acknowledgement(receipt=receipt, unit_id=unit_id, category=category)
        audit_record(
            actor=actor,
            action="dissemination.acknowledge",
            obj=receipt,
            old={"acknowledged_at": None},
            new={
                "person": person.pk,
                "campaign": campaign.pk,
                "version": campaign.version_id,
                "acknowledged_at": now,
                "on_time": receipt.on_time,
            },
        )
    return receipt


# --- study sessions ---------------------------------------------------------------------------


def session_create(
    *,
    actor: Actor | None,
    unit,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    place: str = "",
    campaign: Campaign | None = None,
    makeup_of: StudySession | None = None,
) -> StudySession:
    """Plan a study session (hội nghị quán triệt) of `unit` for its own subtree's staff."""
    require(actor, Cap.DISSEMINATION_MANAGE, unit.pk, message=NO_MANAGE_RIGHT)
    title = nfc(title)
    if not title:
        raise ValidationError({"title": _("Hãy nhập tên hội nghị.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("Giờ kết thúc phải sau giờ bắt đầu.")})
    with transaction.atomic():
        session = StudySession.objects.create(
            unit=unit,
            title=title[:300],
            place=nfc(place)[:200],
            starts_at=starts_at,
            ends_at=ends_at,
            campaign=campaign,
            makeup_of=makeup_of,
            token=StudySession.new_token(),
        )
        audit_record(
            actor=actor,
            action="dissemination.session_create",
            obj=session,
            new={"title": session.title, "starts_at": starts_at, "ends_at": ends_at},
        )
    return session


def attendance_scan(*, actor: Actor, session: StudySession, now: datetime | None = None):
    """The attendee scans the session's QR code: only while it runs, once per person, and
    only for staff of the session's unit (or below it)."""
    person = _my_person(actor)
    now = now or timezone.now()
    if not person.unit.path.startswith(session.unit.path):
        raise ValidationError(_("Bạn không thuộc đơn vị tổ chức hội nghị này."))
    if not session_open(now, session.starts_at, session.ends_at):
        raise ValidationError(
            _("Mã QR chỉ dùng được trong thời gian diễn ra hội nghị (%(start)s – %(end)s).")
            % {
                "start": timezone.localtime(session.starts_at).strftime("%H:%M %d/%m/%Y"),
                "end": timezone.localtime(session.ends_at).strftime("%H:%M %d/%m/%Y"),
            }
        )
    if Attendance.objects.filter(session=session, person=person).exists():
        raise ValidationError(_("Bạn đã điểm danh hội nghị này rồi."))
    try:
        with transaction.atomic():
            row = Attendance.objects.create(
                session=session,
                unit_id=session.unit_id,
                person=person,
                method=AttendanceMethod.QR,
                at=now,
            )
            audit_record(
                actor=actor,
                action="dissemination.attend",
                obj=row,
                new={"session": session.pk, "person": person.pk, "method": "qr"},
            )
    except IntegrityError:
        raise ValidationError(_("Bạn đã điểm danh hội nghị này rồi.")) from None
    return row


def _attendance_add(
    *, actor: Actor | None, session: StudySession, person_ids: list[int], method: str
) -> int:
    existing = set(
        Attendance.objects.filter(session=session, person_id__in=person_ids).values_list(
            "person_id", flat=True
        )
    )
    new = [pid for pid in dict.fromkeys(person_ids) if pid not in existing]
    now = timezone.now()
    with transaction.atomic():
        Attendance.objects.bulk_create(
            Attendance(
                session=session, unit_id=session.unit_id, person_id=pid, method=method, at=now
            )
            for pid in new
        )
        audit_record(
            actor=actor,
            action="dissemination.attendance_add",
            obj=session,
            new={"people": new, "method": method},
        )
    return len(new)


def attendance_tick(*, actor: Actor | None, session: StudySession, person_ids: list[int]) -> int:
    """Tick people present on the unit's list; people outside the session's unit: refused."""
    require(actor, Cap.DISSEMINATION_MANAGE, session.unit_id, message=NO_MANAGE_RIGHT)
    ids = [int(pid) for pid in person_ids]
    members = set(
        Person.unscoped.in_subtree(session.unit)
        .filter(pk__in=ids, is_active=True)
        .values_list("pk", flat=True)
    )
    if set(ids) - members:
        raise ValidationError(_("Có người không thuộc đơn vị tổ chức hội nghị."))
    return _attendance_add(actor=actor, session=session, person_ids=ids, method="list")


def attendance_import(*, actor: Actor | None, session: StudySession, codes: list[tuple[int, str]]):
    """Attendance from an Excel list of staff codes ((row number, code) pairs). An unknown
    code, or one of someone outside the session's unit, refuses the whole file naming its
    rows: nothing is written."""
    require(actor, Cap.DISSEMINATION_MANAGE, session.unit_id, message=NO_MANAGE_RIGHT)
    wanted = {code.strip().upper() for _row, code in codes if code.strip()}
    known = dict(
        Person.unscoped.in_subtree(session.unit)
        .filter(is_active=True)
        .filter(staff_code__in=sorted(wanted))
        .values_list("staff_code", "pk")
    )
    known = {k.upper(): v for k, v in known.items()}
    bad = [(row, code) for row, code in codes if code.strip() and code.strip().upper() not in known]
    if bad:
        listed = "; ".join(
            _("dòng %(row)s (mã “%(code)s”)") % {"row": row, "code": code} for row, code in bad[:20]
        )
        raise ValidationError(
            _("Không có cán bộ mang mã này trong đơn vị tổ chức hội nghị: %(rows)s.")
            % {"rows": listed}
        )
    ids = [known[code.strip().upper()] for _row, code in codes if code.strip()]
    return _attendance_add(actor=actor, session=session, person_ids=ids, method="import")
