"""`violation_rows` (the dashboards' grouped read) agrees with `violation_summary` (the
annual report's), the days to conclusion summed by the database on either backend."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from congso.cases.models import Case
from congso.cases.selectors import violation_summary
from congso.cases.selectors.rollups import violation_rows, violations_by_unit
from congso.common.testing import actor_of
from congso.conduct.models import ViolationCategory
from congso.reports.tests.helpers import violation

pytestmark = pytest.mark.django_db


def _set(case, *, opened: datetime, state: str = "confirmed", concluded: date | None = None):
    Case.unscoped.filter(pk=case.pk).update(created_at=opened, state=state, confirmed_on=concluded)


def test_grouped_rows_agree_with_the_summary_including_days_to_conclusion(world):
    tz = timezone.get_current_timezone()
    late_evening = timezone.make_aware(datetime(2025, 3, 1, 23, 30), tz)  # 16:30 UTC
    morning = timezone.make_aware(datetime(2025, 3, 10, 8, 0), tz)
    category = ViolationCategory.objects.order_by("code").first()
    a = violation(world.agency_a, category=category)
    b = violation(world.division_a, category=category, full_name="Vũ Thị Lan")
    c = violation(world.agency_b, full_name="Đỗ Văn Hùng")
    d = violation(world.agency_b, category=category, full_name="Lê Văn Nam")
    _set(a, opened=late_evening, concluded=date(2025, 3, 11))  # 10 days from the local date
    _set(b, opened=morning, concluded=date(2025, 3, 13))  # 3 days
    _set(c, opened=morning, state="dismissed")
    _set(d, opened=morning, concluded=date(2025, 3, 9))  # before the opening: 0 days
    actor = actor_of(world.boss)
    summary = violation_summary(actor=actor, unit_path=world.province.path, year=2025)
    rows = violation_rows(actor=actor, unit_path=world.province.path, year=2025)
    assert sum(r.detected for r in rows.values()) == summary.total == 4
    assert sum(r.confirmed for r in rows.values()) == summary.confirmed == 3
    total_days = sum(r.days_total for r in rows.values())
    concluded = sum(r.concluded for r in rows.values())
    assert (total_days, concluded) == (13, 3)
    assert round(total_days / concluded, 1) == summary.mean_days_to_conclusion
    by_unit = violations_by_unit(actor=actor, unit_path=world.agency_a.path, year=2025)
    assert by_unit[world.agency_a.path].days_total == 10
    assert by_unit[world.division_a.path].mean_days == 3
    assert world.agency_b.path not in by_unit
    assert rows[(world.agency_b.path, "Chưa phân loại")].detected == 1


def test_rows_of_another_year_or_out_of_reach_are_left_out(world):
    case = violation(world.agency_b)
    _set(case, opened=timezone.make_aware(datetime.combine(date(2024, 12, 31), time(23, 0))))
    assert violation_rows(actor=actor_of(world.boss), unit_path="/", year=2025) == {}
    other = violation(world.agency_b, full_name="Đỗ Văn Hùng")
    _set(other, opened=timezone.make_aware(datetime(2025, 6, 1, 9, 0)))
    assert violation_rows(actor=actor_of(world.head_a), unit_path="/", year=2025) == {}
