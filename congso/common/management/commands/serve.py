"""`congso serve`: production server, gunicorn with sync workers (design.md §3).

Settings default to production (congso.cli), which refuse to start without SECRET_KEY,
FIELD_ENCRYPTION_KEY and ALLOWED_HOSTS. Static files are collected first (an unchanged file is
skipped when nothing changed since the last collection) and served by whitenoise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def static_is_current() -> bool:
    """True when every static file the finders see is already collected and not older than
    its source, so a restart can skip `collectstatic` (which re-compresses everything)."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    root = Path(settings.STATIC_ROOT)
    if not root.is_dir():
        return False
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            target = root / (getattr(storage, "prefix", None) or "") / path
            source = Path(storage.path(path))
            if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
                return False
    return True


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


def default_bind() -> str:
    port = os.environ.get("PORT")
    return f"0.0.0.0:{port}" if port else "127.0.0.1:8000"


def gunicorn_argv(*, bind: str, workers: int, timeout: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "congso.config.wsgi:application",
        "--worker-class",
        "sync",
        "--workers",
        str(workers),
        "--bind",
        bind,
        "--timeout",
        str(timeout),
        "--access-logfile",
        "-",
    ]


class Command(BaseCommand):
    help = "Chạy máy chủ production (gunicorn, sync workers)."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=None, help="địa chỉ, mặc định 0.0.0.0:$PORT")
        parser.add_argument("--workers", type=int, default=None, help="mặc định 2 × số lõi + 1")
        parser.add_argument("--timeout", type=int, default=60, help="giây cho một yêu cầu")
        parser.add_argument("--skip-collectstatic", action="store_true")

    def handle(self, *args, bind, workers, timeout, skip_collectstatic, **options):
        workers = workers or default_workers()
        if workers < 1:
            raise CommandError("--workers phải ≥ 1.")
        if not skip_collectstatic and not static_is_current():
            self.stdout.write("Thu thập tệp tĩnh (collectstatic)…")
            call_command("collectstatic", interactive=False, verbosity=0)
        argv = gunicorn_argv(bind=bind or default_bind(), workers=workers, timeout=timeout)
        self.stdout.write(f"Khởi động gunicorn: {' '.join(argv[3:])}")
        sys.stdout.flush()
        os.execv(argv[0], argv)  # noqa: S606 - replaces this process with gunicorn
