"""Shared by the survey benchmarks: a synthetic province and a gunicorn server."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from cryptography.fernet import Fernet

from congso.bench.harness import database_url


def build_org(*, agencies: int, communes: int, counters: int, officers: int) -> int:
    """Province → agencies and communes, each with counters and serving officers, targets
    for all. Fast bulk inserts (no audit rows: a throw-away database). Returns target count."""
    from django.utils import timezone

    from congso.common.text import vi_sort_key
    from congso.org.models import OrgUnit, Person, ServiceCounter
    from congso.surveys.models import SurveyTarget
    from congso.surveys.services.common import new_code
    from congso.surveys.services.templates import template_default

    root = OrgUnit.unscoped.create(name="Tỉnh Đo Kiểm", kind="province", path="/", depth=0)
    root.path = f"/{root.pk}/"
    root.save(update_fields=["path"])
    units = []
    for index in range(agencies + communes):
        kind = "state" if index < agencies else "commune"
        name = f"Sở {index:03d}" if kind == "state" else f"Xã {index:03d}"
        units.append(
            OrgUnit(
                name=name,
                kind=kind,
                parent=root,
                depth=1,
                serves_citizens=True,
                sort_key=vi_sort_key(name),
            )
        )
    OrgUnit.unscoped.bulk_create(units)
    units = list(OrgUnit.unscoped.filter(parent=root).order_by("id"))
    for unit in units:
        unit.path = f"{root.path}{unit.pk}/"
    OrgUnit.unscoped.bulk_update(units, ["path"])
    ServiceCounter.unscoped.bulk_create(
        [ServiceCounter(unit=u, name=f"Quầy {i + 1}") for u in units for i in range(counters)]
    )
    Person.unscoped.bulk_create(
        [
            Person(
                unit=u,
                staff_code=f"B{u.pk:04d}{i:03d}",
                full_name=f"Cán bộ {u.pk} {i}",
                sex="M",
                birth_year=1985,
                category="cong_chuc",
                serves_citizens=True,
            )
            for u in units
            for i in range(officers)
        ]
    )
    template_default()
    now = timezone.now()
    targets = [
        SurveyTarget(
            kind="counter",
            counter_id=c,
            unit_id=u,
            agency_id=u,
            code=new_code(),
            code_issued_at=now,
        )
        for c, u in ServiceCounter.unscoped.values_list("id", "unit_id")
    ] + [
        SurveyTarget(
            kind="officer", person_id=p, unit_id=u, agency_id=u, code=new_code(), code_issued_at=now
        )
        for p, u in Person.unscoped.values_list("id", "unit_id")
    ]
    SurveyTarget.unscoped.bulk_create(targets, batch_size=2000)
    return len(targets)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serve_like(settings_dict: dict, *, extra_env: dict | None = None) -> Iterator[tuple[int, int]]:
    """Serve the project with gunicorn exactly as `congso serve` starts it (its argv: sync
    workers, 2 × cores + 1 of them, the access log on stdout), on a free port; yields the
    port and the number of workers."""
    from congso.common.management.commands.serve import default_workers, gunicorn_argv

    port = free_port()
    workers = default_workers()
    argv = gunicorn_argv(bind=f"127.0.0.1:{port}", workers=workers, timeout=60)
    with gunicorn(settings_dict, workers=workers, extra_env=extra_env, argv=argv, port=port):
        yield port, workers


@contextlib.contextmanager
def gunicorn(
    settings_dict: dict,
    *,
    workers: int,
    extra_env: dict | None = None,
    argv: list[str] | None = None,
    port: int | None = None,
) -> Iterator[int]:
    """Serve the project with gunicorn sync workers and production settings on a free port
    (or with `argv` on `port`)."""
    port = port or free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "congso.config.settings.prod",
        "DATABASE_URL": database_url(settings_dict),
        "SECRET_KEY": "bench-" + "k" * 60,
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "CONGSO_AUDIT_KEY": "bench-audit-key-" + "a" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS": "0",
        **(extra_env or {}),
    }
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    binary = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        argv
        or [
            str(binary),
            "congso.config.wsgi:application",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
                break
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()[-2000:])
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
