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

from congso.accounts.models import (
    ApiToken,
    CustodianGrant,
    CustodianGrantState,
    RoleGrant,
    User,
    hash_token,
    token_password_mark,
)
from congso.accounts.signals import custodian_grant_event
from congso.common.audit import audit_record
from congso.common.permissions import Cap, Role
from congso.common.scoping import Actor, require
from congso.common.text import clean_free_text, visible_length

# Message of a refused account service (the page shows it).
NO_MANAGE_RIGHT = gettext_lazy("Bạn không quản lý tài khoản của đơn vị này.")


def _require_manage(actor: Actor | None, unit_id: int | None) -> None:
    require(actor, Cap.ACCOUNTS_MANAGE, unit_id, message=NO_MANAGE_RIGHT)


def grant_role(*, actor: Actor | None, user: User, role: str, unit_id: int) -> RoleGrant:
    """Give `user` the role on a unit (idempotent)."""
    if role not in Role.values:
        raise ValidationError(_("Vai trò không hợp lệ."))
    _require_manage(actor, unit_id)
    if role == Role.IDENTITY_CUSTODIAN and actor is not None:
        # Only through a request confirmed by a second person (custodian_grant_request).
        raise ValidationError(
            _(
                "Vai trò người giữ bí mật danh tính chỉ được giao qua đề nghị và có người thứ "
                "hai xác nhận."
            )
        )
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
    """Set a new password (already validated by the form); the audit row holds no secret.
    The user's API keys end with the old password, as their other sessions do."""
    validate_password(new_password, user)
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        revoked = ApiToken.objects.filter(user=user, revoked=False).update(
            revoked=True, revoked_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="accounts.password_change",
            obj=user,
            new={"api_keys_revoked": revoked},
        )


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
                user=user,
                name=name,
                key_hash=hash_token(raw),
                prefix=raw[3:11],
                second_factor=actor.second_factor_verified,
                password_mark=token_password_mark(user.password),
            )
            audit_record(
                actor=actor,
                action="accounts.token_create",
                obj=token,
                new={
                    "name": name,
                    "prefix": token.prefix,
                    "second_factor": token.second_factor,
                },
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


# ------------------------------------------------ identity custodians (Luật Tố cáo art. 47)

MIN_CUSTODIAN_REASON_CHARS = 15


def _custodian_reason(text: str, field: str) -> str:
    text = clean_free_text(text)
    if visible_length(text) < MIN_CUSTODIAN_REASON_CHARS:
        raise ValidationError(
            {
                field: _("Cần ghi rõ lý do (ít nhất %(n)d ký tự).")
                % {"n": MIN_CUSTODIAN_REASON_CHARS}
            }
        )
    return text


def custodian_grant_request(
    *, actor: Actor, user: User, unit_id: int, reason: str
) -> CustodianGrant:
    """Ask for `user` to become the identity custodian of a unit. Nothing is granted until a
    second authorised person confirms (`custodian_grant_decide`); nobody asks for themself."""
    if actor is None or actor.user_id is None or not actor.can(Cap.ACCOUNTS_MANAGE, unit_id):
        raise PermissionDenied(_("Bạn không quản lý tài khoản của đơn vị này."))
    if user.pk == actor.user_id:
        raise ValidationError(
            {"user": _("Không ai được tự đề nghị giao vai trò người giữ bí mật danh tính.")}
        )
    if not user.is_active:
        raise ValidationError({"user": _("Tài khoản này đang bị khóa.")})
    reason = _custodian_reason(reason, "reason")
    if RoleGrant.objects.filter(user=user, role=Role.IDENTITY_CUSTODIAN, unit_id=unit_id).exists():
        raise ValidationError(
            {"user": _("Tài khoản này đã là người giữ bí mật danh tính của đơn vị.")}
        )
    duplicate = ValidationError(
        {"user": _("Đã có một đề nghị đang chờ xác nhận cho tài khoản này.")}
    )
    if CustodianGrant.objects.filter(
        user=user, unit_id=unit_id, state=CustodianGrantState.PENDING
    ).exists():
        raise duplicate
    try:
        with transaction.atomic():
            request = CustodianGrant.objects.create(
                user=user, unit_id=unit_id, reason=reason, requested_by_id=actor.user_id
            )
            audit_record(
                actor=actor,
                action="accounts.custodian_request",
                obj=request,
                new={"user": user.username, "unit": unit_id, "reason": reason},
            )
            custodian_grant_event.send(sender=CustodianGrant, grant=request, event="requested")
    except IntegrityError as exc:  # the same request submitted twice at once
        raise duplicate from exc
    return request


def custodian_grant_decide(
    *, actor: Actor, request: CustodianGrant, confirm: bool, note: str = ""
) -> CustodianGrant:
    """Confirm (the role takes effect) or refuse a pending request. The decider holds
    `identity.grant_confirm` on the unit, has passed the second factor, and is neither the
    requester nor the person to be granted."""
    if (
        actor is None
        or actor.user_id is None
        or not actor.can(Cap.IDENTITY_GRANT_CONFIRM, request.unit_id)
    ):
        raise PermissionDenied(_("Bạn không có quyền xác nhận đề nghị này."))
    if not actor.second_factor_verified:
        raise PermissionDenied(_("Cần xác thực hai bước trước khi xác nhận."))
    if actor.user_id in (request.requested_by_id, request.user_id):
        raise ValidationError(
            _("Người đề nghị và người được giao không được tự xác nhận; cần một người thứ hai.")
        )
    note = clean_free_text(note)
    if not confirm:
        note = _custodian_reason(note, "note")
    with transaction.atomic():
        locked = CustodianGrant.objects.select_for_update().get(pk=request.pk)
        if locked.state != CustodianGrantState.PENDING:
            raise ValidationError(_("Đề nghị này đã được xử lý."))
        locked.state = CustodianGrantState.CONFIRMED if confirm else CustodianGrantState.REFUSED
        locked.decided_by_id = actor.user_id
        locked.decided_at = timezone.now()
        locked.decision_note = note
        locked.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        audit_record(
            actor=actor,
            action="accounts.custodian_confirm" if confirm else "accounts.custodian_refuse",
            obj=locked,
            old={"state": CustodianGrantState.PENDING},
            new={"state": locked.state, "user": locked.user.username, "note": note},
        )
        if confirm:
            grant, created = RoleGrant.objects.get_or_create(
                user_id=locked.user_id, role=Role.IDENTITY_CUSTODIAN, unit_id=locked.unit_id
            )
            if created:
                audit_record(
                    actor=actor,
                    action="accounts.grant_role",
                    obj=grant,
                    new={
                        "user": locked.user.username,
                        "role": Role.IDENTITY_CUSTODIAN,
                        "unit": locked.unit_id,
                        "request": locked.pk,
                    },
                )
        custodian_grant_event.send(
            sender=CustodianGrant, grant=locked, event="confirmed" if confirm else "refused"
        )
    return locked
