from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from congso.common.permissions import Role


class LoginForm(AuthenticationForm):
    """Django's login form with our own messages (Django's Vietnamese catalogue lacks them)."""

    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": _("Tài khoản này đã bị khóa. Hãy liên hệ quản trị hệ thống."),
    }


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Mã 6 số trên ứng dụng xác thực"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên khóa (dùng vào việc gì)"),
        max_length=100,
        help_text=_("Ví dụ: Kết nối hệ thống một cửa"),
    )


class UserSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm tài khoản"), required=False, max_length=100)


class UserCreateForm(forms.Form):
    staff_code = forms.CharField(label=_("Mã cán bộ"), max_length=32)
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 10 ký tự; người dùng nên đổi sau lần đăng nhập đầu."),
    )


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit = forms.IntegerField(label=_("Đơn vị"), widget=forms.Select)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.choices = [(unit.pk, unit.name) for unit in units]
