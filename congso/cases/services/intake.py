"""Reports from the public: intake with evidence, receipts, the reporter's thread, look-up limits.

A receipt is 16 digits, random (or, when the client sends an idempotency key, derived from it
with the server's secret, so a resent submission gets the same receipt back and is stored
once). Only its SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.cases.choices import MessageAuthor, ReportKind
from congso.cases.crypto import encrypt_contact
from congso.cases.evidence import CleanFile
from congso.cases.models import Evidence, LookupWindow, Message, Report
from congso.cases.rules import (
    MAX_DESCRIPTION_CHARS,
    MAX_EVIDENCE_FILES,
    RuleError,
    receipt_is_wellformed,
)
from congso.cases.services.base import clean_text
from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.text import nfc
from congso.org.models import OrgUnit, ServiceCounter

LOOKUP_LIMIT = 10  # receipt look-ups per address per window
LOOKUP_WINDOW = timedelta(minutes=15)
MAX_MESSAGE_CHARS = 2000


@dataclass
class ReportInput:
    kind: str
    agency_id: int
    description: str
    subject_name: str = ""
    counter_id: int | None = None
    subject_unit_text: str = ""
    place: str = ""
    occurred_on: date | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_address: str = ""
    client_id: str = ""
    files: list[CleanFile] = field(default_factory=list)


def receipt_hash(receipt: str) -> str:
    return hashlib.sha256(receipt.encode("ascii")).hexdigest()


def _receipt_from(seed: bytes | None) -> str:
    if seed is None:
        return str(10**15 + secrets.randbelow(9 * 10**15))
    digest = hmac.new(
        str(settings.SECRET_KEY).encode(), b"receipt:" + seed, hashlib.sha256
    ).digest()
    return str(10**15 + int.from_bytes(digest[:8], "big") % (9 * 10**15))


def _clean_input(data: ReportInput) -> ReportInput:
    data.description = clean_text(data.description)
    if not data.description:
        raise RuleError(_("Cần mô tả sự việc (không được để trống)."))
    if len(data.description) > MAX_DESCRIPTION_CHARS:
        raise RuleError(_("Mô tả quá dài: tối đa %(n)d ký tự.") % {"n": MAX_DESCRIPTION_CHARS})
    if data.kind not in ReportKind.values:
        raise RuleError(
            _("Loại phản ánh phải là “misconduct” (vi phạm) hoặc “praise” (khen ngợi).")
        )
    if len(data.files) > MAX_EVIDENCE_FILES:
        raise RuleError(_("Tối đa %(n)d tệp chứng cứ.") % {"n": MAX_EVIDENCE_FILES})
    if data.occurred_on and data.occurred_on > timezone.localdate():
        raise RuleError(_("Ngày xảy ra không được ở tương lai."))
    for name in (
        "subject_name",
        "subject_unit_text",
        "place",
        "contact_name",
        "contact_phone",
        "contact_email",
        "contact_address",
    ):
        value = nfc(getattr(data, name))
        if len(value) > 255:
            raise RuleError(_("Một trường thông tin quá dài (tối đa 255 ký tự)."))
        setattr(data, name, value)
    return data


def _agency(agency_id: int):
    unit = OrgUnit.unscoped.filter(pk=agency_id).first()
    if unit is None or (unit.valid_to and unit.valid_to <= timezone.localdate()):
        raise RuleError(_("Không tìm thấy cơ quan, đơn vị được phản ánh."))
    return unit


def _counter(agency, counter_id: int | None):
    if counter_id is None:
        return None

    counter = ServiceCounter.unscoped.in_subtree(agency).filter(pk=counter_id).first()
    if counter is None:
        raise RuleError(_("Quầy phục vụ không thuộc cơ quan đã chọn."))
    return counter


def report_submit(*, actor: Actor, data: ReportInput) -> tuple[Report, str, bool]:
    """Store a report and its evidence; return (report, receipt, created).

    A social monitor's account files under its organisation's name (phản biện xã hội).
    Resending the same `client_id` returns the first report and receipt, created=False.
    """
    data = _clean_input(data)
    agency = _agency(data.agency_id)
    counter = _counter(agency, data.counter_id)
    monitor_user = None
    if actor.is_authenticated and actor.has(Cap.CASES_FILE_AS_MONITOR):
        from django.contrib.auth import get_user_model

        monitor_user = get_user_model().objects.get(pk=actor.user_id)
        if not monitor_user.organisation_name.strip():
            raise RuleError(_("Tài khoản giám sát xã hội chưa có tên tổ chức."))
    seed = None
    client_key = None
    if data.client_id:
        try:
            seed = uuid.UUID(str(data.client_id)).bytes
        except ValueError:
            raise RuleError(_("client_id phải là một UUID.")) from None
        client_key = hashlib.sha256(seed).hexdigest()
        existing = Report.unscoped.filter(client_key=client_key).first()
        if existing is not None:
            return existing, _receipt_from(seed), False
    receipt = _receipt_from(seed)
    contact = {
        "name": data.contact_name,
        "phone": data.contact_phone,
        "email": data.contact_email,
        "address": data.contact_address,
    }
    try:
        with transaction.atomic():
            report = Report.unscoped.create(
                unit=agency,
                kind=data.kind,
                receipt_hash=receipt_hash(receipt),
                client_key=client_key,
                pseudonym=secrets.token_hex(2).upper(),
                description=data.description,
                subject_name=data.subject_name,
                subject_counter=counter,
                subject_unit_text=data.subject_unit_text,
                place=data.place,
                occurred_on=data.occurred_on,
                contact_ciphertext=encrypt_contact(contact),
                is_social_monitor=monitor_user is not None,
                organisation_name=monitor_user.organisation_name if monitor_user else "",
                filed_by=monitor_user,
            )
            for clean in data.files:
                Evidence.unscoped.create(
                    unit=agency,
                    report=report,
                    file=ContentFile(clean.content, name=f"{uuid.uuid4().hex}.{clean.extension}"),
                    content_type=clean.content_type,
                    size=len(clean.content),
                    width=clean.width,
                    height=clean.height,
                    sha256=clean.sha256,
                )
            # No content and no contact details in the audit log (Luật Tố cáo art. 47).
            audit_record(
                actor=actor if actor.is_authenticated else None,
                action="cases.report_submit",
                obj=report,
                new={
                    "kind": report.kind,
                    "evidence": len(data.files),
                    "social_monitor": report.is_social_monitor,
                },
            )
    except IntegrityError:
        if client_key and (existing := Report.unscoped.filter(client_key=client_key).first()):
            return existing, receipt, False
        raise
    return report, receipt, True


def report_by_receipt(receipt: str) -> Report | None:
    """The report behind a receipt (system look-up; the caller rate-limits it)."""
    if not receipt_is_wellformed(receipt):
        return None
    return Report.unscoped.select_related("case").filter(receipt_hash=receipt_hash(receipt)).first()


def lookup_allowed(*, address: str) -> bool:
    """Count one receipt look-up from `address`; False when over the limit for the window.

    The address is kept only as an HMAC (no IP logging, as GlobaLeaks), in fixed windows.
    """
    key = hmac.new(str(settings.SECRET_KEY).encode(), address.encode(), hashlib.sha256).hexdigest()
    now = timezone.now()
    seconds = int(LOOKUP_WINDOW.total_seconds())
    start = now - timedelta(seconds=int(now.timestamp()) % seconds, microseconds=now.microsecond)
    with transaction.atomic():
        window, created = LookupWindow.objects.get_or_create(key=key, window_start=start)
        LookupWindow.objects.filter(pk=window.pk).update(count=F("count") + 1)
        if created:
            LookupWindow.objects.filter(window_start__lt=start - timedelta(days=1)).delete()
    return window.count + 1 <= LOOKUP_LIMIT


def _message_body(body: str) -> str:
    body = clean_text(body)
    if not body:
        raise RuleError(_("Tin nhắn không được để trống."))
    if len(body) > MAX_MESSAGE_CHARS:
        raise RuleError(_("Tin nhắn quá dài: tối đa %(n)d ký tự.") % {"n": MAX_MESSAGE_CHARS})
    return body


def reporter_message_post(*, report: Report, body: str) -> Message:
    """The reporter (holding the receipt) writes to the agency."""
    body = _message_body(body)
    with transaction.atomic():
        message = Message.objects.create(report=report, author=MessageAuthor.REPORTER, body=body)
        audit_record(
            actor=None, action="cases.reporter_message", obj=report, new={"message": message.pk}
        )
    return message


def staff_message_post(*, actor: Actor, report: Report, body: str) -> Message:
    """A handler writes to the reporter (shown on the receipt page)."""
    require(actor, Cap.CASES_HANDLE, report.unit_id)
    if actor is None:
        raise PermissionDenied
    body = _message_body(body)
    with transaction.atomic():
        message = Message.objects.create(
            report=report, author=MessageAuthor.AGENCY, staff_user_id=actor.user_id, body=body
        )
        audit_record(
            actor=actor, action="cases.agency_message", obj=report, new={"message": message.pk}
        )
    return message
