"""`congso import-staff FILE.xlsx [--dry-run] [--user NAME]`: output and exit codes."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import translation

from congso.cli import main
from congso.org.models import Person
from congso.org.tests.test_import_files import make_xlsx, staff_values


@pytest.fixture(autouse=True)
def _vietnamese():
    """Messages are checked in Vietnamese, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


pytestmark = pytest.mark.django_db


def write(tmp_path, rows, name="can-bo.xlsx"):
    path = tmp_path / name
    path.write_bytes(make_xlsx(rows))
    return str(path)


def test_import_prints_summary_and_exits_zero(world, tmp_path):
    path = write(tmp_path, [staff_values("CB1", world.agency_a.pk)])
    out = io.StringIO()
    call_command("import_staff", path, stdout=out)
    assert "Đã nhập 1 dòng: tạo mới 1" in out.getvalue()
    assert Person.objects.filter(staff_code="CB1").exists()


def test_bad_rows_print_row_and_column_and_exit_one(world, tmp_path):
    rows = [
        staff_values("CB1", world.agency_a.pk),
        staff_values("CB2", world.agency_a.pk, start_date="2025-07-01"),
        staff_values("CB1", "Không có đơn vị này"),
    ]
    path = write(tmp_path, rows)
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_staff", path, stderr=err)
    assert caught.value.returncode == 1
    assert "chưa ghi gì" in str(caught.value)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("Dòng 3, cột “Ngày bắt đầu”:")
    assert lines[1].startswith("Dòng 4, cột “Mã đơn vị”:")
    assert not Person.objects.filter(staff_code="CB1").exists()


def test_entry_point_exit_codes(world, tmp_path):
    good = write(tmp_path, [staff_values("CB1", world.agency_a.pk)], "good.xlsx")
    bad = write(tmp_path, [staff_values("CB2", world.agency_a.pk, sex="?")], "bad.xlsx")
    # run_from_argv closes every connection when done, which would end the test's transaction.
    keep = mock.patch("django.core.management.base.connections.close_all")
    with keep, redirect_stdout(io.StringIO()):
        main(["import-staff", good, "--dry-run"])  # returns normally: exit code 0
    with keep, redirect_stderr(io.StringIO()) as err, pytest.raises(SystemExit) as caught:
        main(["import-staff", bad])
    assert caught.value.code == 1
    assert "Dòng 2, cột “Giới tính”" in err.getvalue()
    assert not Person.objects.filter(staff_code__in=["CB1", "CB2"]).exists()


def test_dry_run_writes_nothing(world, tmp_path):
    out = io.StringIO()
    path = write(tmp_path, [staff_values("CB1", world.agency_a.pk)])
    call_command("import_staff", path, "--dry-run", stdout=out)
    assert "Kiểm tra xong 1 dòng, không có lỗi (chưa ghi gì): sẽ tạo 1" in out.getvalue()
    assert not Person.objects.filter(staff_code="CB1").exists()


@override_settings(STAFF_IMPORT_MAX_BYTES=1000)
def test_oversized_file_refused_from_its_size_on_disk(world, tmp_path):
    path = write(tmp_path, [staff_values(f"CB{i}", world.agency_a.pk) for i in range(100)])
    with pytest.raises(CommandError, match="Tệp quá lớn"):
        call_command("import_staff", path)


def test_unusable_file_missing_file_and_unknown_user(world, tmp_path):
    not_xlsx = tmp_path / "ds.xlsx"
    not_xlsx.write_text("Mã cán bộ,Họ và tên\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Không nhập tệp này; chưa ghi gì"):
        call_command("import_staff", str(not_xlsx), stderr=err)
    assert err.getvalue().startswith("Tệp: Tệp không phải bảng tính Excel .xlsx")
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        call_command("import_staff", str(tmp_path / "khong-co.xlsx"))
    with pytest.raises(CommandError, match="Không có tài khoản"):
        call_command("import_staff", write(tmp_path, []), "--user", "ai-do")


def test_user_option_limits_the_import_to_that_accounts_reach(world, tmp_path):
    path = write(tmp_path, [staff_values("CB1", world.agency_b.pk)])
    with pytest.raises(CommandError), redirect_stderr(io.StringIO()):
        call_command("import_staff", path, "--user", "admin_a", stderr=io.StringIO())
    call_command("import_staff", path, stdout=io.StringIO())  # the system job reaches B
    assert Person.objects.get(staff_code="CB1").unit == world.agency_b
