"""Writes on accounts: grants, tokens, TOTP devices. Each writes an audit row."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from congso.accounts.models import ApiToken, RoleGrant, User, hash_token
from congso.common.audit import audit_record
from congso.common.scoping import Actor


def grant_role(*, actor: Actor | None, user: User, role: str, unit_id: int) -> RoleGrant:
    """Give `user` the role on a unit (idempotent)."""
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(user=user, role=role, unit_id=unit_id)
        if created:
            audit_record(
                actor=actor,
                action="accounts.grant_role",
                obj=grant,
                unit_id=unit_id,
                new={"user": user.username, "role": role, "unit": unit_id},
            )
    return grant


def api_token_create(*, actor: Actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a bearer token; the raw key is returned once and never stored."""
    raw = ApiToken.new_raw_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, key_hash=hash_token(raw), prefix=raw[3:11]
        )
        audit_record(
            actor=actor,
            action="accounts.token_create",
            obj=token,
            new={"name": name, "prefix": token.prefix},
        )
    return token, raw


def totp_device_for(user: User) -> TOTPDevice:
    """The user's TOTP device, created unconfirmed on first use."""
    device = TOTPDevice.objects.filter(user=user).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="default", confirmed=False)
    return device


def totp_confirm(*, actor: Actor | None, user: User, device: TOTPDevice) -> None:
    with transaction.atomic():
        if not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit_record(
                actor=actor, action="accounts.totp_confirm", obj=user, new={"device": device.pk}
            )
