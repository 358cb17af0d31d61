"""QR targets (counters and serving officers), their codes, and receipt tokens."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from congso.common.audit import Change, audit_record, audit_record_many
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.org.models import OrgUnit, Person, ServiceCounter
from congso.surveys.models import ReceiptToken, RevokedCode, SurveyTarget, TargetKind
from congso.surveys.services.common import SurveyError, agency_map, new_code, token_hash

RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def _agencies() -> dict[int, int]:
    return agency_map(list(OrgUnit.unscoped.values_list("id", "parent_id", "kind")))


def targets_sync(*, actor: Actor | None, unit: OrgUnit | None = None) -> int:
    """Give every active counter and every active officer who serves citizens a target (with
    a fresh code), inside `unit`'s subtree or the whole province. Returns how many were made."""
    require(actor, Cap.SURVEYS_MANAGE, unit.pk if unit else None)
    counters = ServiceCounter.unscoped.filter(is_active=True, survey_target__isnull=True)
    people = Person.unscoped.filter(
        is_active=True, serves_citizens=True, survey_target__isnull=True
    )
    if unit is not None:
        counters = counters.in_subtree(unit)
        people = people.in_subtree(unit)
    agencies = _agencies()
    now = timezone.now()
    rows = [
        SurveyTarget(
            kind=TargetKind.COUNTER,
            counter_id=cid,
            unit_id=uid,
            agency_id=agencies.get(uid, uid),
            code=new_code(),
            code_issued_at=now,
        )
        for cid, uid in counters.values_list("id", "unit_id")
    ] + [
        SurveyTarget(
            kind=TargetKind.OFFICER,
            person_id=pid,
            unit_id=uid,
            agency_id=agencies.get(uid, uid),
            code=new_code(),
            code_issued_at=now,
        )
        for pid, uid in people.values_list("id", "unit_id")
    ]
    with transaction.atomic():
        SurveyTarget.objects.bulk_create(rows, batch_size=1000)
        audit_record_many(
            actor=actor,
            changes=[
                Change(
                    action="surveys.target_create",
                    object_type="surveys.surveytarget",
                    object_id=row.code,
                    unit_id=row.unit_id,
                    new={"kind": row.kind, "counter": row.counter_id, "person": row.person_id},
                )
                for row in rows
            ],
        )
    return len(rows)


def target_reissue_code(*, actor: Actor | None, target: SurveyTarget) -> SurveyTarget:
    """Revoke the target's code (old posters answer “mã đã bị thu hồi”) and issue a new one."""
    require(actor, Cap.SURVEYS_MANAGE, target.unit_id)
    with transaction.atomic():
        locked = SurveyTarget.unscoped.select_for_update().get(pk=target.pk)
        old_code = locked.code
        now = timezone.now()
        RevokedCode.objects.create(code=old_code, target=locked, revoked_at=now)
        locked.code = new_code()
        locked.code_issued_at = now
        locked.save(update_fields=["code", "code_issued_at"])
        audit_record(
            actor=actor,
            action="surveys.target_reissue_code",
            obj=locked,
            old={"code": old_code},
            new={"code": locked.code},
        )
    return locked


def agency_set_token_requirement(*, actor: Actor | None, agency: OrgUnit, required: bool) -> int:
    """Make every target of an agency require (or stop requiring) a receipt token."""
    require(actor, Cap.SURVEYS_MANAGE, agency.pk)
    with transaction.atomic():
        changed = SurveyTarget.unscoped.filter(agency=agency).update(requires_token=required)
        audit_record(
            actor=actor,
            action="surveys.agency_token_requirement",
            obj=agency,
            unit_id=agency.pk,
            new={"requires_token": required, "targets": changed},
        )
    return changed


def receipt_tokens_issue(*, actor: Actor | None, agency: OrgUnit, count: int) -> list[str]:
    """Make `count` single-use tokens to print on dossier receipts; only hashes are stored, so
    the plain tokens are returned once."""
    require(actor, Cap.SURVEYS_MANAGE, agency.pk)
    if not 1 <= count <= 5000:
        raise SurveyError(422, "Số mã phải từ 1 đến 5.000 mỗi lần.", field="count")
    tokens = [
        "-".join("".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(4)) for _ in range(3))
        for _ in range(count)
    ]
    with transaction.atomic():
        ReceiptToken.objects.bulk_create(
            [ReceiptToken(unit=agency, token_hash=token_hash(t)) for t in tokens], batch_size=1000
        )
        audit_record(
            actor=actor,
            action="surveys.receipt_tokens_issue",
            obj=agency,
            unit_id=agency.pk,
            new={"count": count},
        )
    return tokens
