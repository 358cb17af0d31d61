"""Identity custody (Luật Tố cáo 25/2018/QH14 art. 47; QĐ 774/QĐ-TTg 2020).

The only code path that decrypts a reporter's contact details. It needs the custodian's
capability on the report's unit, a confirmed second factor and a written reason; each reveal
leaves an `IdentityReveal` row (listed to the unit head) and an audit row. Neither holds the
contact details themselves.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from congso.cases.crypto import decrypt_contact, rotate_token
from congso.cases.models import IdentityReveal, Report
from congso.cases.rules import RuleError
from congso.cases.services.base import actor_label
from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.common.text import clean_free_text, visible_length

MIN_REASON_CHARS = 15


def identity_reveal(*, actor: Actor, report: Report, reason: str) -> dict[str, str]:
    """Decrypt and return the reporter's contact details, recording who, when and why."""
    if actor is None or actor.user_id is None or not actor.can(Cap.IDENTITY_REVEAL, report.unit_id):
        raise PermissionDenied
    if not actor.second_factor_verified:
        raise PermissionDenied
    reason = clean_free_text(reason)
    if visible_length(reason) < MIN_REASON_CHARS:
        raise RuleError(
            _("Cần ghi rõ lý do (ít nhất %(n)d ký tự) trước khi xem danh tính.")
            % {"n": MIN_REASON_CHARS}
        )
    if not report.contact_ciphertext:
        raise RuleError(_("Người phản ánh không để lại thông tin liên hệ."))
    with transaction.atomic():
        reveal = IdentityReveal.objects.create(
            unit_id=report.unit_id,
            report=report,
            by_user_id=actor.user_id,
            by_label=actor_label(actor),
            reason=reason,
        )
        audit_record(
            actor=actor,
            action="cases.identity_reveal",
            obj=report,
            new={"reveal": reveal.pk, "reason": reason},
        )
    return decrypt_contact(report.contact_ciphertext)


def contact_rotate_all(*, batch_size: int = 500) -> int:
    """Re-encrypt every stored contact under the newest key (after FIELD_ENCRYPTION_KEY gets
    a new first key). System job: no decrypted value leaves this function."""

    count = 0
    rows = Report.unscoped.exclude(contact_ciphertext="").only("id", "contact_ciphertext")
    for report in rows.iterator(chunk_size=batch_size):
        Report.unscoped.filter(pk=report.pk).update(
            contact_ciphertext=rotate_token(report.contact_ciphertext)
        )
        count += 1
    if count:
        audit_record(
            actor=None,
            action="cases.contact_rotate",
            object_type="cases.report",
            new={"rows": count},
        )
    return count
