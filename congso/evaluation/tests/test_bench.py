"""The classification benchmarks run end to end on a tiny size (no timing asserted)."""

import pytest

from congso.bench import classify_national, classify_province


@pytest.mark.django_db
def test_province_benchmark_classifies_everyone_with_queries_independent_of_people():
    result = classify_province.run({"people": 300})
    assert result["results"] == 300 and result["sheets"] == 3600
    assert result["queries_people"] == 180
    assert result["queries"] == result["queries_at_fewer_people"]


@pytest.mark.django_db
def test_national_benchmark_reports_time_per_step():
    result = classify_national.run({"size": 100, "provinces": 2})
    assert result["people"] == 200 and list(result["seconds_by_people"]) == ["100", "200"]
