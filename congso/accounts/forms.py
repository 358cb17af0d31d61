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
    # The custodian role is granted only through a confirmed request (CustodianRequestForm).
    role = forms.ChoiceField(
        label=_("Vai trò"),
        choices=[
            (value, label) for value, label in Role.choices if value != Role.IDENTITY_CUSTODIAN
        ],
    )
    unit = forms.IntegerField(label=_("Đơn vị"), widget=forms.Select)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.choices = [(unit.pk, unit.name) for unit in units]


class CustodianRequestForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập của người được giao"), max_length=150)
    unit = forms.IntegerField(label=_("Đơn vị"), widget=forms.Select)
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Ví dụ: quyết định phân công số, ngày; người này thay ai."),
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].widget.choices = [(unit.pk, unit.name) for unit in units]


class CustodianDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("confirm", _("Xác nhận")), ("refuse", _("Từ chối"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ghi chú (bắt buộc khi từ chối)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
