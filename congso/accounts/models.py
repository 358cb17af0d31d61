"""Users, their roles on org units, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from congso.common.permissions import Cap, Role
from congso.common.scoping import WHOLE_PROVINCE, Actor, ScopedModel


class UserQuerySet(models.QuerySet):
    def for_actor(self, actor: Actor, capability: str | None = None) -> UserQuerySet:
        """Accounts an administrator manages: linked to a person in reach, or holding a role
        on a unit in reach. A user outside that is invisible (404), like any scoped row."""
        ids = actor.unit_ids(capability or Cap.ACCOUNTS_MANAGE)
        if ids is WHOLE_PROVINCE:
            return self.all()
        if not ids:
            return self.none()
        units = sorted(ids)
        in_reach = Q(person__unit_id__in=units) | Q(grants__unit_id__in=units)
        return self.filter(pk__in=self.model.objects.filter(in_reach).values("pk"))


class AccountUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    """A login. Linked to the staff record when the user is a staff member."""

    person = models.OneToOneField(
        "org.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        verbose_name=_("cán bộ"),
    )
    organisation_name = models.CharField(
        _("tên tổ chức (giám sát xã hội)"),
        max_length=255,
        blank=True,
        help_text=_("Tên tổ chức hiện khi tài khoản gửi phản ánh dưới danh nghĩa tổ chức."),
    )

    objects = AccountUserManager()

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = _("tài khoản")


class RoleGrant(ScopedModel):
    """A role on an org unit (and, for subtree roles, everything below it).

    Scoped by its unit: an administrator sees and changes the grants on units in reach."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        "org.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    view_capability = Cap.ACCOUNTS_MANAGE

    class Meta:
        ordering = ["unit_id", "role", "id"]
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="accounts_grant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}@{self.unit_id}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_password_mark(password_hash: str) -> str:
    """A keyed digest of the owner's password hash when a key was made: a new password (by any
    path) changes it, and the key stops, as sessions do (Django's session auth hash)."""
    return salted_hmac("congso.accounts.ApiToken", password_hash, algorithm="sha256").hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_actor(self, actor: Actor, capability: str | None = None) -> ApiTokenQuerySet:
        """A token is its owner's only: nobody else lists or revokes it."""
        if actor.user_id is None:
            return self.none()
        return self.filter(user_id=actor.user_id)


class ApiToken(models.Model):
    """A bearer token for the staff API. Only its SHA-256 is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Made in a session that had passed the second factor: only such a key works while its
    # owner holds a role that requires it (SECOND_FACTOR_ROLES).
    second_factor = models.BooleanField(default=False)
    password_mark = models.CharField(max_length=64, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")
        constraints = [
            # A double submission of the create form makes one token, not two.
            models.UniqueConstraint(
                fields=["user", "name"],
                condition=Q(revoked=False),
                name="accounts_token_active_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_key() -> str:
        return "cs_" + secrets.token_urlsafe(32)


class CustodianGrantState(models.TextChoices):
    PENDING = "pending", _("Chờ xác nhận")
    CONFIRMED = "confirmed", _("Đã xác nhận")
    REFUSED = "refused", _("Bị từ chối")


class CustodianGrant(ScopedModel):
    """A request to make someone the identity custodian of a unit (Luật Tố cáo art. 47).

    It takes effect (a `RoleGrant`) only when a second authorised person confirms it; the
    requester, the grantee and the confirmer are three different people. Rows are kept after the
    decision: with the reveals they form the list the Party's inspection committee reads."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do"))
    state = models.CharField(
        max_length=10, choices=CustodianGrantState.choices, default=CustodianGrantState.PENDING
    )
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    view_capability = Cap.IDENTITY_GRANTS_VIEW

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("đề nghị giao người giữ bí mật danh tính")
        verbose_name_plural = _("đề nghị giao người giữ bí mật danh tính")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "unit"],
                condition=Q(state="pending"),
                name="accounts_custodian_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.unit_id} {self.state}"
