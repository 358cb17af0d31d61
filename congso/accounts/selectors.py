"""Reads for the account pages, always through `for_actor` / `get_for_actor`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Case, Q, QuerySet, When
from django.utils.translation import gettext as _

from congso.accounts.models import (
    ApiToken,
    CustodianGrant,
    CustodianGrantState,
    RoleGrant,
    User,
)
from congso.common.permissions import Cap, Role
from congso.common.scoping import Actor, get_for_actor
from congso.common.text import search_key
from congso.org.models import OrgUnit, Person


def user_list(*, actor: Actor, query: str = "") -> QuerySet[User]:
    """Accounts the administrator manages, searched by login or name without diacritics."""
    users = User.objects.for_actor(actor).select_related("person", "person__unit")
    text = query.strip()
    if text:
        key = search_key(text)
        users = users.filter(Q(username__icontains=text) | Q(person__search_key__contains=key))
    return users.order_by("username")


def user_get(*, actor: Actor, pk) -> User:
    return get_for_actor(User.objects.select_related("person", "person__unit"), actor, pk)


def login_locked(*, user: User) -> bool:
    """True while django-axes refuses the user's logins (repeated wrong passwords)."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.utils import timezone

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        username=user.username,
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=since,
    ).exists()


def grant_list(*, actor: Actor, user: User) -> QuerySet[RoleGrant]:
    """The user's roles on units the administrator reaches (others stay invisible)."""
    return RoleGrant.objects.for_actor(actor).filter(user=user).select_related("unit")


def grant_get(*, actor: Actor, user: User, pk) -> RoleGrant:
    return get_for_actor(
        RoleGrant.objects.filter(user=user).select_related("user", "unit"), actor, pk
    )


def grantable_units(*, actor: Actor) -> QuerySet:
    return OrgUnit.objects.for_actor(actor, Cap.ACCOUNTS_MANAGE).only("id", "name", "path")


def grantable_unit_get(*, actor: Actor, pk):
    return get_for_actor(OrgUnit, actor, pk, capability=Cap.ACCOUNTS_MANAGE)


def person_for_new_account(*, actor: Actor, code: str):
    """The active staff member with this code in the administrator's reach; otherwise a
    ValidationError on the code field (the same answer for unknown and out of reach)."""

    person = (
        Person.objects.for_actor(actor, Cap.ACCOUNTS_MANAGE)
        .filter(staff_code__iexact=code.strip(), is_active=True)
        .select_related("unit")
        .first()
    )
    if person is None:
        raise ValidationError(
            {"staff_code": _("Không có cán bộ đang công tác mang mã này trong phạm vi của bạn.")}
        )
    return person


def own_grants(*, user: User) -> QuerySet[RoleGrant]:
    """The caller's own roles (everyone may read their own)."""
    return user.grants.select_related("unit").order_by("unit__sort_key", "role")


def token_list(*, actor: Actor) -> QuerySet[ApiToken]:
    return ApiToken.objects.for_actor(actor)


def token_get(*, actor: Actor, pk) -> ApiToken:
    return get_for_actor(ApiToken, actor, pk)


def custodian_grant_list(*, actor: Actor) -> QuerySet[CustodianGrant]:
    """Requests to make someone an identity custodian, pending first, on units in reach of
    `identity.grants_view` (administrators, the Party's inspection committee)."""
    return (
        CustodianGrant.objects.for_actor(actor)
        .select_related("user", "unit", "requested_by", "decided_by")
        .order_by(
            Case(When(state=CustodianGrantState.PENDING, then=0), default=1),
            "-requested_at",
            "-id",
        )
    )


def custodian_grant_get(*, actor: Actor, pk) -> CustodianGrant:
    return get_for_actor(
        CustodianGrant.objects.select_related("user", "unit", "requested_by", "decided_by"),
        actor,
        pk,
    )


def custodian_holders(*, actor: Actor) -> QuerySet[RoleGrant]:
    """Who holds the custodian role now, on units in reach of `identity.grants_view`."""
    return (
        RoleGrant.objects.for_actor(actor, Cap.IDENTITY_GRANTS_VIEW)
        .filter(role=Role.IDENTITY_CUSTODIAN)
        .select_related("user", "unit")
        .order_by("unit__sort_key", "user__username")
    )


def custodian_candidate(*, actor: Actor, username: str) -> User:
    """The account an administrator may propose (one they manage); unknown and out of reach
    get the same answer."""
    user = User.objects.for_actor(actor).filter(username__iexact=username.strip()).first()
    if user is None:
        raise ValidationError(
            {"username": _("Không có tài khoản với tên đăng nhập này trong phạm vi của bạn.")}
        )
    return user
