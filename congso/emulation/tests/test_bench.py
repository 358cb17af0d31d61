"""The award-eligibility benchmark runs end to end on a tiny size (no timing asserted)."""

import pytest

from congso.bench import award_eligibility


@pytest.mark.django_db
def test_benchmark_counts_rows_and_a_fixed_number_of_queries():
    result = award_eligibility.run({"people": 200, "rounds": 1})
    assert result["rows"] == 200 * 5 + result["collectives"] * 3
    assert result["queries_unit"] == result["queries_province"]
    assert {"seconds", "target", "pass"} <= set(result)
