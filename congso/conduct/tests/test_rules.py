"""Pure rules of codes of conduct."""

from __future__ import annotations

from datetime import date

import pytest

from congso.conduct.rules import (
    ClauseText,
    ancestor_ids,
    diff_versions,
    in_force,
    percent,
    publish_date_problem,
    word_diff,
)


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


@pytest.mark.parametrize(
    ("effective_from", "previous_from", "problem"),
    [
        (date(2025, 9, 1), None, None),  # first version: any date
        (date(2025, 9, 1), date(2025, 1, 1), None),
        (date(2025, 1, 1), date(2025, 1, 1), "not_after_previous"),  # same day
        (date(2024, 12, 31), date(2025, 1, 1), "not_after_previous"),
    ],
)
def test_publish_date_must_follow_previous_version(effective_from, previous_from, problem):
    assert publish_date_problem(effective_from=effective_from, previous_from=previous_from) == (
        problem
    )


@pytest.mark.parametrize(
    ("part", "whole", "expected"), [(0, 0, 0), (1, 3, 33), (2, 3, 67), (5, 5, 100)]
)
def test_percent(part, whole, expected):
    assert percent(part, whole) == expected


def test_word_diff_marks_changed_words_only():
    runs = word_diff("Không hút thuốc lá trong phòng", "Không hút thuốc lá điện tử trong phòng")
    assert runs == [
        ("equal", "Không hút thuốc lá "),
        ("insert", "điện tử "),
        ("equal", "trong phòng"),
    ]
    assert "".join(t for op, t in runs if op != "insert") == "Không hút thuốc lá trong phòng"


def test_diff_versions_reports_added_removed_changed_and_same():
    old = [
        ClauseText("Điều 1", "Phạm vi", "A"),
        ClauseText("Điều 2", "Trang phục", "gọn gàng", "dress"),
        ClauseText("Điều 3", "Bỏ đi", "cũ"),
        ClauseText("Điều 4", "Điện thoại", "xưng tên"),
    ]
    new = [
        ClauseText("Điều 1", "Phạm vi", "A"),
        ClauseText("Điều 2", "Trang phục", "gọn gàng, lịch sự", "dress"),
        ClauseText("Điều 4", "Điện thoại", "xưng tên"),
        ClauseText("Điều 5", "Mạng xã hội", "không chia sẻ tin sai"),
    ]
    rows = diff_versions(old, new)
    assert [(r.number, r.status) for r in rows] == [
        ("Điều 1", "same"),
        ("Điều 2", "changed"),
        ("Điều 3", "removed"),
        ("Điều 4", "same"),
        ("Điều 5", "added"),
    ]
    assert rows[1].text == [("equal", "gọn "), ("delete", "gàng"), ("insert", "gàng, lịch sự")]


def test_diff_versions_sees_a_category_change_as_a_change():
    rows = diff_versions(
        [ClauseText("Điều 1", "a", "b", "x")], [ClauseText("Điều 1", "a", "b", "y")]
    )
    assert rows[0].status == "changed"
