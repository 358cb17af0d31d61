"""The cases-queue benchmark runs end to end on a tiny size (no timing asserted)."""

import pytest

from congso.bench import cases_queue


@pytest.mark.django_db
def test_benchmark_reports_percentiles_and_fixed_query_counts():
    result = cases_queue.run({"cases": 300, "rounds": 1})
    assert result["cases"] == 300 and result["samples"] == 8
    assert len(set(result["queries_by_page_size"].values())) == 1
    assert {"p50_ms", "p95_ms", "target", "pass"} <= set(result)


def test_report_evidence_benchmark_runs_and_refuses_over_the_budget():
    from congso.bench import report_evidence

    result = report_evidence.run({"quick": True})
    assert result["jpeg_kept"] == 5
    assert result["png_kept"] + result["png_refused"] == 5
    assert {"jpeg_report_seconds", "png_report_seconds", "target", "pass"} <= set(result)
