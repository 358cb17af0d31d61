"""Every assumption is a named switch: the default gives policy.md's result, the other value
gives the documented alternative. The provincial layer can be switched off."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

import pytest

from congso.policy.engine import decide
from congso.policy.facts import CaseFacts
from congso.policy.registry import PolicyInputError
from congso.policy.switches import (
    DEFAULT_POLICY,
    NATIONAL_ONLY,
    Assumptions,
    Policy,
    ProvincialLayer,
)
from congso.policy.tests.helpers import cc26, disc, nd90, viol


def flipped(**changes: Any) -> Policy:
    return Policy(assumptions=replace(Assumptions(), **changes))


# (switch, facts, default classification/ldtt, classification/ldtt when the switch is off)
SWITCHES = [
    (
        "a2_time_rules_for_nd335",
        cc26(months_worked=5, common_points=28, task_points=65),
        ("not_rated", False),
        ("HTXSNV", True),
    ),
    (
        "a3_gap_band_is_khtnv",
        nd90(tasks_on_time_share="0.7", criteria_failed_share="0.3"),
        ("KHTNV", False),
        ("HTNV", False),
    ),
    (
        "a4_discipline_in_year_bars_titles",
        cc26(discipline=disc("2026-02-01", counted=2025)),
        ("HTTNV", False),
        ("HTTNV", True),
    ),
    (
        "a5_count_once_under_nd335",
        cc26(discipline=disc("2026-02-01", counted=2025)),
        ("HTTNV", False),
        ("KHTNV", False),
    ),
    (
        "a7_maternity_never_caps",
        nd90(months_worked=8, months_absent=4, maternity=True),
        ("HTTNV", True),
        ("HTNV", False),
    ),
    (
        "a8_new_recruit_needs_10_months",
        cc26(new_recruit=True, months_worked=8),
        ("HTTNV", False),
        ("HTTNV", True),
    ),
    (
        "a9_nd335_discipline_duty_related_only",
        cc26(discipline=disc("2026-03-01", source="party", duty_related=False)),
        ("HTTNV", False),
        ("KHTNV", False),
    ),
]


@pytest.mark.parametrize(
    ("switch", "facts", "default", "off"), SWITCHES, ids=[s[0] for s in SWITCHES]
)
def test_each_assumption_switch(
    switch: str, facts: CaseFacts, default: tuple[str, bool], off: tuple[str, bool]
) -> None:
    by_default = decide(facts)
    assert (by_default.classification, by_default.ldtt_eligible) == default
    rejected = decide(facts, flipped(**{switch: False}))
    assert (rejected.classification, rejected.ldtt_eligible) == off


def test_a1_off_rates_vien_chuc_2026_by_points() -> None:
    facts = nd90("vien_chuc", 2026, common_points=30, task_points=65)
    assert decide(facts).rule_set == "nd90_2020_nd48_2023"
    rejected = decide(facts, flipped(a1_nd90_for_can_bo_vien_chuc_from_2026=False))
    assert (rejected.rule_set, rejected.classification) == ("nd335_2025", "HTXSNV")


def test_a1_off_needs_points_for_can_bo_2026() -> None:
    with pytest.raises(PolicyInputError) as caught:
        decide(nd90("can_bo", 2026), flipped(a1_nd90_for_can_bo_vien_chuc_from_2026=False))
    assert caught.value.field == "inputs.common_points"


def test_a10_off_lets_a_leader_be_htxsnv_without_the_on_time_test() -> None:
    unit = {
        "completed_share": "1",
        "on_time_share": "0.5",
        "exceeded_share": "0.6",
        "subordinates_htnv_plus_share": "1",
        "subordinates_httnv_plus_share": "0.9",
    }
    facts = nd90("cong_chuc", is_leader=True, unit=unit)
    assert decide(facts).classification == "HTNV"
    off = flipped(a10_leader_htxsnv_needs_httnv_unit_tests=False)
    assert decide(facts, off).classification == "HTXSNV"


def test_n1_changes_only_the_cited_article() -> None:
    facts = cc26(months_worked=4)
    default = decide(facts).reasons
    other = decide(facts, flipped(n1_nd335_timing_article="Điều 19")).reasons
    assert any("Điều 21 khoản 3" in reason.basis for reason in default)
    assert any("Điều 19 khoản 3" in reason.basis for reason in other)


def test_provincial_layer_off_removes_the_directive_cap_and_the_fine_rule() -> None:
    facts = cc26(
        common_points=30, task_points=65, violations=viol("2026-04-12"), administrative_fine=True
    )
    assert (decide(facts).classification, decide(facts).ldtt_eligible) == ("HTNV", False)
    national = decide(facts, NATIONAL_ONLY)
    assert (national.classification, national.ldtt_eligible) == ("HTXSNV", True)


def test_directive_cap_can_be_switched_off_alone() -> None:
    facts = cc26(common_points=30, task_points=65, violations=viol("2026-04-12"))
    policy = Policy(province=ProvincialLayer(directive_culture_cap=False))
    assert decide(facts, policy).classification == "HTXSNV"


def test_every_assumption_of_policy_md_has_a_switch() -> None:
    names = {field.name.split("_")[0] for field in fields(Assumptions)}
    names |= {field.name.split("_")[0] for field in fields(ProvincialLayer)}
    assert {"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"} <= names
    assert {"q1", "q2", "q3", "c1", "n1"} <= names


def test_default_policy_is_the_documented_one() -> None:
    assert DEFAULT_POLICY == Policy(Assumptions(), ProvincialLayer())
