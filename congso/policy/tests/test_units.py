"""Unit decisions: the HTXSNV quota per group (R10, Q1, Q2), the CSTĐCS cap (R13, Q3), the
collective titles (R15, C1)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from congso.policy.facts import Level
from congso.policy.switches import DEFAULT_POLICY, Assumptions, Policy
from congso.policy.units import (
    CollectiveFacts,
    QuotaDecision,
    QuotaGroup,
    collective_titles,
    cstdcs_quota,
    floor_product,
    htxsnv_quota,
    share_floor,
)


def quota(
    *groups: QuotaGroup, policy: Policy = DEFAULT_POLICY, outstanding: bool = False
) -> QuotaDecision:
    return htxsnv_quota(tuple(groups), True, policy, outstanding)


def with_switch(**changes: Any) -> Policy:
    return Policy(assumptions=replace(Assumptions(), **changes))


# (httnv, candidates, capped) -> (allowed, final HTXSNV, final HTTNV, HTNV from cap,
#                                  alt httnv only, alt httnv + candidates)
QUOTA_TABLE = [
    ((10, 5, 0), (2, 2, 13, 0, 2, 3)),  # Q-02 of policy.md: floor(15/6) = 2
    ((10, 2, 0), (2, 2, 10, 0, 2, 2)),  # 12/6 = 2 exactly: every candidate kept
    ((10, 3, 0), (2, 2, 11, 0, 2, 2)),  # 13/6 → 2
    ((0, 1, 0), (0, 0, 1, 0, 0, 0)),  # a lone candidate: 1 > 0.2 × 0
    ((5, 1, 0), (1, 1, 5, 0, 1, 1)),  # 1 ≤ 0.2 × 5 exactly
    ((4, 1, 0), (0, 0, 5, 0, 0, 1)),  # 1 > 0.2 × 4: refused, becomes HTTNV
    ((10, 5, 2), (2, 2, 11, 2, 2, 2)),  # 2 capped at HTNV before the quota (R9 first)
    ((10, 5, 5), (0, 0, 10, 5, 0, 0)),  # every candidate capped
    ((0, 0, 0), (0, 0, 0, 0, 0, 0)),
    ((100, 30, 0), (21, 21, 109, 0, 20, 26)),  # 130/6 = 21.67 → 21; 21 ≤ 0.2 × 109 = 21.8
    ((24, 6, 0), (5, 5, 25, 0, 4, 6)),  # 30/6 = 5 exactly
]


@pytest.mark.parametrize(("counts", "expected"), QUOTA_TABLE, ids=[str(r[0]) for r in QUOTA_TABLE])
def test_htxsnv_quota_per_group(
    counts: tuple[int, int, int], expected: tuple[int, int, int, int, int, int]
) -> None:
    httnv, candidates, capped = counts
    decision = quota(QuotaGroup("chuyên viên", httnv, candidates, capped))
    group = decision.groups[0]
    assert (
        group.allowed,
        group.final_htxsnv,
        group.final_httnv,
        group.htnv_from_cap,
        group.alt_httnv_only,
        group.alt_httnv_plus_candidates,
    ) == expected


def test_final_count_reading_always_passes_the_literal_test() -> None:
    for httnv in range(0, 60):
        for candidates in range(0, 30):
            group = quota(QuotaGroup("g", httnv, candidates)).groups[0]
            assert 5 * group.final_htxsnv <= group.final_httnv
            # and one more would break it (the reading keeps as many as the test allows)
            if group.allowed < candidates:
                assert 5 * (group.final_htxsnv + 1) > group.final_httnv - 1


def test_httnv_plus_candidates_reading_can_break_the_literal_test() -> None:
    group = quota(QuotaGroup("g", 10, 5)).groups[0]
    kept = group.alt_httnv_plus_candidates
    assert 5 * kept > 10 + 5 - kept  # 3 HTXSNV against 12 HTTNV: 3 > 2.4


def test_agency_total_is_the_sum_of_its_groups() -> None:
    decision = quota(QuotaGroup("chuyên viên", 10, 5), QuotaGroup("văn thư", 7, 2))
    assert decision.allowed_total == 2 + 1
    assert [g.group for g in decision.groups] == ["chuyên viên", "văn thư"]


def test_quota_reading_switch_changes_the_allowed_count() -> None:
    group = QuotaGroup("g", 10, 5)
    assert quota(group, policy=with_switch(q1_quota_reading="httnv_only")).allowed_total == 2
    assert (
        quota(group, policy=with_switch(q1_quota_reading="httnv_plus_candidates")).allowed_total
        == 3
    )


def test_rounding_switch_half_up() -> None:
    group = QuotaGroup("g", 11, 5)  # 16/6 = 2.67
    assert quota(group).allowed_total == 2
    assert quota(group, policy=with_switch(q2_quota_rounding="half_up")).allowed_total == 3


def test_outstanding_organisation_exception_is_off_by_default() -> None:
    group = QuotaGroup("g", 10, 5)
    assert quota(group, outstanding=True).allowed_total == 2
    policy = with_switch(r10_outstanding_organisation_exception=True)
    assert quota(group, policy=policy, outstanding=True).allowed_total == 5


def test_nd90_quota_respects_party_member_share() -> None:
    group = QuotaGroup("g", 30, 10, rated_count=50, party_member_htxsnv_share=Decimal("0.1"))
    decision = htxsnv_quota((group,), False, DEFAULT_POLICY)
    assert decision.allowed_total == 5  # min(floor(40/6) = 6, floor(0.1 × 50) = 5)
    assert decision.rule_set == "nd90_2020_nd48_2023"


def test_share_floor_rounds_down_and_half_up() -> None:
    assert share_floor(17, 6, "floor") == 2
    assert share_floor(15, 6, "half_up") == 3  # 2.5 → 3
    assert share_floor(14, 6, "half_up") == 2


@pytest.mark.parametrize(
    ("ldtt", "candidates", "allowed"),
    [
        (20, 5, 3),
        (20, 2, 2),
        (6, 1, 0),
        (7, 2, 1),
        (100, 20, 15),
        (0, 0, 0),
        (13, 9, 1),
        (14, 9, 2),
    ],
)
def test_cstdcs_cap_is_15_percent_of_ldtt_rounded_down(
    ldtt: int, candidates: int, allowed: int
) -> None:
    assert cstdcs_quota(ldtt, candidates, DEFAULT_POLICY)[0] == allowed


def test_cstdcs_cap_switch_off_keeps_every_candidate() -> None:
    assert cstdcs_quota(20, 5, with_switch(q3_cstdcs_cap=False))[0] == 5


def collective(
    level: Level = Level.HTTNV,
    rated: int = 10,
    htnv: int = 10,
    ldtt: int = 6,
    cstdcs: int = 0,
    **more: Any,
) -> CollectiveFacts:
    return CollectiveFacts(level, rated, htnv, ldtt, cstdcs, **more)


# (facts, TTLĐTT, TTLĐXS)
TITLE_TABLE = [
    ("T-01 60 % LĐTT, unit HTTNV", collective(), True, False),
    ("exactly 50 % LĐTT fails", collective(ldtt=5), False, False),
    ("51 % of 100", collective(rated=100, htnv=100, ldtt=51), True, False),
    ("unit HTNV: no title", collective(level=Level.HTNV, ldtt=9), False, False),
    ("unit KHTNV: no title", collective(level=Level.KHTNV, ldtt=10), False, False),
    (
        "TTLĐXS: HTXSNV, 100 % HTNV+, 70 % LĐTT, 1 CSTĐCS",
        collective(Level.HTXSNV, ldtt=7, cstdcs=1),
        True,
        True,
    ),
    ("TTLĐXS needs a CSTĐCS", collective(Level.HTXSNV, ldtt=8, cstdcs=0), True, False),
    (
        "TTLĐXS: 69 % LĐTT fails",
        collective(Level.HTXSNV, rated=100, htnv=100, ldtt=69, cstdcs=3),
        True,
        False,
    ),
    (
        "TTLĐXS: one member below HTNV",
        collective(Level.HTXSNV, htnv=9, ldtt=8, cstdcs=1),
        True,
        False,
    ),
    ("TTLĐXS needs the unit HTXSNV", collective(Level.HTTNV, ldtt=10, cstdcs=2), True, False),
    (
        "movement and unity not met",
        collective(Level.HTXSNV, ldtt=10, cstdcs=2, movement_and_unity_ok=False),
        False,
        False,
    ),
    ("no member rated", collective(rated=0, htnv=0, ldtt=0), False, False),
]


@pytest.mark.parametrize(
    ("facts", "ttldtt", "ttldxs"), [r[1:] for r in TITLE_TABLE], ids=[r[0] for r in TITLE_TABLE]
)
def test_collective_titles(facts: CollectiveFacts, ttldtt: bool, ttldxs: bool) -> None:
    got_ttldtt, got_ttldxs, reasons = collective_titles(facts, DEFAULT_POLICY)
    assert (got_ttldtt, got_ttldxs) == (ttldtt, ttldxs)
    assert len(reasons) == 2 and all(reason.basis for reason in reasons)


def test_one_confirmed_violation_can_cost_the_unit_its_title() -> None:
    # 6 of 10 LĐTT; one of them has a confirmed violation ⇒ capped at HTNV ⇒ 5 of 10 LĐTT.
    assert collective_titles(collective(ldtt=6), DEFAULT_POLICY)[0] is True
    assert collective_titles(collective(ldtt=5), DEFAULT_POLICY)[0] is False


def test_denominator_switch_uses_all_members() -> None:
    facts = collective(ldtt=6, members_total=13)
    assert collective_titles(facts, DEFAULT_POLICY)[0] is True
    off = with_switch(c1_denominator_rated_members=False)
    assert collective_titles(facts, off)[0] is False  # 6 of 13 is not a majority


def test_floor_product_is_exact_beyond_the_default_precision() -> None:
    share = Decimal("0.19999999999999999999999999999")  # 29 digits: default context rounds up
    assert floor_product(share, 10) == 1
    assert floor_product(Decimal("0.2"), 10) == 2
    assert floor_product(Decimal("1E-999999999"), 10**9) == 0
