"""The xlsx exports carry what the pages show."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from congso.common.testing import login_client
from congso.surveys.tests.factories import rate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("table", "level"), [("xep-hang", "province"), ("doi-tuong", "agency_a")])
def test_ranking_exports_carry_the_change_against_the_previous_period(sw, table, level):
    zone = timezone.get_current_timezone()
    for index in range(10):
        rate(sw.counter_a, level=4 if index < 5 else 2, now=datetime(2026, 4, 15, 10, tzinfo=zone))
        rate(sw.counter_a, level=4, now=datetime(2026, 5, 15, 10, tzinfo=zone))
    unit = getattr(sw.world, level)
    response = login_client(sw.world.boss).get(
        f"/khao-sat/don-vi/{unit.pk}/xuat/{table}.xlsx?ky=2026-05"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Thay đổi so với kỳ trước (điểm %)")
    ranked = [row for row in rows[1:] if row[2] == 10]  # the counter's agency (or the counter)
    assert [row[column] for row in ranked] == [50.0]  # 50 % satisfied in April, 100 % in May
