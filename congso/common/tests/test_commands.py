"""The `congso` sub-commands: demo, audit verify, backup/restore, serve."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from congso.bench import people_search
from congso.common.audit import audit_record
from congso.common.management.commands import serve
from congso.common.management.commands.demo import load_app_demos
from congso.common.models import AuditEntry, Holiday
from congso.common.permissions import Role
from congso.common.testing import actor_of
from congso.org.models import OrgUnit, Person
from congso.org.selectors import person_list


def _run(*args, **options) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_audit_verify_prints_the_number_of_rows(db):
    for i in range(3):
        audit_record(actor=None, action="test.change", object_type="x", object_id=str(i))
    assert _run("audit", "verify").splitlines()[0] == "OK: 3 bản ghi"


def test_audit_verify_exits_1_at_a_tampered_row(db):
    for i in range(3):
        audit_record(actor=None, action="test.change", object_type="x", object_id=str(i))
    AuditEntry.objects.filter(seq=2).update(action="test.forged")
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", stdout=io.StringIO(), stderr=err)
    assert exit_info.value.code == 1
    assert "bản ghi số 2" in err.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_keeps_data_and_the_audit_chain(world, tmp_path):
    Holiday.objects.filter(date="2027-02-08").delete()  # an edit the backup must carry
    counts = (OrgUnit.unscoped.count(), Person.unscoped.count(), AuditEntry.objects.count())
    target = tmp_path / "congso.json.gz"
    _run("backup", str(target))
    assert target.stat().st_size > 0
    with pytest.raises(CommandError, match="not empty"):
        _run("restore", str(target))
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEntry.objects.count() == 0
    out = _run("restore", str(target))
    assert "Nhật ký: OK" in out
    assert (OrgUnit.unscoped.count(), Person.unscoped.count(), AuditEntry.objects.count()) == counts
    assert not Holiday.objects.filter(date="2027-02-08").exists()
    assert _run("audit", "verify").startswith(f"OK: {counts[2]} ")


def test_restore_refuses_a_file_that_is_not_a_backup(db, tmp_path):
    bogus = tmp_path / "x.json.gz"
    bogus.write_text("not gzip")
    with pytest.raises(CommandError, match="gzip"):
        _run("restore", str(bogus))


def test_demo_loads_once_and_prints_a_login_per_role(db):
    first = _run("demo", no_serve=True, staff=50, without_apps=True)
    units = OrgUnit.unscoped.count()
    second = _run("demo", no_serve=True, staff=50, without_apps=True)
    assert "Nạp tỉnh mẫu" in first
    assert "đã có sẵn" in second and "Nạp tỉnh mẫu" not in second
    assert OrgUnit.unscoped.count() == units
    for label in Role.labels:
        assert str(label) in second
    assert "quantri-demo-2026" in second


def test_serve_defaults_to_sync_workers_and_port_from_environment(monkeypatch):
    monkeypatch.setenv("PORT", "9123")
    argv = serve.gunicorn_argv(bind=serve.default_bind(), workers=3, timeout=60)
    assert argv[argv.index("--bind") + 1] == "0.0.0.0:9123"
    assert argv[argv.index("--worker-class") + 1] == "sync"
    assert serve.default_workers() == 2 * (os.cpu_count() or 1) + 1


def test_serve_without_production_secrets_prints_a_message_not_a_traceback():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}
    }
    script = Path(sys.executable).with_name("congso")
    done = subprocess.run(  # noqa: S603 - our own entry point
        [str(script), "serve"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "SECRET_KEY" in done.stderr
    assert "Traceback" not in done.stderr


def test_people_search_bench_reports_percentiles_for_about_200_queries(db):
    result = people_search.run({"quick": True})
    assert result["people"] == 4000
    assert result["units"] == 150
    assert 190 <= result["queries"] == result["samples"] <= 210
    assert result["p50_ms"] <= result["p95_ms"] <= result["p99_ms"]
    assert result["target"] == "p95 < 100 ms"
    assert result["pass"] is (result["p95_ms"] < 100)


@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").startswith("postgres"), reason="SQLite index only"
)
def test_sqlite_people_search_walks_the_search_index_not_the_rows(world):
    """Migration org/0002: the LIKE is tested on index entries (docs/operations.md)."""

    plan = person_list(actor=actor_of(world.boss), query="lc000123")[:50].explain()
    assert "org_person_search_scan" in plan


def test_app_demos_skip_missing_modules_and_report_failing_ones(db, monkeypatch):
    import random
    import types

    def broken(*, rng, log):
        raise ValueError("hỏng")

    calls = []
    monkeypatch.setitem(
        sys.modules,
        "congso.fakeok.demo",
        types.SimpleNamespace(load_demo=lambda **kw: calls.append(1)),
    )
    monkeypatch.setitem(
        sys.modules, "congso.fakebroken.demo", types.SimpleNamespace(load_demo=broken)
    )
    lines: list[str] = []
    timings = load_app_demos(
        rng=random.Random(1), log=lines.append, apps=("fakemissing", "fakebroken", "fakeok")
    )
    assert [app for app, _seconds in timings] == ["fakeok"]
    assert calls == [1]
    assert any("fakemissing" in line and "bỏ qua" in line for line in lines)
    assert any("fakebroken" in line and "LỖI" in line and "hỏng" in line for line in lines)


def test_serve_collects_static_files_only_when_something_changed(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    assert serve.static_is_current() is False
    call_command("collectstatic", interactive=False, verbosity=0)
    assert serve.static_is_current() is True
    (settings.STATIC_ROOT / "congso" / "app.css").unlink()
    assert serve.static_is_current() is False
