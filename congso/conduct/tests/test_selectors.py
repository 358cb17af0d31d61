"""Which clause governs a unit on a day: own code, inherited code, version switches."""

from __future__ import annotations

from datetime import date

import pytest

from congso.conduct.models import Culture, ViolationCategory
from congso.conduct.selectors import category_list, clause_in_force, version_in_force
from congso.conduct.tests.factories import make_code, make_version

pytestmark = pytest.mark.django_db


def test_taxonomy_is_loaded_with_culture_and_legal_basis():
    codes = set(category_list().values_list("code", flat=True))
    assert {
        "working_hours",
        "dress_badge",
        "citizen_communication",
        "harassment_bribery",
        "alcohol",
        "smoking",
        "office_order",
        "social_media",
        "public_place",
        "other",
    } <= codes
    assert len(codes) >= 10
    for category in ViolationCategory.objects.all():
        assert category.culture in Culture.values
        assert category.legal_basis
    assert ViolationCategory.objects.get(code="public_place").culture == Culture.PUBLIC_PLACE


def test_category_list_hides_inactive_categories():
    ViolationCategory.objects.filter(code="other").update(is_active=False)
    assert "other" not in set(category_list().values_list("code", flat=True))


def test_clause_in_force_table(world):
    """Own code beats the ancestor's; the version switches on its effective date; a draft, a
    future version, a missing category and a unit with no code up the tree give None."""
    province_code = make_code(world.province, title="Quy chế mẫu tỉnh")
    make_version(
        province_code,
        effective_from=date(2024, 1, 1),
        clauses=[("Điều 3", "smoking"), ("Điều 4", "alcohol")],
    )
    own = make_code(world.agency_a)
    make_version(
        own,
        number=1,
        effective_from=date(2025, 3, 1),
        effective_to=date(2025, 9, 1),
        clauses=[("Điều 7", "smoking"), ("Điều 8", "smoking")],
    )
    make_version(
        own,
        number=2,
        effective_from=date(2025, 9, 1),
        clauses=[("Điều 9", "smoking")],
    )
    make_version(
        own, number=3, effective_from=None, published=False, clauses=[("Điều 99", "smoking")]
    )

    cases = [
        # (unit, category, day, expected clause number or None)
        (world.agency_a, "smoking", date(2025, 3, 1), "Điều 7"),  # first day, first clause
        (world.agency_a, "smoking", date(2025, 8, 31), "Điều 7"),  # last day of v1
        (world.agency_a, "smoking", date(2025, 9, 1), "Điều 9"),  # v2 starts (end exclusive)
        (world.agency_a, "smoking", date(2026, 5, 1), "Điều 9"),  # open-ended v2
        (world.agency_a, "smoking", date(2025, 2, 28), "Điều 3"),  # before own: province's
        (world.agency_a, "alcohol", date(2025, 10, 1), None),  # own version lacks category
        (world.division_a, "smoking", date(2025, 10, 1), "Điều 9"),  # division inherits A
        (world.agency_b, "alcohol", date(2025, 10, 1), "Điều 4"),  # B inherits province
        (world.agency_b, "alcohol", date(2023, 12, 31), None),  # nothing in force yet
    ]
    for unit, category, day, expected in cases:
        clause = clause_in_force(unit_id=unit.pk, category_code=category, on=day)
        got = clause.number if clause else None
        assert got == expected, (unit.name, category, day)


def test_version_in_force_ignores_drafts_and_unknown_units(world):
    code = make_code(world.agency_b)
    make_version(code, number=1, effective_from=date(2025, 1, 1), published=False)
    assert version_in_force(unit_id=world.agency_b.pk, on=date(2025, 6, 1)) is None
    assert version_in_force(unit_id=987654, on=date(2025, 6, 1)) is None
