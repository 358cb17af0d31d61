"""Resolve the Actor once per request; hold users who need TOTP until they confirm it."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from congso.accounts.actors import build_actor
from congso.common.permissions import SECOND_FACTOR_ROLES
from congso.common.scoping import ANONYMOUS


class ActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            verified = bool(getattr(user, "is_verified", lambda: False)())
            request.actor = build_actor(user, second_factor_verified=verified)
        else:
            request.actor = ANONYMOUS
        return self.get_response(request)


# Paths a user who still owes a second factor may reach: logging in and out, the second-factor
# page itself, and what is public anyway. Not the rest of /tai-khoan/ (API keys, accounts).
_OPEN_PREFIXES = (
    "/tai-khoan/dang-nhap/",
    "/tai-khoan/dang-xuat/",
    "/tai-khoan/xac-thuc-2-buoc/",
    "/static/",
    "/i18n/",
    "/healthz",
    "/cong-dan/",
    "/api/v1/public/",
)


class RequireSecondFactorMiddleware:
    """Administrators and identity custodians must confirm a TOTP code after the password."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        actor = getattr(request, "actor", ANONYMOUS)
        pending = bool(
            actor.is_authenticated
            and actor.roles & SECOND_FACTOR_ROLES
            and not actor.second_factor_verified
        )
        # Read by the layout: no menu is shown until the second factor is confirmed.
        request.second_factor_pending = pending
        if pending and not request.path.startswith(_OPEN_PREFIXES):
            if request.path.startswith("/api/"):
                from django.http import JsonResponse

                return JsonResponse(
                    {"detail": "Cần xác thực hai bước trước khi dùng API này."}, status=403
                )
            target = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:second_factor')}?{target}")
        return self.get_response(request)
