"""`congso demo [--port N] [--no-serve] [--reset]`: a working demo from a clean clone.

Creates var/ and the database (DATABASE_URL respected), migrates, loads the demo province once
(org.demo.load_province, then each app's `demo.load_demo` in order), prints the demo logins and
serves on 127.0.0.1:PORT with Django's development server (static files served by it).
"""

from __future__ import annotations

import importlib
import random
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection, connections, transaction

from congso.org import demo

# Apps whose demo data is loaded after the province, in this order (docs/architecture.md).
DEMO_APPS = (
    "conduct",
    "surveys",
    "cases",
    "inspections",
    "dissemination",
    "evaluation",
    "emulation",
    "reports",  # unit reports upward: read every app's figures, so last
)
SEED = 20250701


def _reset_database() -> None:
    """Drop everything: delete the SQLite file, or recreate PostgreSQL's public schema."""
    if connection.vendor == "sqlite":
        name = Path(str(settings.DATABASES["default"]["NAME"]))
        connections.close_all()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        return
    raise CommandError(f"--reset không hỗ trợ cơ sở dữ liệu {connection.vendor}.")


def load_app_demos(*, rng: random.Random, log, apps=DEMO_APPS) -> list[tuple[str, float]]:
    """Call `congso.<app>.demo.load_demo` for each app that has one; skip the others.

    A failing app demo is reported and skipped, so one app's bug does not hide the others.
    """
    timings = []
    for app in apps:
        module_name = f"congso.{app}.demo"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name not in (module_name, f"congso.{app}"):
                raise  # the demo module exists but imports something missing: a real bug
            log(f"- {app}: chưa có dữ liệu mẫu, bỏ qua")
            continue
        start = time.perf_counter()
        try:
            with transaction.atomic():
                module.load_demo(rng=rng, log=log)
        except Exception as exc:
            log(f"- {app}: LỖI khi nạp dữ liệu mẫu, bỏ qua ({type(exc).__name__}: {exc})")
            continue
        seconds = time.perf_counter() - start
        timings.append((app, seconds))
        log(f"- {app}: {seconds:.1f} s")
    return timings


class Command(BaseCommand):
    help = "Tạo cơ sở dữ liệu, nạp tỉnh mẫu, in tài khoản mẫu và chạy máy chủ thử."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
        parser.add_argument("--no-serve", action="store_true", help="chỉ nạp dữ liệu, không chạy")
        parser.add_argument("--reset", action="store_true", help="xóa và nạp lại từ đầu")
        parser.add_argument(
            "--staff", type=int, default=30_000, help="số cán bộ giả lập (mặc định 30000)"
        )
        parser.add_argument(
            "--without-apps", action="store_true", help="chỉ nạp tổ chức, cán bộ và tài khoản"
        )

    def handle(self, *args, port, no_serve, reset, staff, without_apps, **options):
        started = time.perf_counter()
        Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
        if reset:
            self.stdout.write("Xóa cơ sở dữ liệu cũ…")
            _reset_database()
        self.stdout.write("Cập nhật cấu trúc cơ sở dữ liệu (migrate)…")
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except OperationalError as exc:
            raise CommandError(
                f"Không kết nối được cơ sở dữ liệu (cannot reach the database): {exc}"
            ) from exc
        if demo.is_loaded():
            self.stdout.write("Tỉnh mẫu đã có sẵn: không nạp lại (dùng --reset để nạp lại).")
        else:
            self._load(demo, staff=staff, without_apps=without_apps)
        self.stdout.write(f"Sẵn sàng sau {time.perf_counter() - started:.1f} s.")
        self._print_logins(demo.demo_logins(), port)
        if not no_serve:
            # --insecure: static files from the development server even with DEBUG off.
            call_command(
                "runserver", f"127.0.0.1:{port}", use_reloader=False, insecure_serving=True
            )

    def _load(self, demo, *, staff: int, without_apps: bool) -> None:
        rng = random.Random(SEED)
        start = time.perf_counter()
        self.stdout.write(f"Nạp tỉnh mẫu ({staff} cán bộ giả lập)…")
        demo.load_province(rng=rng, log=self.stdout.write, staff_count=staff)
        self.stdout.write(f"- tổ chức, cán bộ, tài khoản: {time.perf_counter() - start:.1f} s")
        if not without_apps:
            load_app_demos(rng=rng, log=self.stdout.write)

    def _print_logins(self, rows, port: int) -> None:
        headers = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Đơn vị")
        table = [(r.username, r.password, r.role, r.unit) for r in rows]
        widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
        line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write("")
        self.stdout.write(f"Tài khoản mẫu (demo logins) — http://127.0.0.1:{port}/")
        self.stdout.write(line)
        for row in (headers, *table):
            cells = " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
            self.stdout.write(f"| {cells} |")
            if row is headers:
                self.stdout.write(line)
        self.stdout.write(line)
        secrets = [r for r in rows if r.totp_secret]
        if secrets:
            self.stdout.write(
                "Quản trị và người giữ bí mật danh tính phải xác thực hai bước: lần đăng nhập "
                "đầu, trang “Xác thực hai bước” hiện mã QR để quét bằng ứng dụng xác thực."
            )
            self.stdout.write(
                "Không có điện thoại? Khóa bí mật TOTP (base32) của tài khoản mẫu, tính mã bằng:"
            )
            for row in secrets:
                self.stdout.write(f"  {row.username}: {row.totp_secret}")
            self.stdout.write(
                '  .venv/bin/python -c "import base64,sys; from django_otp.oath import TOTP; '
                "print('%06d' % TOTP(base64.b32decode(sys.argv[1])).token())\" KHÓA_BÍ_MẬT"
            )
        self.stdout.write("")
