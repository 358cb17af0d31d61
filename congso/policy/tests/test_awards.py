"""Table tests of policy/awards.py (CSTĐ tỉnh, council threshold, quorum, bonus)."""

from decimal import Decimal

import pytest

from congso.policy.awards import bonus_amount, cstd_tinh, quorum_met, vote_passes


@pytest.mark.parametrize(
    ("years", "initiative", "eligible", "codes"),
    [
        ({2023, 2024, 2025}, True, True, ["CSTD_TINH_ELIGIBLE"]),
        ({2023, 2024, 2025}, False, False, ["CSTD_TINH_NO_INITIATIVE"]),
        ({2022, 2024, 2025}, True, False, ["CSTD_TINH_NOT_CONSECUTIVE"]),
        ({2024, 2025}, True, False, ["CSTD_TINH_NOT_CONSECUTIVE"]),
        ({2021, 2022, 2023, 2024}, True, False, ["CSTD_TINH_NOT_CONSECUTIVE"]),
        (set(), False, False, ["CSTD_TINH_NOT_CONSECUTIVE", "CSTD_TINH_NO_INITIATIVE"]),
    ],
)
def test_cstd_tinh_needs_three_consecutive_cstdcs_and_province_initiative(
    years, initiative, eligible, codes
):
    ok, reasons = cstd_tinh(year=2025, cstdcs_years=years, province_initiative=initiative)
    assert ok is eligible
    assert [r.code for r in reasons] == codes
    assert all("Điều 22" in r.basis for r in reasons)


def test_cstd_tinh_names_the_missing_year():
    _, reasons = cstd_tinh(year=2025, cstdcs_years={2023, 2025}, province_initiative=True)
    assert "thiếu năm 2024" in reasons[0].text_vi


@pytest.mark.parametrize(
    ("agree", "members", "threshold", "passes"),
    [
        (9, 10, "90", True),
        (8, 9, "90", False),
        (10, 10, "90", True),
        (5, 10, "50", True),
        (4, 9, "50", False),
        (0, 0, "50", False),
    ],
)
def test_vote_threshold_counts_council_members(agree, members, threshold, passes):
    assert vote_passes(agree=agree, members=members, threshold_pct=Decimal(threshold)) is passes


@pytest.mark.parametrize(
    ("present", "members", "met"), [(6, 9, True), (5, 9, False), (2, 3, True), (0, 0, False)]
)
def test_quorum_is_two_thirds(present, members, met):
    assert quorum_met(present=present, members=members) is met


@pytest.mark.parametrize(
    ("coefficient", "salary", "amount"),
    [
        ("0.3", 2340000, 702000),
        ("3", 2340000, 7020000),
        ("4.5", 2340000, 10530000),
        ("0.15", 2340000, 351000),
        ("0.3", 1800500, 540000),
    ],
)
def test_bonus_is_coefficient_times_base_salary_rounded_to_thousands(coefficient, salary, amount):
    assert bonus_amount(coefficient=Decimal(coefficient), base_salary=salary) == amount
