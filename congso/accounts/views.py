"""Login, logout and the TOTP second factor."""

from __future__ import annotations

import segno
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from congso.accounts.forms import SecondFactorForm
from congso.accounts.services import totp_confirm, totp_device_for


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


@login_required
def second_factor(request: HttpRequest) -> HttpResponse:
    """Set up (first time) or confirm the TOTP code; then continue to `next`."""
    device = totp_device_for(request.user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            totp_confirm(actor=request.actor, user=request.user, device=device)
            otp_login(request, device)
            target = request.GET.get("next") or "/"
            if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
                target = "/"
            return redirect(target)
        form.add_error("code", _("Mã không đúng hoặc đã hết hạn. Hãy nhập mã mới trên ứng dụng."))
    qr_svg = None
    if not device.confirmed:
        qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4)
    return render(
        request,
        "accounts/second_factor.html",
        {"form": form, "qr_svg": qr_svg, "setup": not device.confirmed},
    )
