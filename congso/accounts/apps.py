from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from congso.common.permissions import Cap


class AccountsConfig(AppConfig):
    name = "congso.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"
    nav_entries = [
        (Cap.ACCOUNTS_MANAGE, "accounts:user_list", _("Quản lý tài khoản")),
        (Cap.IDENTITY_GRANTS_VIEW, "accounts:custodian_list", _("Người giữ bí mật danh tính")),
        (Cap.ORG_VIEW, "accounts:me", _("Tài khoản của tôi")),
    ]
