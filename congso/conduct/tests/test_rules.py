"""Pure rules of codes of conduct."""

from __future__ import annotations

from datetime import date

import pytest

from congso.conduct.rules import ancestor_ids, in_force


@pytest.mark.parametrize(
    ("path", "expected"),
    [("/1/", [1]), ("/1/5/23/", [23, 5, 1]), ("/", []), ("", [])],
)
def test_ancestor_ids_are_nearest_first(path, expected):
    assert ancestor_ids(path) == expected


@pytest.mark.parametrize(
    ("on", "start", "end", "expected"),
    [
        (date(2025, 3, 1), date(2025, 3, 1), None, True),  # first day counts
        (date(2025, 2, 28), date(2025, 3, 1), None, False),  # before the start
        (date(2025, 8, 31), date(2025, 3, 1), date(2025, 9, 1), True),
        (date(2025, 9, 1), date(2025, 3, 1), date(2025, 9, 1), False),  # end is exclusive
        (date(2025, 9, 1), None, None, False),  # never published
    ],
)
def test_in_force_window(on, start, end, expected):
    assert in_force(on, start, end) is expected
