"""The survey demo loader: targets, ratings that differ between agencies, planted bursts."""

from __future__ import annotations

import random

import pytest

from congso.org.services import counter_create
from congso.surveys import demo
from congso.surveys.models import AnomalyFlag, DailyRollup, SurveyResponse, SurveyTarget
from congso.surveys.services import rollups_rebuild

pytestmark = pytest.mark.django_db


def test_demo_loads_ratings_rollups_and_planted_anomalies(sw, monkeypatch):
    counter_create(actor=None, unit=sw.world.agency_b, name="Quầy số 2")
    monkeypatch.setattr(demo, "TOTAL_RATINGS", 3000)
    lines: list[str] = []
    demo.load_demo(rng=random.Random(7), log=lines.append)
    assert SurveyTarget.unscoped.count() == 4
    assert SurveyResponse.unscoped.count() == 3000 + 34
    assert sum(DailyRollup.unscoped.values_list("n", flat=True)) == 3034
    assert rollups_rebuild(repair=False).differences == 0
    kinds = set(AnomalyFlag.unscoped.values_list("kind", flat=True))
    assert kinds == {"identical", "address"}
    assert "phiếu" in lines[-1]


def test_demo_ratings_lie_in_the_past_year(sw, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(demo, "TOTAL_RATINGS", 500)
    demo.load_demo(rng=random.Random(3), log=lambda line: None)
    now = timezone.now()
    times = SurveyResponse.unscoped.values_list("created_at", flat=True)
    assert max(times) <= now
    assert min(times) >= now - timezone.timedelta(days=367)


def test_demo_agencies_change_over_the_year_so_the_trend_chart_shows_something(sw, monkeypatch):
    monkeypatch.setattr(demo, "TOTAL_RATINGS", 3000)
    monkeypatch.setattr(demo, "YEAR_TREND_MEAN", 0.3)
    monkeypatch.setattr(demo, "YEAR_TREND_SPREAD", 0.0)
    demo.load_demo(rng=random.Random(11), log=lambda line: None)
    times = sorted(SurveyResponse.unscoped.values_list("created_at", "a_overall"))
    quarter = len(times) // 4

    def satisfied(rows):
        return sum(1 for _at, level in rows if level >= 4) / len(rows)

    assert satisfied(times[-quarter:]) - satisfied(times[:quarter]) > 0.1
