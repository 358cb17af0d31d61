"""Org reads: tree levels, head counts (one query a level), ancestors, unit options."""

from __future__ import annotations

from datetime import date

import pytest

from congso.common.testing import actor_of, make_person, make_unit
from congso.org import selectors

pytestmark = pytest.mark.django_db


def test_head_counts_count_each_subtree_in_one_query(world, django_assert_num_queries):
    make_person(world.division_a, full_name="Phạm Thị Lan")
    make_person(world.division_a, full_name="Lý Văn Nghỉ", is_active=False)
    actor = actor_of(world.boss)
    units = [world.province, world.agency_a, world.division_a, world.agency_b]
    with django_assert_num_queries(1):
        counts = selectors.head_counts(actor=actor, units=units)
    assert counts == {
        world.province.pk: 4,
        world.agency_a.pk: 3,
        world.division_a.pk: 1,
        world.agency_b.pk: 1,
    }


def test_head_counts_see_only_the_actors_units(world):
    counts = selectors.head_counts(
        actor=actor_of(world.head_a), units=[world.agency_a, world.agency_b]
    )
    assert counts == {world.agency_a.pk: 2, world.agency_b.pk: 0}


def test_unit_children_starts_at_the_actors_roots_and_honours_dates(world):
    old = make_unit("Sở Cũ", parent=world.province, valid_to=date(2025, 7, 1))
    boss = actor_of(world.boss)
    assert list(selectors.unit_children(actor=boss, unit=None)) == [world.province]
    head = actor_of(world.head_a)
    assert list(selectors.unit_children(actor=head, unit=None)) == [world.agency_a]
    today = list(selectors.unit_children(actor=boss, unit=world.province, on=date(2026, 1, 1)))
    assert old not in today
    before = selectors.unit_children(actor=boss, unit=world.province, on=date(2025, 6, 30))
    assert old in list(before)
    everything = selectors.unit_children(
        actor=boss, unit=world.province, on=date(2026, 1, 1), include_expired=True
    )
    assert old in list(everything)


def test_units_with_children_marks_only_parents(world):
    actor = actor_of(world.boss)
    parents = selectors.units_with_children(
        actor=actor, units=[world.agency_a, world.agency_b, world.division_a]
    )
    assert parents == {world.agency_a.pk}


def test_ancestors_link_only_units_in_reach(world, django_assert_num_queries):
    actor = actor_of(world.head_a)
    with django_assert_num_queries(1):
        unit = selectors.unit_get(actor=actor, pk=world.division_a.pk)
        chain = selectors.unit_ancestors(actor=actor, unit=unit)
    assert [(a.name, a.linked) for a in chain] == [
        ("Tỉnh Thử Nghiệm", False),
        ("Sở Nội vụ", True),
    ]


def test_unit_options_are_in_tree_order_and_scoped(world):
    make_unit("Phòng Bảo vệ", kind="division", parent=world.agency_a)
    options = selectors.unit_options(
        actor=actor_of(world.head_a), capability="people.view", on=date(2026, 1, 1)
    )
    assert [name.strip("\u2003") for _pk, name in options] == [
        "Sở Nội vụ",
        "Phòng Bảo vệ",
        "Phòng Tổ chức",
    ]
    assert options[1][1].startswith("\u2003")


def test_unit_list_searches_name_without_diacritics_or_by_code(world):
    make_unit("Xã Bắc Hà", kind="commune", parent=world.province, code="001.00.00.H38")
    boss = actor_of(world.boss)
    assert [u.name for u in selectors.unit_list(actor=boss, query="bac ha")] == ["Xã Bắc Hà"]
    assert [u.name for u in selectors.unit_list(actor=boss, query="001.00.00.h38")] == ["Xã Bắc Hà"]
    assert list(selectors.unit_list(actor=actor_of(world.head_a), query="bac ha")) == []


def test_person_search_matches_word_starts(world):
    make_person(world.agency_a, full_name="Nguyễn Văn A")
    make_person(world.agency_a, full_name="Hà Văn Nam")
    actor = actor_of(world.head_a)
    found = [p.full_name for p in selectors.person_list(actor=actor, query="nguyen van a")]
    assert found == ["Nguyễn Văn A"]
    # "an" starts no word of "Hà Văn Nam" although it is inside "van" and "nam".
    assert [p.full_name for p in selectors.person_list(actor=actor, query="an")] == []


def test_category_counts_include_every_category(world):
    make_person(world.division_a, full_name="Phạm Thị Lan", category="vien_chuc")
    rows = selectors.category_counts(actor=actor_of(world.head_a), unit=world.agency_a)
    counts = {row.category: row.count for row in rows}
    assert counts["cong_chuc"] == 2 and counts["vien_chuc"] == 1
    assert counts["luc_luong_vu_trang"] == 0 and len(rows) == 5
