"""Discipline regimes (policy/discipline.py): table tests, no database."""

import itertools
from datetime import date

import pytest

from congso.policy.discipline import (
    FORM_NAMES,
    REGIMES,
    check_form,
    processing_deadline,
    regime_for,
)


@pytest.mark.parametrize(
    ("category", "on", "regime", "forms_include", "forms_exclude"),
    [
        ("cong_chuc", date(2025, 6, 30), "nd112_2020_cong_chuc", "giang_chuc", "bai_nhiem"),
        ("cong_chuc", date(2025, 7, 1), "nd172_2025_cong_chuc", "buoc_thoi_viec", "ha_bac_luong"),
        ("can_bo", date(2025, 6, 30), "nd112_2020_can_bo", "bai_nhiem", "buoc_thoi_viec"),
        ("can_bo", date(2025, 7, 1), "nd172_2025_can_bo", "bai_nhiem", "buoc_thoi_viec"),
        ("vien_chuc", date(2026, 3, 1), "nd112_2020_vien_chuc", "canh_cao", "giang_chuc"),
    ],
)
def test_the_regime_in_force_depends_on_category_and_day(
    category, on, regime, forms_include, forms_exclude
):
    found = regime_for(category=category, on=on)
    assert found is not None and found.code == regime
    assert forms_include in found.forms and forms_exclude not in found.forms


def test_nd172_replaces_nd112_for_cong_chuc_on_1_july_2025():
    assert regime_for(category="cong_chuc", on=date(2025, 6, 30)).basis.startswith("NĐ 112/2020")
    assert regime_for(category="cong_chuc", on=date(2025, 7, 1)).basis.startswith("NĐ 172/2025")


def test_no_regime_before_nd112_or_for_an_unknown_category():
    assert regime_for(category="cong_chuc", on=date(2020, 11, 19)) is None
    assert regime_for(category="hop_dong", on=date(2025, 9, 1)) is None


def test_every_regime_names_its_basis_dates_and_known_forms():
    for regime in REGIMES:
        assert regime.basis.startswith("NĐ ")
        assert regime.valid_to is None or regime.valid_from < regime.valid_to
        assert set(regime.forms) <= set(FORM_NAMES)


def test_regimes_of_one_category_never_overlap():
    for category in ("can_bo", "cong_chuc", "vien_chuc"):
        spans = sorted(
            (r.valid_from, r.valid_to or date.max) for r in REGIMES if category in r.categories
        )
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start


def test_an_allowed_form_returns_the_regime_and_reasons_citing_it():
    check = check_form(
        category="cong_chuc", on=date(2025, 9, 9), form="khien_trach", is_leader=False
    )
    assert check.allowed and check.code == "form_allowed"
    assert check.regime.code == "nd172_2025_cong_chuc"
    assert [r.code for r in check.reasons] == ["regime_in_force", "form_allowed"]
    assert all(r.basis.startswith("NĐ 172/2025") for r in check.reasons)
    assert "Khiển trách" in check.reasons[-1].text_vi


@pytest.mark.parametrize(
    ("category", "on", "form", "is_leader", "code"),
    [
        ("cong_chuc", date(2019, 1, 1), "canh_cao", False, "no_regime"),
        ("cong_chuc", date(2025, 9, 9), "ha_bac_luong", True, "form_not_in_regime"),
        ("cong_chuc", date(2025, 6, 30), "giang_chuc", False, "leader_only_form"),
        ("cong_chuc", date(2025, 9, 9), "cach_chuc", False, "leader_only_form"),
    ],
)
def test_a_refused_form_says_why_with_its_basis(category, on, form, is_leader, code):
    check = check_form(category=category, on=on, form=form, is_leader=is_leader)
    assert not check.allowed and check.code == code
    assert check.reasons[-1].text_vi and check.reasons[-1].basis


def test_a_leader_may_be_removed_from_post():
    check = check_form(category="cong_chuc", on=date(2025, 9, 9), form="cach_chuc", is_leader=True)
    assert check.allowed


def test_processing_limit_is_90_days_or_150_when_extended():
    assert processing_deadline(started_on=date(2025, 7, 1), extended=False) == date(2025, 9, 29)
    assert processing_deadline(started_on=date(2025, 7, 1), extended=True) == date(2025, 11, 28)
