"""`congso surveys rebuild-rollups` and `detect-anomalies`."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from congso.cli import main
from congso.surveys.models import (
    AnomalyFlag,
    DailyRollup,
    MonthlyRollup,
    ResponseFlag,
    SurveyResponse,
)
from congso.surveys.tests.factories import answers, rate

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("surveys", *args, stdout=out)
    return out.getvalue()


def test_rebuild_reports_no_difference_when_rollups_match(sw):
    for level in (1, 3, 5):
        rate(sw.counter_a, level=level)
    assert "khớp với phiếu gốc" in run("rebuild-rollups", "--check")


def test_rebuild_finds_and_repairs_tampered_and_missing_rollups(sw):
    for level in (2, 4, 4):
        rate(sw.counter_a, level=level)
    rate(sw.counter_b, level=5)
    DailyRollup.unscoped.filter(target=sw.counter_a).update(n=99, c_overall_4=0)
    MonthlyRollup.unscoped.filter(target=sw.counter_b).delete()
    with pytest.raises(CommandError, match="2 khác biệt"):
        run("rebuild-rollups", "--check")
    output = run("rebuild-rollups")
    assert "sai 1" in output and "thiếu 1" in output
    row = DailyRollup.unscoped.get(target=sw.counter_a)
    assert (row.n, row.c_overall_4, row.c_overall_2) == (3, 2, 1)
    assert MonthlyRollup.unscoped.get(target=sw.counter_b).c_overall_5 == 1
    assert "khớp với phiếu gốc" in run("rebuild-rollups", "--check")


def test_rebuild_groups_by_local_day(sw):
    # 23:30 UTC is 06:30 the next day in Việt Nam (UTC+7).
    moment = timezone.now().replace(hour=23, minute=30) - timedelta(days=2)
    rate(sw.counter_a, now=moment)
    stored = DailyRollup.unscoped.get()
    assert stored.day == (moment + timedelta(hours=7)).date()
    assert "khớp với phiếu gốc" in run("rebuild-rollups", "--check")


def test_cli_maps_surveys_rebuild_rollups(sw, capsys):
    rate(sw.counter_a)
    main(["surveys", "rebuild-rollups", "--check"])
    assert "khớp với phiếu gốc" in capsys.readouterr().out


def test_detect_flags_identical_burst_without_deleting(sw, settings):
    settings.CONGSO_SURVEY_BURST_IDENTICAL = 5
    settings.CONGSO_SURVEY_RATE_DEVICE = 100
    start = timezone.now() - timedelta(hours=1)
    for minute in range(6):
        rate(sw.counter_a, now=start + timedelta(seconds=30 * minute), answers=answers(5))
    rate(sw.counter_a, now=start + timedelta(hours=2, minutes=1), answers=answers(5))
    output = run("detect-anomalies")
    assert "1 cảnh báo" in output
    flag = AnomalyFlag.unscoped.get()
    assert flag.count == 6 and flag.kind == "identical"
    assert flag.unit_id == sw.world.province.pk  # the supervising unit of Sở Nội vụ
    assert SurveyResponse.unscoped.count() == 7
    assert SurveyResponse.unscoped.filter(flags=ResponseFlag.ANOMALY).count() == 6
    assert "0 cảnh báo" in run("detect-anomalies", "--full")  # the same burst is not doubled
