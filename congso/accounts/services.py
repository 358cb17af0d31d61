"""Writes on accounts: users, role grants, API tokens, TOTP devices. Each writes an audit row.

Permission rule: `actor=None` is a system job (demo loader, tests' world); any other actor
must hold `accounts.manage` on the unit concerned (grants, new accounts) or own the token.
"""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from congso.accounts.models import ApiToken, RoleGrant, User, hash_token
from congso.common.audit import audit_record
from congso.common.permissions import Cap, Role
from congso.common.scoping import Actor, require

# Message of a refused account service (the page shows it).
NO_MANAGE_RIGHT = gettext_lazy("Bạn không quản lý tài khoản của đơn vị này.")


def _require_manage(actor: Actor | None, unit_id: int | None) -> None:
    require(actor, Cap.ACCOUNTS_MANAGE, unit_id, message=NO_MANAGE_RIGHT)


def grant_role(*, actor: Actor | None, user: User, role: str, unit_id: int) -> RoleGrant:
    """Give `user` the role on a unit (idempotent)."""
    if role not in Role.values:
        raise ValidationError(_("Vai trò không hợp lệ."))
    _require_manage(actor, unit_id)
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


def role_revoke(*, actor: Actor | None, grant: RoleGrant) -> None:
    """Take a role away. An administrator cannot take away their own administrator role
    (so the last administrator of a unit cannot lock everybody out by mistake)."""
    _require_manage(actor, grant.unit_id)
    if actor is not None and grant.user_id == actor.user_id and grant.role == Role.ADMIN:
        raise ValidationError(_("Bạn không thể tự thu hồi quyền quản trị của chính mình."))
    with transaction.atomic():
        old = {"user": grant.user.username, "role": grant.role, "unit": grant.unit_id}
        audit_record(
            actor=actor, action="accounts.revoke_role", obj=grant, unit_id=grant.unit_id, old=old
        )
        grant.delete()


def user_create(*, actor: Actor | None, person=None, username: str, password: str) -> User:
    """Create the login of a staff member (one account per person). Only a system job
    (`actor=None`, e.g. `congso create-admin`) may create a login linked to no person."""
    if person is None and actor is not None:
        raise PermissionDenied(_("Tài khoản phải gắn với một cán bộ."))
    unit_id = person.unit_id if person is not None else None
    _require_manage(actor, unit_id)
    username = username.strip()
    if not username:
        raise ValidationError({"username": _("Hãy nhập tên đăng nhập.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})
    if person is not None and User.objects.filter(person=person).exists():
        raise ValidationError({"staff_code": _("Cán bộ này đã có tài khoản.")})
    user = User(username=username, person=person)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            audit_record(
                actor=actor,
                action="accounts.user_create",
                obj=user,
                unit_id=unit_id,
                new={"username": username, "person": getattr(person, "pk", None)},
            )
    except IntegrityError as exc:  # a concurrent double submission
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")}) from exc
    return user


def _require_manage_user(actor: Actor | None, user: User) -> None:
    """The actor manages the account: its person's unit, or else every unit it holds a role on."""
    if actor is None:
        return
    if user.person is not None:
        _require_manage(actor, user.person.unit_id)
        return
    unit_ids: set[int | None] = set(user.grants.values_list("unit_id", flat=True)) or {None}
    for unit_id in unit_ids:
        _require_manage(actor, unit_id)


def user_set_active(*, actor: Actor | None, user: User, active: bool) -> None:
    """Disable an account (the person left, the login leaked) or enable it again. A disabled
    account cannot log in, its sessions end at the next request and its API keys stop."""
    _require_manage_user(actor, user)
    if actor is not None and user.pk == actor.user_id and not active:
        raise ValidationError(_("Bạn không thể tự khóa tài khoản của chính mình."))
    if user.is_active == active:
        return
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="accounts.user_enable" if active else "accounts.user_disable",
            obj=user,
            unit_id=user.person.unit_id if user.person is not None else None,
            old={"is_active": not active},
            new={"is_active": active},
        )


def login_unlock(*, actor: Actor | None, user: User) -> int:
    """Lift a lock-out after repeated wrong passwords (django-axes) before the cool-off ends."""
    from axes.utils import reset

    _require_manage_user(actor, user)
    with transaction.atomic():
        removed = reset(username=user.username)
        audit_record(
            actor=actor,
            action="accounts.login_unlock",
            obj=user,
            unit_id=user.person.unit_id if user.person is not None else None,
            new={"attempts_removed": removed},
        )
    return removed


def password_change(*, actor: Actor | None, user: User, new_password: str) -> None:
    """Set a new password (already validated by the form); the audit row holds no secret."""
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        audit_record(actor=actor, action="accounts.password_change", obj=user)


def api_token_create(*, actor: Actor, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a bearer token; the raw key is returned once and never stored."""
    if actor.user_id != user.pk:
        raise PermissionDenied(_("Chỉ chủ tài khoản được tạo khóa API của mình."))
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Hãy đặt tên cho khóa API.")})
    duplicate = ValidationError({"name": _("Bạn đã có một khóa API đang dùng với tên này.")})
    if ApiToken.objects.filter(user=user, name=name, revoked=False).exists():
        raise duplicate
    raw = ApiToken.new_raw_key()
    try:
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
    except IntegrityError as exc:  # the same form submitted twice at once
        raise duplicate from exc
    return token, raw


def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    """Revoke one's own token: it stops working at once and cannot be restored."""
    if token.user_id != actor.user_id:
        raise PermissionDenied(_("Chỉ chủ tài khoản được thu hồi khóa API của mình."))
    if token.revoked:
        return
    with transaction.atomic():
        token.revoked = True
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked", "revoked_at"])
        audit_record(
            actor=actor,
            action="accounts.token_revoke",
            obj=token,
            old={"revoked": False},
            new={"revoked": True, "prefix": token.prefix},
        )


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
