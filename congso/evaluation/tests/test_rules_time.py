"""Days covered by assignments and leave, counted by merging spans: the same figure as
counting each covered day once (the definition), for any spans."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congso.evaluation import rules

START, END = date(2026, 1, 1), date(2027, 1, 1)
BASE = date(2024, 6, 1)
SPANS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=1100),
        st.one_of(st.none(), st.integers(min_value=-5, max_value=500)),
    ).map(
        lambda t: (
            BASE + timedelta(days=t[0]),
            None if t[1] is None else BASE + timedelta(days=t[0] + t[1]),
        )
    ),
    max_size=6,
)


def _each_day(spans, start, end) -> int:
    covered: set[int] = set()
    for low, high in spans:
        lo, hi = max(low, start), min(high or end, end)
        if lo < hi:
            covered.update(range(lo.toordinal(), hi.toordinal()))
    return len(covered)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SPANS)
def test_overlap_days_counts_each_covered_day_once(spans):
    assert rules.overlap_days(spans, START, END) == _each_day(spans, START, END)


def test_overlapping_and_adjacent_spans_are_merged():
    spans = [
        (date(2026, 3, 1), date(2026, 4, 1)),
        (date(2026, 1, 1), date(2026, 2, 1)),
        (date(2026, 3, 15), date(2026, 3, 20)),
        (date(2026, 2, 1), date(2026, 2, 11)),
        (date(2025, 12, 1), date(2026, 1, 5)),
    ]
    assert rules.overlap_days(spans, START, END) == 31 + 10 + 31
    assert rules.overlap_days([(date(2026, 12, 1), None)], START, END) == 31
    assert rules.overlap_days([], START, END) == 0
