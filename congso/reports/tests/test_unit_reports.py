"""Unit reports upward (issue 13 item 2): periods, states, idempotent submission, review,
deadlines on the working-day calendar, urging, inbox, files, scope."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import actor_of, login_client, make_unit, make_user
from congso.common.workdays import WorkCalendar
from congso.reports.periods import make_period
from congso.reports.sections import violations_section
from congso.reports.services import system_actor
from congso.reports.tests.helpers import docx_text, violation
from congso.reports.unit_reports import rules, selectors, services
from congso.reports.unit_reports.models import UnitReport

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
LAST_YEAR = TODAY.year - 1
SLUG = str(LAST_YEAR)


def _open(world, unit=None, user=None, slug=SLUG):
    unit = unit or world.agency_a
    kind, year, seq = rules.parse_slug(slug)
    actor = actor_of(user or world.head_a)
    return actor, services.report_open(actor=actor, unit=unit, kind=kind, year=year, seq=seq)


# --- pure rules ------------------------------------------------------------------------------


def test_period_slugs_parse_and_bound_quarters_halves_and_years():
    assert rules.parse_slug("2026-q3") == ("quarter", 2026, 3)
    assert rules.parse_slug("2026-h2") == ("half", 2026, 2)
    assert rules.parse_slug("2025") == ("year", 2025, 1)
    for bad in ("2026-q5", "2026-h3", "26", "2026-x1", "", "２０２６"):
        assert rules.parse_slug(bad) is None
    assert rules.period_bounds("quarter", 2026, 4) == (date(2026, 10, 1), date(2027, 1, 1))
    assert rules.period_bounds("half", 2026, 1) == (date(2026, 1, 1), date(2026, 7, 1))
    assert rules.period_slug("half", 2026, 1) == "2026-h1"


def test_latest_ended_periods_of_each_kind():
    found = rules.ended_periods(date(2026, 12, 6), count=1)
    assert found == [("quarter", 2026, 3), ("half", 2026, 1), ("year", 2025, 1)]


def test_deadline_counts_working_days_after_the_period_and_is_shorter_one_level_down():
    assert rules.deadline_days("year", 1) == 20
    assert rules.deadline_days("year", 2) == 15
    assert rules.deadline_days("quarter", 9) == rules.MIN_DAYS
    # 30/09/2026 is a Wednesday; a holiday on Friday 02/10 pushes the due date by one day.
    plain = rules.due_date(date(2026, 10, 1), 2)
    holiday = rules.due_date(
        date(2026, 10, 1), 2, WorkCalendar(holidays=frozenset({date(2026, 10, 2)}))
    )
    assert plain == date(2026, 10, 2)
    assert holiday == date(2026, 10, 5)


def test_reminder_steps_before_and_after_the_due_date():
    assert rules.reminder_step(10) == rules.ReminderStep.NONE
    assert rules.reminder_step(3) == rules.ReminderStep.DUE_SOON
    assert rules.reminder_step(-1) == rules.ReminderStep.OVERDUE
    assert rules.reminder_step(-5) == rules.ReminderStep.ESCALATED


def test_divisions_and_the_parts_of_a_commune_do_not_report_upward():
    assert rules.reports_upward(kind="state", parent_kind="province", depth=1, valid=True)
    assert rules.reports_upward(kind="public_service", parent_kind="state", depth=2, valid=True)
    assert not rules.reports_upward(kind="division", parent_kind="state", depth=2, valid=True)
    assert not rules.reports_upward(
        kind="public_service", parent_kind="commune", depth=2, valid=True
    )
    assert not rules.reports_upward(kind="province", parent_kind=None, depth=0, valid=True)


# --- sections for a period -------------------------------------------------------------------


def test_a_quarter_counts_only_the_cases_opened_in_it_and_the_year_reads_as_before(world):
    first = violation(world.agency_a)
    violation(world.agency_a, full_name="Đỗ Văn Hùng")
    from congso.cases.models import Case

    year = TODAY.year
    Case.unscoped.filter(pk=first.pk).update(
        created_at=timezone.make_aware(datetime(year, 1, 15, 9, 0))
    )
    actor = system_actor()
    annual = violations_section(actor, world.agency_a, year)
    assert annual.figure("violations.detected").value == (2 if TODAY >= date(year, 1, 15) else 1)
    assert annual.narrative.startswith(f"Năm {year} phát hiện")
    assert (
        f"created_at in [{year}-01-01, {year + 1}-01-01)"
        in annual.figure("violations.detected").trace
    )
    q1 = violations_section(actor, world.agency_a, make_period("quarter", year, 1))
    assert q1.figure("violations.detected").value == 1
    assert q1.narrative.startswith(f"Quý I năm {year} phát hiện")
    assert f"created_at in [{year}-01-01, {year}-04-01)" in q1.figure("violations.detected").trace


def test_classification_is_left_to_the_annual_report_in_a_quarter(world):
    from congso.reports.sections_apps import classification_section

    data = classification_section(system_actor(), world.agency_a, make_period("quarter", 2026, 2))
    assert not data.available
    assert "báo cáo năm" in data.absent_reason


# --- states, idempotence, audit --------------------------------------------------------------


def test_report_submitted_twice_is_stored_once_and_the_repeat_is_audited(world):
    actor, report = _open(world)
    assert services.report_submit(actor=actor, report=report) is True
    assert services.report_submit(actor=actor, report=report) is False
    assert UnitReport.objects.filter(unit=world.agency_a).count() == 1
    report.refresh_from_db()
    assert report.state == "submitted" and report.submissions == 1
    actions = list(
        AuditEntry.objects.filter(action__startswith="reports.unit_report").values_list(
            "action", flat=True
        )
    )
    assert actions.count("reports.unit_report_submit") == 1
    assert actions.count("reports.unit_report_submit_repeat") == 1
    assert report.snapshot and {s["key"] for s in report.snapshot} >= {"violations", "conduct"}


def test_two_first_openings_of_the_same_period_give_one_report(world):
    _actor, first = _open(world)
    _actor, second = _open(world)
    assert first.pk == second.pk
    assert UnitReport.objects.count() == 1


def test_return_needs_a_reason_then_the_unit_edits_and_resubmits(world):
    actor, report = _open(world)
    services.report_save(
        actor=actor, report=report, narrative={"conduct": {"results": "Đã ký cam kết 100 %."}}
    )
    services.report_submit(actor=actor, report=report)
    with pytest.raises(services.UnitReportError):
        services.report_save(actor=actor, report=report, narrative={})
    boss = actor_of(world.boss)
    with pytest.raises(services.UnitReportError, match="lý do"):
        services.report_review(actor=boss, report=report, accept=False, reason="  ")
    services.report_review(actor=boss, report=report, accept=False, reason="Thiếu số liệu quý IV")
    report.refresh_from_db()
    assert report.state == "returned" and report.return_reason == "Thiếu số liệu quý IV"
    services.report_save(
        actor=actor, report=report, narrative={"conduct": {"results": "Bổ sung số liệu."}}
    )
    assert services.report_submit(actor=actor, report=report) is True
    report.refresh_from_db()
    assert report.state == "submitted" and report.submissions == 2
    services.report_review(actor=boss, report=report, accept=True)
    report.refresh_from_db()
    assert report.state == "accepted" and report.narrative["conduct"]["results"] == (
        "Bổ sung số liệu."
    )
    actions = set(
        AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True)
    )
    assert actions >= {
        "reports.unit_report_create",
        "reports.unit_report_save",
        "reports.unit_report_submit",
        "reports.unit_report_return",
        "reports.unit_report_resubmit",
        "reports.unit_report_accept",
    }


def test_a_unit_cannot_review_its_own_report_and_the_level_above_cannot_write_it(world):
    actor, report = _open(world)
    services.report_submit(actor=actor, report=report)
    from django.http import Http404

    with pytest.raises(Http404):
        services.report_review(actor=actor, report=report, accept=True)
    with pytest.raises(Http404):
        services.report_save(actor=actor_of(world.boss), report=report, narrative={})


def test_due_date_of_an_agencys_annual_report_skips_new_years_day(world):
    # 20 working days after 31/12/2025; 01/01/2026 is a holiday (shipped calendar).
    assert selectors.due_on(world.agency_a, "year", 2025, 1) == date(2026, 1, 29)


# --- pages -----------------------------------------------------------------------------------


def test_editor_shows_prefilled_figures_and_saves_then_submits_the_narrative(world):
    violation(world.agency_a)
    client = login_client(world.head_a)
    slug = f"{TODAY.year}"
    url = reverse("reports:unit_report", args=[world.agency_a.pk, slug])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vụ việc vi phạm được phát hiện" in html and 'name="violations__results"' in html
    form = {
        "violations__results": "Phát hiện 1 vụ việc, đã xử lý nghiêm.",
        "violations__limits": "Còn chậm kết luận.",
        "violations__proposals": "",
        "action": "save",
    }
    assert client.post(url, form).status_code == 302
    report = UnitReport.objects.get(unit=world.agency_a)
    assert report.state == "draft"
    assert report.narrative["violations"]["limits"] == "Còn chậm kết luận."
    assert client.post(url, {**form, "action": "submit"}).status_code == 302
    assert client.post(url, {**form, "action": "submit"}).status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted" and report.submissions == 1
    page = client.get(url)
    assert 'name="violations__results"' not in page.content.decode()


def test_level_above_sees_children_status_returns_with_reason(world):
    actor, report = _open(world)
    services.report_submit(actor=actor, report=report)
    client = login_client(world.boss)
    review = client.get(reverse("reports:unit_review", args=[world.province.pk, SLUG]))
    assert review.status_code == 200
    html = review.content.decode()
    assert "Sở Nội vụ" in html and "Sở Y tế" in html
    assert review.context["sent"] == 1 and [s.unit.name for s in review.context["missing"]] == [
        "Sở Y tế"
    ]
    decide = reverse("reports:unit_report_decide", args=[report.pk])
    assert client.post(decide, {"action": "return", "ly_do": ""}).status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted"  # no reason: refused, nothing changed
    client.post(decide, {"action": "return", "ly_do": "Bổ sung phần kiến nghị"})
    report.refresh_from_db()
    assert report.state == "returned"
    xlsx = client.get(
        reverse("reports:unit_review", args=[world.province.pk, SLUG]), {"xuat": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Sở Nội vụ" in values and "Bị trả lại" in values


def test_unit_outside_scope_and_a_future_period_are_404(world):
    client = login_client(world.head_a)
    for name in ("reports:unit_report", "reports:unit_review", "reports:unit_report_file"):
        assert client.get(reverse(name, args=[world.agency_b.pk, SLUG])).status_code == 404
    future = f"{TODAY.year + 1}-q1"
    url = reverse("reports:unit_report", args=[world.agency_a.pk, future])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("reports:unit_report", args=[world.agency_a.pk, "abc"])).status_code
        == 404
    )
    # A staff member without the capability sees no page at all.
    assert login_client(world.alice).get(reverse("reports:unit_reports")).status_code == 404


def test_list_page_shows_the_units_periods(world):
    page = login_client(world.head_a).get(reverse("reports:unit_reports"))
    assert page.status_code == 200
    assert page.context["unit"] == world.agency_a and page.context["writes"]
    assert any(row["slug"] == SLUG for row in page.context["rows"])


# --- files -----------------------------------------------------------------------------------


def test_agency_report_is_a_state_format_docx_with_the_units_narrative(world):
    actor, report = _open(world)
    services.report_save(
        actor=actor,
        report=report,
        narrative={"violations": {"results": "Không phát sinh vi phạm nghiêm trọng."}},
    )
    client = login_client(world.head_a)
    url = reverse("reports:unit_report_file", args=[world.agency_a.pk, SLUG])
    made = client.get(url, {"dinh_dang": "docx"})
    assert made.status_code == 200
    paragraphs, tables = docx_text(made.content)
    header = " ".join(cell for row in tables[0] for cell in row)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header and "SỞ NỘI VỤ" in header
    assert "BC-SNV" in header and "ĐẢNG CỘNG SẢN" not in header
    text = "\n".join(paragraphs)
    assert f"năm {LAST_YEAR}" in text and "Không phát sinh vi phạm nghiêm trọng." in text
    sheet = load_workbook(io.BytesIO(client.get(url, {"dinh_dang": "xlsx"}).content)).active
    assert sheet.max_row > 1


def test_province_report_lists_the_children_in_the_party_format(world):
    actor, report = _open(world)
    services.report_save(
        actor=actor, report=report, narrative={"conduct": {"results": "Sở đã ban hành quy chế."}}
    )
    services.report_submit(actor=actor, report=report)
    client = login_client(world.boss)
    made = client.get(
        reverse("reports:unit_report_file", args=[world.province.pk, SLUG]), {"dinh_dang": "docx"}
    )
    paragraphs, tables = docx_text(made.content)
    header = " ".join(cell for row in tables[0] for cell in row)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header
    text = "\n".join(paragraphs)
    assert "TỔNG HỢP BÁO CÁO CỦA CÁC ĐƠN VỊ TRỰC THUỘC" in text
    assert "1/2 đơn vị trực thuộc đã gửi báo cáo" in text
    assert "Chưa gửi: Sở Y tế." in text and "Sở đã ban hành quy chế." in text


def test_abbreviation_of_unit_names():
    from congso.reports.unit_reports.render_files import abbreviation

    assert abbreviation("Sở Y tế") == "SYT"
    assert abbreviation("Phường Đồng Tâm") == "PĐT"


# --- urging ----------------------------------------------------------------------------------


def test_late_units_are_reminded_once_and_the_level_above_is_told(world):
    from congso.cases.models import Notification
    from congso.reports.unit_reports.reminders import send_reminders

    actor, report = _open(world)
    services.report_submit(actor=actor, report=report)  # agency A sent, agency B did not
    due = selectors.due_on(world.agency_b, "year", LAST_YEAR, 1)
    day = due + timedelta(days=10)  # at least 5 working days late
    sent = send_reminders(today=day)
    assert sent["unit"] >= 1 and sent["parent"] >= 1
    to_charlie = Notification.objects.filter(user=world.charlie)
    assert any("Sở Y tế" in n.text and "quá hạn" in n.text.lower() for n in to_charlie)
    # Agency A sent its annual report: no notice about it (other periods may still be late).
    assert not Notification.objects.filter(
        user=world.head_a, text__contains=f"báo cáo năm {LAST_YEAR}"
    )
    assert Notification.objects.filter(
        user=world.charlie, text__contains=f"báo cáo năm {LAST_YEAR}"
    ).exists()
    to_boss = Notification.objects.filter(user=world.boss)
    assert any("chưa gửi báo cáo" in n.text and "Sở Y tế" in n.text for n in to_boss)
    before = Notification.objects.count()
    again = send_reminders(today=day)
    assert again == {"unit": 0, "parent": 0}
    assert Notification.objects.count() == before


def test_inbox_lists_the_report_to_send_and_the_reports_to_review(world):
    from congso.reports.unit_reports.inbox import my_tasks

    items = my_tasks(actor_of(world.charlie))
    assert any(i.kind == "Gửi báo cáo định kỳ lên cấp trên" and "Sở Y tế" in i.title for i in items)
    actor, report = _open(
        world,
        unit=world.agency_b,
        user=world.charlie,
        slug=rules.period_slug(*rules.ended_periods(TODAY, 1)[2]),
    )
    services.report_submit(actor=actor, report=report)
    waiting = my_tasks(actor_of(world.boss))
    assert any(i.kind == "Xem xét báo cáo của đơn vị trực thuộc" for i in waiting)


def test_second_level_units_report_to_their_agency(world):
    hospital = make_unit("Bệnh viện Đa khoa tỉnh", kind="public_service", parent=world.agency_b)
    director = make_user("giamdoc_bv", roles=[(Role.UNIT_HEAD, hospital)])
    actor, report = _open(world, unit=hospital, user=director)
    services.report_submit(actor=actor, report=report)
    status = selectors.children_status(
        actor=actor_of(world.charlie),
        parent=world.agency_b,
        kind="year",
        year=LAST_YEAR,
        seq=1,
        today=TODAY,
    )
    assert [(s.unit.name, s.state) for s in status] == [("Bệnh viện Đa khoa tỉnh", "submitted")]
    services.report_review(actor=actor_of(world.charlie), report=report, accept=True)
    report.refresh_from_db()
    assert report.state == "accepted"
