"""`congso create-admin USERNAME [--unit ID|CODE]`: the first administrator of an installation.

Creates the login if it does not exist (password typed twice, or read from the environment
variable CONGSO_ADMIN_PASSWORD for unattended set-ups) and grants it the administrator role on
the province's root unit, or on `--unit`. Runs as a system job: the audit rows name "hệ thống".
The administrator must set up the TOTP second factor on first login.
"""

from __future__ import annotations

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from congso.accounts.models import User
from congso.accounts.services import grant_role, user_create
from congso.common.permissions import Role
from congso.org.models import OrgUnit

PASSWORD_VARIABLE = "CONGSO_ADMIN_PASSWORD"  # noqa: S105 - the variable's name, not a secret


def find_unit(value: str | None):
    """The unit by id or agency code; the root unit (no parent) when `value` is None."""

    if value is None:
        roots = list(OrgUnit.unscoped.filter(parent__isnull=True).order_by("id")[:2])
        if len(roots) != 1:
            raise CommandError(
                "Cần đúng một đơn vị gốc (tỉnh); hãy nạp cây tổ chức trước hoặc chỉ rõ --unit."
            )
        return roots[0]
    unit = OrgUnit.unscoped.filter(code=value).first()
    if unit is None and value.isdigit():
        unit = OrgUnit.unscoped.filter(pk=int(value)).first()
    if unit is None:
        raise CommandError(f"Không tìm thấy đơn vị “{value}” (mã định danh hoặc số id).")
    return unit


class Command(BaseCommand):
    help = "Tạo (hoặc nâng quyền) tài khoản quản trị hệ thống trên đơn vị gốc."

    def add_arguments(self, parser):
        parser.add_argument("username", help="tên đăng nhập")
        parser.add_argument(
            "--unit", default=None, help="mã định danh hoặc id đơn vị (mặc định: gốc)"
        )

    def handle(self, *args, username: str, unit: str | None, **options):
        target = find_unit(unit)
        with transaction.atomic():
            user = User.objects.filter(username=username).first()
            if user is None:
                try:
                    user = user_create(actor=None, username=username, password=self._password())
                except ValidationError as exc:
                    raise CommandError(" ".join(exc.messages)) from exc
                self.stdout.write(f"Đã tạo tài khoản {username}.")
            grant_role(actor=None, user=user, role=Role.ADMIN, unit_id=target.pk)
        self.stdout.write(
            f"{username} là quản trị hệ thống trên “{target.name}”. Lần đăng nhập đầu, trang "
            "“Xác thực hai bước” hiện mã QR để cài ứng dụng xác thực."
        )

    def _password(self) -> str:
        password = os.environ.get(PASSWORD_VARIABLE)
        if password:
            return password
        first = getpass.getpass("Mật khẩu: ")
        if first != getpass.getpass("Nhập lại mật khẩu: "):
            raise CommandError("Hai lần nhập mật khẩu không giống nhau.")
        return first
