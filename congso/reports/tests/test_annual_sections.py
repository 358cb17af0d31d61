"""The dissemination, training and emulation sections of the annual report with data: every
figure read back from the DOCX equals a count made directly on the database."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from congso.common.testing import make_person
from congso.reports.annual import build_annual_report
from congso.reports.render import render_docx
from congso.reports.services import system_actor
from congso.reports.tests.helpers import (
    acknowledged_campaign,
    awards,
    course_with,
    docx_text,
    registrations,
)

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _section(world, key):
    report = build_annual_report(actor=system_actor(), unit=world.province, year=YEAR, number="7")
    paragraphs, tables = docx_text(render_docx(report))
    return next(s for s in report.sections if s.key == key), paragraphs, tables


def _staff(unit) -> int:
    from congso.org.models import Person

    return Person.unscoped.filter(unit__path__startswith=unit.path, is_active=True).count()


def test_dissemination_section_figures_equal_the_receipts_in_the_database(world):
    from congso.dissemination.models import Campaign, Receipt

    acknowledged_campaign(world.agency_a, [world.alice], others=3)
    section, paragraphs, tables = _section(world, "dissemination")
    assert section.available
    campaigns = Campaign.unscoped.filter(start_on__year=YEAR).count()
    recipients = _staff(world.agency_a)  # sent to agency A, every category
    done = Receipt.unscoped.filter(acknowledged_at__isnull=False).count()
    assert (campaigns, done) == (1, 1) and recipients >= 4
    assert f"- Đợt quán triệt, phổ biến: {campaigns} đợt" in paragraphs
    assert f"- Lượt cán bộ phải đọc, xác nhận: {recipients} lượt" in paragraphs
    assert f"- Lượt đã đọc, xác nhận: {done} lượt" in paragraphs
    share = round(100 * done / recipients, 1)
    shown = (str(int(share)) if share.is_integer() else str(share).replace(".", ",")) + "%"
    assert f"- Tỷ lệ hoàn thành: {shown}" in paragraphs
    row = next(r for t in tables for r in t if r and r[0].startswith("Quán triệt "))
    assert row[1:3] == [str(recipients), str(done)]


def test_training_section_figures_equal_the_participation_in_the_database(world):
    from congso.dissemination.models import Activity, Course, Participation

    people = [make_person(world.agency_b, full_name=f"Học Viên {i}") for i in range(4)]
    course_with(world.agency_b, date(YEAR, 4, 2), people, passed=people[:3])
    course_with(world.agency_b, date(YEAR - 1, 4, 2), people[:1])  # the year before: left out
    section, paragraphs, _tables = _section(world, "training")
    assert section.available
    activities = Activity.unscoped.filter(start_on__year=YEAR).count()
    courses = Course.unscoped.filter(start_on__year=YEAR).count()
    this_year = Participation.unscoped.filter(course__start_on__year=YEAR, attended=True)
    trained = this_year.values("person_id").distinct().count()
    passed = this_year.filter(passed=True).count()
    assert (activities, courses, trained, passed) == (1, 1, 4, 3)
    assert f"- Hoạt động tuyên truyền: {activities} hoạt động" in paragraphs
    assert f"- Lớp bồi dưỡng, tập huấn: {courses} lớp" in paragraphs
    assert f"- Cán bộ đã được bồi dưỡng: {trained} người" in paragraphs
    assert "- Tỷ lệ đạt bài kiểm tra: 75%" in paragraphs
    staff = _staff(world.province)
    share = round(100 * trained / staff, 1)
    shown = (str(int(share)) if share.is_integer() else str(share).replace(".", ",")) + "%"
    assert f"- Tỷ lệ cán bộ được bồi dưỡng: {shown}" in paragraphs


def test_emulation_section_figures_equal_the_awards_and_registrations_in_the_database(world):
    from congso.emulation.models import Award, Registration

    registrations(world.agency_a, YEAR, ["submitted", "approved", "approved"])
    awards(world.agency_a, YEAR, ["ldtt", "ldtt", "ttldtt", "cstdcs"], revoked={3})
    awards(world.agency_b, YEAR - 1, ["ldtt"], number=2)  # the year before: left out
    section, paragraphs, tables = _section(world, "emulation")
    assert section.available
    decided = Award.unscoped.filter(decision__year=YEAR, revoked_on__isnull=True)
    individuals = decided.filter(person__isnull=False).count()
    amount = sum(decided.values_list("amount", flat=True))
    assert (decided.count(), individuals, amount) == (3, 2, 3_000_000)
    assert f"- Lượt đăng ký thi đua: {Registration.unscoped.count()} lượt" in paragraphs
    assert f"- Danh hiệu, hình thức khen thưởng đã quyết định: {decided.count()}" in paragraphs
    assert f"- Khen thưởng cá nhân: {individuals}" in paragraphs
    assert f"- Khen thưởng tập thể: {decided.count() - individuals}" in paragraphs
    assert "- Tổng tiền thưởng: 3.000.000 đồng" in paragraphs
    titles = {r[0]: r[1] for t in tables for r in t if len(r) == 2}
    assert titles["Lao động tiên tiến"] == "2" and titles["Tập thể lao động tiên tiến"] == "1"


def test_every_table_repeats_its_header_row_on_each_page(world):
    import io

    from docx import Document

    acknowledged_campaign(world.agency_a, [world.alice])  # a table of campaigns
    report = build_annual_report(actor=system_actor(), unit=world.province, year=YEAR)
    doc = Document(io.BytesIO(render_docx(report)))
    body_tables = [t for t in doc.tables if len(t.columns) > 2]  # the header is a 2-column grid
    assert body_tables
    for table in body_tables:
        first = table.rows[0]._tr
        assert first.xpath("./w:trPr/w:tblHeader"), table.rows[0].cells[0].text
