"""The policy benchmark runs end to end on a tiny population (no timing asserted)."""

from __future__ import annotations

from congso.bench import policy


def test_benchmark_reports_its_rate_and_a_spread_of_levels() -> None:
    result = policy.run({"quick": True, "rounds": 1})
    assert result["cases"] == 10_000 and result["rounds"] == 1
    assert {"decisions_per_s", "target", "pass"} <= set(result)
    assert {"HTXSNV", "HTTNV", "HTNV", "KHTNV", "not_rated"} <= set(result["levels"])


def test_population_is_deterministic() -> None:
    assert policy.population(200) == policy.population(200)
