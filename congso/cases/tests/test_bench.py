"""The cases-queue benchmark runs end to end on a tiny size (no timing asserted)."""

import pytest

from congso.bench import cases_queue


@pytest.mark.django_db
def test_benchmark_reports_percentiles_and_fixed_query_counts():
    result = cases_queue.run({"cases": 300, "rounds": 1})
    assert result["cases"] == 300 and result["samples"] == 8
    assert len(set(result["queries_by_page_size"].values())) == 1
    assert {"p50_ms", "p95_ms", "target", "pass"} <= set(result)
