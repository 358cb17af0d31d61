"""The engine's entry points: rule-set selection by year and category, batches."""

from __future__ import annotations

import gc

import pytest

from congso.policy.engine import ND90_RULES, ND335_RULES, decide, decide_many, select_rule_set
from congso.policy.registry import PolicyInputError
from congso.policy.tests.helpers import cc26, nd90


def test_decide_many_keeps_order_and_matches_decide() -> None:
    people = [cc26(), nd90(), cc26(months_worked=4), nd90("can_bo", tasks_exceeded_share="0.5")]
    assert decide_many(people) == [decide(facts) for facts in people]


def test_decide_many_restores_the_garbage_collector_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(PolicyInputError):
        decide_many([cc26(), cc26(task_points=None)])
    assert gc.isenabled()


def test_decide_many_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        decide_many([cc26()])
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("category", "year", "rule_set"),
    [
        ("cong_chuc", 2025, ND90_RULES),
        ("cong_chuc", 2026, ND335_RULES),
        ("can_bo", 2026, ND90_RULES),
        ("vien_chuc", 2027, ND90_RULES),
        ("can_bo", 2020, ND90_RULES),
    ],
)
def test_rule_set_by_category_and_year(category: str, year: int, rule_set: object) -> None:
    assert select_rule_set(category, year) is rule_set


def test_no_rule_set_before_2020() -> None:
    with pytest.raises(PolicyInputError) as caught:
        select_rule_set("cong_chuc", 2019)
    assert caught.value.field == "year"


def test_rule_sets_are_versioned_by_effective_date() -> None:
    assert ND335_RULES.in_force_for(2026) and not ND335_RULES.in_force_for(2025)
    assert ND90_RULES.in_force_for(2020) and not ND90_RULES.in_force_for(2019)
