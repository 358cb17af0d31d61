"""Login, the TOTP second factor, API keys and account management. Thin: forms in, services
and selectors do the work."""

from __future__ import annotations

import base64

import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from congso.accounts import selectors, services
from congso.accounts.forms import (
    ApiTokenForm,
    CustodianDecisionForm,
    CustodianRequestForm,
    GrantForm,
    LoginForm,
    SecondFactorForm,
    UserCreateForm,
    UserSearchForm,
)
from congso.accounts.models import CustodianGrantState
from congso.common.permissions import SECOND_FACTOR_ROLES, Cap

NEW_KEY_SESSION = "accounts_new_api_key"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (field errors where it names the field)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up (first time) or confirm the TOTP code; then continue to `next`."""
    device = services.totp_device_for(request.user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            services.totp_confirm(actor=request.actor, user=request.user, device=device)
            otp_login(request, device)
            target = request.GET.get("next") or "/"
            if not url_has_allowed_host_and_scheme(
                target, {request.get_host()}, require_https=request.is_secure()
            ):
                target = "/"
            return redirect(target)
        form.add_error("code", _("Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới trên ứng dụng."))
    context = {"form": form, "setup": not device.confirmed}
    if not device.confirmed:  # the QR code, and the key itself for apps typed in by hand
        context["qr_svg"] = segno.make(device.config_url, error="m").svg_inline(scale=4)
        context["secret"] = base64.b32encode(device.bin_key).decode("ascii")
    return render(request, "accounts/second_factor.html", context)


@login_required
def my_account(request: HttpRequest) -> HttpResponse:
    """Who I am here: my roles and units, the second factor, links to password and API keys."""
    context = {
        "grants": selectors.own_grants(user=request.user),
        "needs_second_factor": bool(request.actor.roles & SECOND_FACTOR_ROLES),
    }
    return render(request, "accounts/my_account.html", context)


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(user=request.user, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_password = form.cleaned_data["new_password1"]
        services.password_change(actor=request.actor, user=request.user, new_password=new_password)
        update_session_auth_hash(request, request.user)  # stay logged in on this device
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("accounts:me")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """List one's API keys and create one; the new key is shown once, after the redirect."""
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, raw = services.api_token_create(
                actor=request.actor, user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            request.session[NEW_KEY_SESSION] = raw
            return redirect("accounts:api_tokens")
    new_key = request.session.pop(NEW_KEY_SESSION, None)
    tokens = selectors.token_list(actor=request.actor)
    return render(
        request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_key": new_key}
    )


@login_required
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = selectors.token_get(actor=request.actor, pk=pk)
    if request.method == "POST":
        services.api_token_revoke(actor=request.actor, token=token)
        messages.success(request, _("Đã thu hồi khóa API “%(name)s”.") % {"name": token.name})
        return redirect("accounts:api_tokens")
    return render(request, "accounts/api_token_revoke.html", {"token": token})


def _require_manager(request: HttpRequest) -> None:
    if not request.actor.has(Cap.ACCOUNTS_MANAGE):
        raise PermissionDenied


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = UserSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    users = selectors.user_list(actor=request.actor, query=query)[:200]
    return render(request, "accounts/user_list.html", {"form": form, "users": users})


@login_required
def user_create(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = selectors.person_for_new_account(actor=request.actor, code=data["staff_code"])
            user = services.user_create(
                actor=request.actor,
                person=person,
                username=data["username"],
                password=data["password"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã tạo tài khoản %(u)s.") % {"u": user.username})
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "accounts/user_create.html", {"form": form})


@login_required
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One account: its roles on units in reach, and a form to grant another."""
    _require_manager(request)
    user = selectors.user_get(actor=request.actor, pk=pk)
    units = selectors.grantable_units(actor=request.actor)
    form = GrantForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        unit = selectors.grantable_unit_get(actor=request.actor, pk=form.cleaned_data["unit"])
        try:
            services.grant_role(
                actor=request.actor, user=user, role=form.cleaned_data["role"], unit_id=unit.pk
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã giao vai trò."))
            return redirect("accounts:user_detail", pk=user.pk)
    grants = selectors.grant_list(actor=request.actor, user=user)
    locked = selectors.login_locked(user=user)
    context = {"account": user, "grants": grants, "form": form, "locked": locked}
    return render(request, "accounts/user_detail.html", context)


@login_required
def user_set_active(request: HttpRequest, pk: int) -> HttpResponse:
    """POST active=0 disables the account, active=1 enables it (GET goes back to the page)."""
    _require_manager(request)
    user = selectors.user_get(actor=request.actor, pk=pk)
    if request.method == "POST":
        active = request.POST.get("active") == "1"
        try:
            services.user_set_active(actor=request.actor, user=user, active=active)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã mở tài khoản.") if active else _("Đã khóa tài khoản."))
    return redirect("accounts:user_detail", pk=user.pk)


@login_required
def user_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    """POST lifts a lock-out after wrong passwords (GET goes back to the page)."""
    _require_manager(request)
    user = selectors.user_get(actor=request.actor, pk=pk)
    if request.method == "POST":
        services.login_unlock(actor=request.actor, user=user)
        messages.success(request, _("Đã mở khóa đăng nhập."))
    return redirect("accounts:user_detail", pk=user.pk)


@login_required
def grant_revoke(request: HttpRequest, pk: int, grant_pk: int) -> HttpResponse:
    _require_manager(request)
    user = selectors.user_get(actor=request.actor, pk=pk)
    grant = selectors.grant_get(actor=request.actor, user=user, pk=grant_pk)
    error = None
    if request.method == "POST":
        try:
            services.role_revoke(actor=request.actor, grant=grant)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Đã thu hồi vai trò."))
            return redirect("accounts:user_detail", pk=user.pk)
    context = {"account": user, "grant": grant, "error": error}
    return render(request, "accounts/grant_revoke.html", context, status=400 if error else 200)


# ------------------------------------------------ identity custodians (Luật Tố cáo art. 47)


@login_required
def custodian_list(request: HttpRequest) -> HttpResponse:
    """Requests (pending first), decisions and the current custodians: administrators and the
    Party's inspection committee read it; the reveals are on the cases' reveal log."""
    if not request.actor.has(Cap.IDENTITY_GRANTS_VIEW):
        raise PermissionDenied
    context = {
        "requests": selectors.custodian_grant_list(actor=request.actor)[:200],
        "holders": selectors.custodian_holders(actor=request.actor),
        "can_request": request.actor.has(Cap.ACCOUNTS_MANAGE),
        "can_see_reveals": request.actor.has(Cap.IDENTITY_REVEALS_VIEW),
    }
    return render(request, "accounts/custodian_list.html", context)


@login_required
def custodian_request(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    units = selectors.grantable_units(actor=request.actor)
    form = CustodianRequestForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = selectors.grantable_unit_get(actor=request.actor, pk=data["unit"])
        try:
            user = selectors.custodian_candidate(actor=request.actor, username=data["username"])
            services.custodian_grant_request(
                actor=request.actor, user=user, unit_id=unit.pk, reason=data["reason"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Đã gửi đề nghị; vai trò có hiệu lực khi người thứ hai xác nhận.")
            )
            return redirect("accounts:custodian_list")
    return render(request, "accounts/custodian_request.html", {"form": form})


@login_required
def custodian_decide(request: HttpRequest, pk: int) -> HttpResponse:
    grant = selectors.custodian_grant_get(actor=request.actor, pk=pk)
    form = CustodianDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirm = form.cleaned_data["decision"] == "confirm"
        try:
            services.custodian_grant_decide(
                actor=request.actor, request=grant, confirm=confirm, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Đã xác nhận.") if confirm else _("Đã từ chối."))
            return redirect("accounts:custodian_list")
    can_decide = (
        grant.state == CustodianGrantState.PENDING
        and request.actor.can(Cap.IDENTITY_GRANT_CONFIRM, grant.unit_id)
        and request.actor.user_id not in (grant.requested_by_id, grant.user_id)
    )
    context = {"grant": grant, "form": form, "can_decide": can_decide}
    return render(request, "accounts/custodian_decide.html", context)
