"""Dashboard panels (classification, emulation, dissemination and training, each year on
year) and the heads' accountability ranking, with data made through the other apps."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from congso.common.testing import login_client, make_person, make_unit
from congso.reports.tests.helpers import (
    acknowledged_campaign,
    awards,
    course_with,
    registrations,
    results,
    violation,
)

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _board(world, unit=None, **params):
    url = (
        reverse("reports:dashboard_unit", args=[unit.pk]) if unit else reverse("reports:dashboard")
    )
    page = login_client(world.boss).get(url, {"nam": YEAR, **params})
    assert page.status_code == 200
    return page


def _row(table, label):
    return next(r for r in table.rows if r[0] == label)


def test_classification_panel_counts_published_results_by_level_year_on_year(world):
    results(world.agency_a, YEAR, ["HTXSNV", "HTTNV", "HTTNV", "KHTNV"])
    results(world.agency_b, YEAR - 1, ["HTTNV", "HTNV"], prefix="Cũ")
    results(world.agency_b, YEAR, ["HTNV"], state="proposal", prefix="Đề xuất")  # not published
    board = _board(world).context["board"]
    table = board.panels.classification
    assert _row(table, "Hoàn thành tốt nhiệm vụ")[1:6] == ["2", "50%", "1", "50%", "0"]
    assert _row(table, "Hoàn thành nhiệm vụ")[1:6] == ["0", "0%", "1", "50%", "-50"]
    assert _row(table, "Tổng số")[1:4] == ["4", "", "2"]
    assert board.panels.classification_chart.values == [1, 2, 1]


def test_emulation_panel_counts_sent_registrations_and_unrevoked_awards(world):
    registrations(world.agency_a, YEAR, ["submitted", "approved", "draft", "returned"])
    awards(world.agency_a, YEAR, ["ldtt", "ldtt", "ttldtt", "cstdcs"], revoked={3})
    awards(world.agency_b, YEAR - 1, ["ldtt"], number=2)
    board = _board(world).context["board"]
    table = board.panels.emulation
    assert _row(table, "Lượt đăng ký thi đua (đã gửi)")[1:3] == ["2", "0"]
    assert _row(table, "Đăng ký đã được duyệt")[1:3] == ["1", "0"]
    assert _row(table, "Danh hiệu, hình thức khen thưởng đã quyết định")[1:4] == ["3", "1", "+2"]
    assert _row(table, "Khen thưởng tập thể")[1:3] == ["1", "0"]
    assert _row(board.panels.titles, "Lao động tiên tiến")[1:3] == ["2", "1"]


def test_completion_panel_reads_acknowledgements_and_training(world):
    acknowledged_campaign(world.agency_a, [world.alice], others=3)
    people = [make_person(world.agency_a, full_name=f"Học Viên {i}") for i in range(2)]
    course_with(world.agency_a, date(YEAR, 3, 1), people, passed=people[:1])
    board = _board(world, world.agency_a).context["board"]
    table = board.panels.completion
    # alice + 3 others + the head's person... counted from the database
    from congso.org.models import Person

    staff = Person.unscoped.filter(unit__path__startswith=world.agency_a.path, is_active=True)
    assert _row(table, "Lượt cán bộ phải đọc, xác nhận văn bản")[1] == str(staff.count())
    assert _row(table, "Lượt đã đọc, xác nhận")[1:3] == ["1", "0"]
    assert _row(table, "Lớp bồi dưỡng, tập huấn")[1:3] == ["1", "0"]
    assert _row(table, "Tỷ lệ đạt bài kiểm tra")[1] == "50%"


def test_heads_ranking_names_each_head_and_ranks_by_the_measure_asked_for(world):
    make_person(world.agency_a, full_name="Trần Văn Giám", position="Giám đốc Sở", is_leader=True)
    make_person(world.agency_a, full_name="Lê Văn Phó", position="Phó Giám đốc", is_leader=True)
    results(world.agency_a, YEAR, ["HTNV", "HTNV"])
    results(world.agency_b, YEAR, ["HTXSNV", "HTTNV"], prefix="Khác")
    results(world.agency_b, YEAR - 1, ["HTNV", "HTTNV"], prefix="Cũ")
    violation(world.division_a)  # counts for agency A (its subtree)
    board = _board(world, xep="xep-loai").context["board"]
    names = [r.name for r in board.heads]
    assert names == ["Sở Y tế", "Sở Nội vụ"]
    a = next(r for r in board.heads if r.name == "Sở Nội vụ")
    b = next(r for r in board.heads if r.name == "Sở Y tế")
    assert a.head == "Trần Văn Giám (Giám đốc Sở)"
    assert b.head == "chưa xác định"
    assert (b.good.now, b.good.before, b.good.change) == (100.0, 50.0, "+50")
    assert b.trend() == (1, 0)
    assert a.confirmed == 0 and board.head_table.rows[1][1] == "Sở Nội vụ"
    # by violations (lower is better): B (none) before A? both 0 confirmed → by name
    board = _board(world, xep="vi-pham").context["board"]
    assert [r.rank for r in board.heads] == [1, 2]


def test_an_unknown_ranking_falls_back_to_satisfaction(world):
    page = _board(world, xep="<script>")
    assert page.context["board"].sort == "hai-long"
    assert "<script>" not in page.content.decode()


def test_heads_ranking_is_exported_in_the_xlsx(world):
    make_person(world.agency_b, full_name="Phạm Thị Chủ", position="Giám đốc", is_leader=True)
    response = login_client(world.boss).get(
        reverse("reports:dashboard"), {"nam": YEAR, "xuat": "xlsx", "xep": "quan-triet"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert "Trách nhiệm người đứng đầu: xếp hạng theo Hoàn thành quán triệt" in [r[0] for r in rows]
    assert any(r[1] == "Sở Y tế" and r[2] == "Phạm Thị Chủ (Giám đốc)" for r in rows)


def test_a_unit_without_children_shows_no_ranking(world):
    board = _board(world, world.division_a).context["board"]
    assert board.head_table is None and board.heads == []


def test_every_panel_has_a_table_beside_its_chart(world):
    results(world.agency_a, YEAR, ["HTTNV"])
    html = _board(world).content.decode()
    assert html.count("<svg") >= 1
    for caption in ("Kết quả xếp loại chất lượng", "Quán triệt và bồi dưỡng"):
        assert f"<caption>{caption}</caption>" in html


def test_head_rule_prefers_the_most_senior_title():
    from congso.org.rules import head_rank

    assert head_rank("Giám đốc Sở Y tế") < head_rank("Trưởng phòng Tổ chức")
    assert head_rank("Phó Giám đốc") is None
    assert head_rank("Chuyên viên") is None
    assert head_rank("") is None


def test_heads_of_a_sub_unit_come_from_that_unit_only(world):
    unit = make_unit("Phòng Kế hoạch", kind="division", parent=world.agency_b)
    make_person(unit, full_name="Vũ Văn Trưởng", position="Trưởng phòng", is_leader=True)
    board = _board(world, world.agency_b).context["board"]
    row = next(r for r in board.heads if r.pk == unit.pk)
    assert row.head == "Vũ Văn Trưởng (Trưởng phòng)"


def test_an_agency_leaders_panels_leave_out_other_agencies(world):
    # admin_a holds Leadership on agency A only: agency B's figures never reach its panels
    results(world.agency_b, YEAR, ["HTXSNV", "HTTNV"], prefix="Khác")
    awards(world.agency_b, YEAR, ["ldtt"])
    registrations(world.agency_b, YEAR, ["submitted"])
    results(world.division_a, YEAR, ["HTNV"])
    page = login_client(world.admin_a).get(reverse("reports:dashboard"), {"nam": YEAR})
    board = page.context["board"]
    assert board.unit == world.agency_a
    assert _row(board.panels.classification, "Tổng số")[1] == "1"
    assert _row(board.panels.emulation, "Lượt đăng ký thi đua (đã gửi)")[1] == "0"
    assert _row(board.panels.emulation, "Danh hiệu, hình thức khen thưởng đã quyết định")[1] == "0"
    assert [r.name for r in board.heads] == ["Phòng Tổ chức"]


def test_trend_says_when_the_year_before_has_nothing_to_compare(world):
    empty = make_unit("Phòng Mới", kind="division", parent=world.agency_b)  # no staff, no data
    results(world.agency_a, YEAR, ["HTTNV"])
    row = next(r for r in _board(world, world.agency_b).context["board"].heads if r.pk == empty.pk)
    assert row.trend_text == "chưa có số liệu năm trước để so sánh"
    # a unit with staff: no confirmed violation in either year is a figure (nothing changed)
    row = next(r for r in _board(world).context["board"].heads if r.name == "Sở Nội vụ")
    assert row.trend_text == "0 tốt lên, 0 kém đi"
