"""What the audit log calls this app's actions (see common/audit_labels.py)."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "accounts.grant_role": _("Giao vai trò"),
    "accounts.revoke_role": _("Thu hồi vai trò"),
    "accounts.login_unlock": _("Mở khóa đăng nhập"),
    "accounts.password_change": _("Đổi mật khẩu"),
    "accounts.token_create": _("Tạo khóa API"),
    "accounts.token_revoke": _("Thu hồi khóa API"),
    "accounts.totp_confirm": _("Xác nhận xác thực hai bước"),
    "accounts.user_create": _("Tạo tài khoản"),
    "accounts.user_disable": _("Khóa tài khoản"),
    "accounts.user_enable": _("Mở lại tài khoản"),
    "accounts.custodian_request": _("Đề nghị giao vai trò giữ bí mật danh tính"),
    "accounts.custodian_confirm": _("Xác nhận đề nghị giao vai trò giữ bí mật danh tính"),
}
FIELDS = {
    "username": _("tên đăng nhập"),
    "attempts_removed": _("số lần đăng nhập sai được xóa"),
    "device": _("thiết bị xác thực"),
    "prefix": _("đầu khóa"),
    "revoked": _("đã thu hồi"),
}
