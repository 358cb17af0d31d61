"""Staff API authentication: a session cookie (with CSRF) or `Authorization: Bearer <token>`."""

from __future__ import annotations

from django.utils import timezone
from django.utils.crypto import constant_time_compare
from ninja.security import APIKeyCookie, HttpBearer

from congso.accounts.actors import build_actor
from congso.accounts.models import ApiToken, hash_token, token_password_mark
from congso.common.permissions import SECOND_FACTOR_ROLES


class _Bearer(HttpBearer):
    def authenticate(self, request, token):
        row = (
            ApiToken.objects.select_related("user", "user__person")
            .filter(key_hash=hash_token(token), revoked=False)
            .first()
        )
        if row is None or not row.user.is_active:
            return None
        # Keys follow the rules of sessions: a password changed since the key was made ends it,
        # and a key stands for the second factor only if its session had passed it.
        if not constant_time_compare(row.password_mark, token_password_mark(row.user.password)):
            return None
        actor = build_actor(row.user, second_factor_verified=row.second_factor)
        if actor.roles & SECOND_FACTOR_ROLES and not row.second_factor:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        request.actor = actor
        return actor


class _Session(APIKeyCookie):
    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        actor = getattr(request, "actor", None) or build_actor(user)
        if actor.roles & SECOND_FACTOR_ROLES and not actor.second_factor_verified:
            return None
        return actor


class SessionOrTokenAuth:
    """Try the bearer token first, then the session (django-ninja accepts a list of auths)."""

    def __new__(cls):
        return [_Bearer(), _Session()]
