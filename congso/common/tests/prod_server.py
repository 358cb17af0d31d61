"""Run `congso serve` with the production settings on a free loopback port, for tests that
must see what gunicorn behind the documented nginx sees (proxy headers, error pages)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

from cryptography.fernet import Fernet

SCRIPT = Path(sys.executable).with_name("congso")
_MIGRATED: dict[str, Path] = {}  # one migrated database file per test session, copied per server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str


class ProdServer:
    def __init__(self, tmp: Path, **extra_env: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "congso.config.settings.prod",
            "SECRET_KEY": "s" * 50,
            "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "CONGSO_AUDIT_KEY": "a" * 50,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_COOKIES": "false",
            "SECURE_HSTS": "false",
            "DATABASE_URL": f"sqlite:///{tmp / 'prod.sqlite3'}",
            "CONGSO_VAR_DIR": str(tmp / "var"),
            **extra_env,
        }
        self.process: subprocess.Popen | None = None

    def manage(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(  # noqa: S603 - our own entry point
            [str(SCRIPT), *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def migrate(self) -> None:
        """Migrate the server's database: once per test session, then a copy of that file."""
        target = Path(self.env["DATABASE_URL"].removeprefix("sqlite:///"))
        template = _MIGRATED.get("db")
        if template is None:
            self.manage("migrate", "--no-input")
            template = target.with_name("migrated-template.sqlite3")
            shutil.copyfile(target, template)
            _MIGRATED["db"] = template
        else:
            shutil.copyfile(template, target)

    def python(self, code: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, "-c", "import django; django.setup()\n" + code],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def start(self, *, demo: bool = False) -> None:
        """`congso serve` (gunicorn, production settings), or with `demo` the development
        server with the demo settings, as `congso demo` runs it."""
        if demo:
            self.env["DJANGO_SETTINGS_MODULE"] = "congso.config.settings.demo"
            argv = [str(SCRIPT), "runserver", f"127.0.0.1:{self.port}", "--noreload", "--insecure"]
        else:
            argv = [
                str(SCRIPT),
                "serve",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--skip-collectstatic",
            ]
        self.process = subprocess.Popen(  # noqa: S603 - our own entry point
            argv,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _attempt in range(600):  # until gunicorn answers (or the process died)
            if self.process.poll() is not None:
                raise AssertionError(self.process.stderr.read().decode()[-3000:])
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=2):  # noqa: S310
                    return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise AssertionError("congso serve did not answer")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def session(self) -> Browser:
        return Browser(self.base)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A cookie-keeping client that does not follow redirects."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        req = urllib.request.Request(  # noqa: S310 - loopback test server
            self.base + path, data=data, method=method, headers=headers or {}
        )
        try:
            with self.opener.open(req, timeout=30) as response:
                return Reply(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Reply(error.code, dict(error.headers), error.read().decode())

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")
