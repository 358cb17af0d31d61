"""Pure rules of inspections."""

from __future__ import annotations

from datetime import date

import pytest

from congso.inspections.rules import Score, pending_items, task_overdue, visit_transition_allowed


@pytest.mark.parametrize(
    ("frm", "to", "allowed"),
    [
        ("planned", "in_progress", True),
        ("in_progress", "done", True),
        ("planned", "done", False),  # a visit cannot conclude without being carried out
        ("done", "in_progress", False),  # never reopened
        ("in_progress", "planned", False),
    ],
)
def test_visit_transitions(frm, to, allowed):
    assert visit_transition_allowed(frm, to) is allowed


@pytest.mark.parametrize(
    ("status", "due", "today", "overdue"),
    [
        ("open", date(2026, 3, 10), date(2026, 3, 10), False),  # the deadline day still counts
        ("open", date(2026, 3, 10), date(2026, 3, 11), True),
        ("done", date(2026, 3, 10), date(2026, 4, 1), False),
    ],
)
def test_task_overdue(status, due, today, overdue):
    assert task_overdue(status=status, due_on=due, today=today) is overdue


@pytest.mark.parametrize(
    ("compliant", "non_compliant", "not_applicable", "value"),
    [
        (17, 0, 0, 100.0),
        (15, 2, 0, 88.2),
        (15, 2, 5, 88.2),  # not applicable items count in neither term
        (0, 3, 0, 0.0),
        (0, 0, 4, None),  # nothing assessed: no score
    ],
)
def test_score_formula(compliant, non_compliant, not_applicable, value):
    assert Score(compliant, non_compliant, not_applicable).value == value


def test_pending_items_counts_empty_results():
    assert pending_items(["compliant", "", "not_applicable", ""]) == 2
