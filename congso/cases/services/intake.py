"""Reports from the public: intake with evidence, receipts, the reporter's thread, look-up limits.

A receipt is 16 digits, random (or, when the client sends an idempotency key, derived from it
with the server's secret, so a resent submission gets the same receipt back and is stored
once). Only its SHA-256 is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
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
from congso.cases.public_text import clean_public_text, field_message
from congso.cases.rules import (
    MAX_DESCRIPTION_CHARS,
    MAX_EVIDENCE_FILES,
    FieldErrors,
    ReceiptConflict,
    RuleError,
    normalise_receipt,
    receipt_is_wellformed,
)
from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.org.models import OrgUnit, ServiceCounter

# Limits (docs/cases.md, "Limits"): a commune's citizens may share one public address.
LOOKUP_WINDOW = timedelta(minutes=15)
LOOKUP_FAILURE_LIMIT = 30  # failed receipt look-ups per address per window
RECEIPT_USE_LIMIT = 30  # look-ups and messages per receipt per window
REPORT_WINDOW = timedelta(hours=1)
REPORT_LIMIT = 30  # reports per address per hour
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


# ReportInput attribute -> the field name people and API clients know it by, and its length.
_TEXT_FIELDS = {
    "subject_name": ("officer_name", 120),
    "subject_unit_text": ("unit_text", 255),
    "place": ("place", 255),
    "contact_name": ("contact_name", 120),
    "contact_phone": ("contact_phone", 30),
    "contact_email": ("contact_email", 120),
    "contact_address": ("contact_address", 255),
}


def report_input_errors(data: ReportInput) -> dict[str, str]:
    """Clean the texts of `data` in place; return every refused field with its message."""
    errors: dict[str, str] = {}
    try:
        data.description = clean_public_text(data.description, multiline=True)
    except RuleError as exc:
        errors["description"] = field_message("description", exc.message)
    else:
        if not data.description:
            errors["description"] = _("Sự việc: cần mô tả sự việc (không được để trống).")
        elif len(data.description) > MAX_DESCRIPTION_CHARS:
            errors["description"] = _("Sự việc: quá dài, tối đa %(n)d ký tự.") % {
                "n": MAX_DESCRIPTION_CHARS
            }
    if data.kind not in ReportKind.values:
        errors["kind"] = _(
            "Loại phản ánh phải là “misconduct” (vi phạm) hoặc “praise” (khen ngợi)."
        )
    if len(data.files) > MAX_EVIDENCE_FILES:
        errors["evidence"] = field_message(
            "evidence", _("tối đa %(n)d tệp.") % {"n": MAX_EVIDENCE_FILES}
        )
    if data.occurred_on and data.occurred_on > timezone.localdate():
        errors["occurred_on"] = field_message("occurred_on", _("không được ở tương lai."))
    for name, (field_name, limit) in _TEXT_FIELDS.items():
        try:
            value = clean_public_text(getattr(data, name))
        except RuleError as exc:
            errors[field_name] = field_message(field_name, exc.message)
            continue
        if len(value) > limit:
            errors[field_name] = field_message(
                field_name, _("quá dài, tối đa %(n)d ký tự.") % {"n": limit}
            )
        setattr(data, name, value)
    return errors


def _agency(agency_id: int):
    unit = OrgUnit.unscoped.filter(pk=agency_id).first()
    if unit is None or (unit.valid_to and unit.valid_to <= timezone.localdate()):
        raise FieldErrors(
            {"agency_id": _("Cơ quan, đơn vị: không tìm thấy cơ quan, đơn vị được phản ánh.")}
        )
    return unit


def _counter(agency, counter_id: int | None):
    if counter_id is None:
        return None

    counter = ServiceCounter.unscoped.in_subtree(agency).filter(pk=counter_id).first()
    if counter is None:
        raise FieldErrors({"counter_id": _("Quầy phục vụ: quầy không thuộc cơ quan đã chọn.")})
    return counter


def _fingerprint(data: ReportInput, agency_id: int, filer_id: int | None) -> str:
    """A keyed digest of everything the report says (HMAC: the contact details in it cannot
    be guessed back from the stored value), to tell an identical resend from a different
    report sent with the same `client_id`."""
    content = {
        "kind": data.kind,
        "agency": agency_id,
        "counter": data.counter_id,
        "description": data.description,
        "occurred_on": data.occurred_on.isoformat() if data.occurred_on else None,
        "filer": filer_id,
        "files": [clean.sha256 for clean in data.files],
        **{name: getattr(data, name) for name in _TEXT_FIELDS},
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hmac.new(
        str(settings.SECRET_KEY).encode(), b"report-content:" + encoded, hashlib.sha256
    ).hexdigest()


def report_submit(*, actor: Actor, data: ReportInput) -> tuple[Report, str, bool]:
    """Store a report and its evidence; return (report, receipt, created).

    A social monitor's account files under its organisation's name (phản biện xã hội).
    Resending the same `client_id` returns the first report and receipt, created=False.
    """
    errors = report_input_errors(data)
    try:
        agency = _agency(data.agency_id)
        counter = _counter(agency, data.counter_id)
    except FieldErrors as exc:
        errors.update(exc.errors)
    if errors:
        raise FieldErrors(errors)
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
            raise FieldErrors({"client_id": _("client_id phải là một UUID.")}) from None
        client_key = hashlib.sha256(seed).hexdigest()
    fingerprint = _fingerprint(data, agency.pk, monitor_user.pk if monitor_user else None)
    if client_key and (existing := Report.unscoped.filter(client_key=client_key).first()):
        return _resent(existing, seed, fingerprint)
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
                client_fingerprint=fingerprint if client_key else "",
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
            return _resent(existing, seed, fingerprint)
        raise
    return report, receipt, True


def _resent(existing: Report, seed: bytes | None, fingerprint: str) -> tuple[Report, str, bool]:
    """The same `client_id` again: the identical report answers its receipt; other content
    is refused (it would otherwise be dropped silently while the sender believes it sent)."""
    if existing.client_fingerprint and not hmac.compare_digest(
        existing.client_fingerprint, fingerprint
    ):
        raise ReceiptConflict(
            _(
                "Mã chống gửi trùng (client_id) này đã được dùng cho một phản ánh có nội dung "
                "khác. Phản ánh mới chưa được lưu; hãy gửi lại với một client_id mới."
            )
        )
    return existing, _receipt_from(seed), False


def report_by_receipt(receipt: str) -> Report | None:
    """The report behind a receipt, typed with or without spaces or dashes (system look-up;
    the caller rate-limits it)."""
    receipt = normalise_receipt(receipt)
    if not receipt_is_wellformed(receipt):
        return None
    return Report.unscoped.select_related("case").filter(receipt_hash=receipt_hash(receipt)).first()


def _key(scope: str, value: str) -> str:
    """An HMAC of an address or receipt (no IP logging, as GlobaLeaks), per limit."""
    message = f"{scope}:{value}".encode()
    return hmac.new(str(settings.SECRET_KEY).encode(), message, hashlib.sha256).hexdigest()


def _window_start(window: timedelta):
    now = timezone.now()
    seconds = int(window.total_seconds())
    return now - timedelta(seconds=int(now.timestamp()) % seconds, microseconds=now.microsecond)


def _window_count(key: str, window: timedelta) -> int:
    row = LookupWindow.objects.filter(key=key, window_start=_window_start(window)).first()
    return row.count if row else 0


def _window_add(key: str, window: timedelta) -> int:
    """Count one event under `key` in the current fixed window; the new count."""
    start = _window_start(window)
    with transaction.atomic():
        row, created = LookupWindow.objects.get_or_create(key=key, window_start=start)
        LookupWindow.objects.filter(pk=row.pk).update(count=F("count") + 1)
        if created:
            LookupWindow.objects.filter(window_start__lt=start - timedelta(days=1)).delete()
    return row.count + 1


def lookup_allowed(*, address: str) -> bool:
    """False when `address` made too many failed receipt look-ups in the window. Reads only:
    a successful look-up or a message costs the address nothing (see `lookup_failed`)."""
    return _window_count(_key("lookup-fail", address), LOOKUP_WINDOW) < LOOKUP_FAILURE_LIMIT


def lookup_failed(*, address: str) -> None:
    """Count a look-up of a malformed or unknown receipt against `address`."""
    _window_add(_key("lookup-fail", address), LOOKUP_WINDOW)


def receipt_use_allowed(*, receipt: str) -> bool:
    """Count one use (look-up or message) of a valid receipt; False over its own limit, so a
    receipt shared or leaked cannot be used to flood the agency from many addresses."""
    return _window_add(_key("receipt", receipt_hash(receipt)), LOOKUP_WINDOW) <= RECEIPT_USE_LIMIT


def report_allowed(*, address: str) -> bool:
    """Count one report sent from `address`; False over the hourly limit."""
    return _window_add(_key("report", address), REPORT_WINDOW) <= REPORT_LIMIT


def _message_body(body: str) -> str:
    try:
        body = clean_public_text(body, multiline=True)
    except RuleError as exc:
        raise RuleError(field_message("body", exc.message)) from None
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
