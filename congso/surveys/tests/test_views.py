"""Staff survey pages: dashboards, drill-down, exports, QR codes and posters, flags."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from congso.common.audit import audit_verify
from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import login_client, make_user, unchanged_database
from congso.org.models import Person
from congso.org.services import counter_create
from congso.surveys.models import (
    AnomalyFlag,
    MonthlyRollup,
    RevokedCode,
    SurveyResponse,
    SurveyTarget,
    SurveyVersion,
)
from congso.surveys.rules import Index, trend
from congso.surveys.selectors import _points
from congso.surveys.services import SurveyError, targets_sync
from congso.surveys.tests.factories import rate

pytestmark = pytest.mark.django_db


def admin_of_province(world):
    return make_user("tinh_admin", roles=[(Role.ADMIN, world.province)])


def test_province_dashboard_ranks_agencies_with_n_and_hides_small_samples(sw):
    for _ in range(12):
        rate(sw.counter_a, level=5)
    for _ in range(3):
        rate(sw.counter_b, level=1)
    client = login_client(sw.world.boss)
    response = client.get(f"/khao-sat/don-vi/{sw.world.province.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xếp hạng cơ quan, xã, phường" in html
    assert "Sở Nội vụ" in html and "Sở Y tế" in html
    assert "chưa đủ số phiếu tối thiểu" in html  # Sở Y tế has 3
    assert 'id="survey-charts"' in html


def test_dashboard_redirects_to_the_top_of_the_reach(sw):
    client = login_client(sw.world.head_a)
    response = client.get("/khao-sat/")
    assert response.status_code == 302
    assert response["Location"] == f"/khao-sat/don-vi/{sw.world.agency_a.pk}/"


def test_agency_page_lists_counters_and_officers(sw):
    for _ in range(10):
        rate(sw.officer_a, level=4)
    html = (
        login_client(sw.world.head_a)
        .get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/")
        .content.decode()
    )
    assert "Phạm Thu Hà" in html and "Quầy số 1" in html


def test_officer_sees_only_own_aggregates_never_comments(sw):
    officer = Person.unscoped.get(pk=sw.officer_a.person_id)
    user = make_user("ha", roles=[(Role.STAFF, sw.world.division_a)], person=officer)
    for _ in range(10):
        rate(sw.officer_a, level=5, comment="Cán bộ Hà rất nhiệt tình")
    client = login_client(user)
    response = client.get("/khao-sat/")
    assert response["Location"] == f"/khao-sat/doi-tuong/{sw.officer_a.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "100,0 %" in page
    assert "rất nhiệt tình" not in page
    assert client.get(f"/khao-sat/don-vi/{sw.world.division_a.pk}/gop-y/").status_code == 404
    assert client.get(f"/khao-sat/doi-tuong/{sw.counter_a.pk}/").status_code == 404


def test_unit_head_reads_comments_escaped_but_not_those_about_himself(sw):
    rate(sw.counter_a, level=2, comment="<b>chờ lâu</b>")
    head_person = Person.unscoped.get(pk=sw.world.head_a.person_id)
    head_person.serves_citizens = True
    head_person.save()

    targets_sync(actor=None)
    own = SurveyTarget.unscoped.get(person=head_person)
    rate(own, level=1, comment="về thủ trưởng")
    html = (
        login_client(sw.world.head_a)
        .get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/gop-y/")
        .content.decode()
    )
    assert "&lt;b&gt;chờ lâu&lt;/b&gt;" in html
    assert "về thủ trưởng" not in html


@pytest.mark.parametrize(
    ("table", "level"),
    [
        ("xep-hang", "province"),
        ("doi-tuong", "agency_a"),
        ("xu-huong", "province"),
        ("yeu-to", "agency_a"),
    ],
)
def test_every_table_exports_to_xlsx(sw, table, level):
    for _ in range(10):
        rate(sw.counter_a, level=4)
    unit = getattr(sw.world, level)
    response = login_client(sw.world.boss).get(f"/khao-sat/don-vi/{unit.pk}/xuat/{table}.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row >= 2


def test_poster_pdfs_a4_a5_and_batch(sw):
    client = login_client(admin_of_province(sw.world))
    for size in ("a4", "a5"):
        response = client.get(f"/khao-sat/doi-tuong/{sw.counter_a.pk}/ap-phich-{size}.pdf")
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")
    batch = client.get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/ma-qr/ap-phich-a4.pdf")
    assert batch.content.count(b"/Type /Page\n") + batch.content.count(b"/Type /Page ") >= 0
    assert batch.status_code == 200 and batch.content.startswith(b"%PDF")


def test_reissue_revokes_old_code_and_is_audited(sw):
    client = login_client(admin_of_province(sw.world))
    old = sw.counter_a.code
    response = client.post(f"/khao-sat/doi-tuong/{sw.counter_a.pk}/cap-lai-ma/")
    assert response.status_code == 302
    sw.counter_a.refresh_from_db()
    assert sw.counter_a.code != old
    assert RevokedCode.objects.filter(code=old).exists()
    assert AuditEntry.objects.filter(action="surveys.target_reissue_code").exists()
    assert audit_verify().ok


def test_staff_without_manage_cannot_reissue(sw):
    client = login_client(sw.world.head_a)
    assert client.post(f"/khao-sat/doi-tuong/{sw.counter_a.pk}/cap-lai-ma/").status_code == 404


def test_template_edit_creates_a_new_version_and_old_responses_keep_theirs(sw):
    rate(sw.counter_a, level=4)
    client = login_client(admin_of_province(sw.world))
    data = {"intro": "Lời dẫn mới", "label_overall": "Ông/Bà đánh giá chung thế nào?"}
    for key in ("access", "procedure", "officer", "result", "feedback", "attitude"):
        data[f"use_{key}"] = "on"
        data[f"label_{key}"] = f"Câu hỏi {key}"
    response = client.post("/khao-sat/mau-phieu/", data)
    assert response.status_code == 302
    assert SurveyVersion.objects.count() == 2

    assert SurveyResponse.unscoped.get().version.number == 1


def test_qr_list_sync_creates_targets_for_new_counters(sw):
    counter_create(actor=None, unit=sw.world.agency_a, name="Quầy số 2")
    client = login_client(admin_of_province(sw.world))
    client.post(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/ma-qr/dong-bo/")
    page = client.get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/ma-qr/").content.decode()
    assert "Quầy số 2" in page and "?kiosk=" in page


def test_receipt_tokens_download_and_requirement(sw):
    client = login_client(admin_of_province(sw.world))
    response = client.post(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/ma-phieu-hen/", {"count": 3})
    sheet = load_workbook(io.BytesIO(response.content)).active
    tokens = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert len(tokens) == 3
    client.post(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/ma-phieu-hen/", {"required": "1"})
    assert SurveyTarget.unscoped.filter(agency=sw.world.agency_a, requires_token=False).count() == 0

    with unchanged_database(), pytest.raises(SurveyError):
        rate(sw.counter_a)
    assert rate(sw.counter_a, token=tokens[0]).created
    with unchanged_database(), pytest.raises(SurveyError, match="đã được dùng"):
        rate(sw.counter_a, token=tokens[0])


def test_comments_and_anomalies_export_to_xlsx_with_formula_text_neutralised(sw):
    from django.utils import timezone

    rate(sw.counter_a, level=2, comment='=HYPERLINK("x")')
    AnomalyFlag.unscoped.create(
        unit=sw.world.agency_a,
        agency=sw.world.agency_a,
        target=sw.counter_a,
        kind="identical",
        window_start=timezone.now(),
        window_end=timezone.now(),
        count=9,
    )
    client = login_client(sw.world.head_a)
    comments = client.get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/gop-y/?xuat=xlsx")
    sheet = load_workbook(io.BytesIO(comments.content)).active
    assert sheet.cell(row=2, column=4).value.startswith("'=")
    flags = client.get("/khao-sat/bat-thuong/?xuat=xlsx")
    sheet = load_workbook(io.BytesIO(flags.content)).active
    assert sheet.cell(row=2, column=6).value == 9


# --- acceptance audit of issue 3 (docs/surveys-audit.md) ------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/khao-sat/don-vi/{province}/?ky=0001",
        "/khao-sat/don-vi/{province}/xuat/xep-hang.xlsx?ky=0001-01",
        "/khao-sat/doi-tuong/{counter}/?ky=0001-q1",
    ],
)
def test_period_before_the_calendar_falls_back_to_the_current_year(sw, path):
    url = path.format(province=sw.world.province.pk, counter=sw.counter_a.pk)
    response = login_client(sw.world.boss).get(url)
    assert response.status_code == 200
    this_year = str(timezone.localdate().year)
    if ".xlsx" in path:
        assert response["Content-Disposition"].endswith(f'-{this_year}.xlsx"')
    else:
        assert (response.context["period"].kind, response.context["period"].slug) == (
            "year",
            this_year,
        )


def test_anomaly_page_is_404_like_every_survey_page_for_staff_without_the_capability(sw):
    response = login_client(sw.world.alice).get("/khao-sat/bat-thuong/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_target_page_leads_back_up_to_its_agency_only_for_those_who_may_see_it(sw):
    page = login_client(sw.world.head_a).get(f"/khao-sat/doi-tuong/{sw.officer_a.pk}/")
    html = page.content.decode()
    assert f'href="/khao-sat/don-vi/{sw.world.agency_a.pk}/?ky=' in html  # drill back up
    assert f'href="/khao-sat/don-vi/{sw.world.division_a.pk}/?ky=' in html
    officer = Person.unscoped.get(pk=sw.officer_a.person_id)
    user = make_user("ha", roles=[(Role.STAFF, sw.world.division_a)], person=officer)
    own = login_client(user).get(f"/khao-sat/doi-tuong/{sw.officer_a.pk}/").content.decode()
    assert "/khao-sat/don-vi/" not in own  # no link to pages that would answer 404


def test_unit_page_tables_share_and_mean_of_every_element(sw):
    for _ in range(10):
        rate(sw.counter_a, level=4)
    html = (
        login_client(sw.world.head_a)
        .get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/")
        .content.decode()
    )
    assert "Theo từng yếu tố" in html
    assert html.count("<td>Thủ tục hành chính</td>") == 1
    assert '<td class="num">100,0 %</td><td class="num">4,00</td>' in html


def test_ranking_shows_the_change_against_the_previous_period(sw):
    from datetime import datetime

    from django.utils import timezone

    last_month = datetime(2026, 4, 15, 10, tzinfo=timezone.get_current_timezone())
    this_month = datetime(2026, 5, 15, 10, tzinfo=timezone.get_current_timezone())
    for index in range(10):
        rate(sw.counter_a, level=4 if index < 5 else 2, now=last_month)
        rate(sw.counter_a, level=4, now=this_month)
    client = login_client(sw.world.head_a)
    html = client.get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/?ky=2026-05").content.decode()
    assert "Thay đổi (điểm %)" in html
    assert "+50,0" in html  # 50 % satisfied in April, 100 % in May


def test_officer_with_no_published_month_reads_why_instead_of_an_empty_chart(sw):
    for _ in range(3):
        rate(sw.officer_a, level=5)
    html = (
        login_client(sw.world.head_a)
        .get(f"/khao-sat/doi-tuong/{sw.officer_a.pk}/")
        .content.decode()
    )
    assert "chưa tháng nào đủ 10 phiếu" in html
    assert 'id="chart-trend"' not in html


def test_ranking_and_trend_counts_have_thousands_separators(sw):
    from django.utils import timezone

    month = timezone.localdate().replace(day=1)
    MonthlyRollup.unscoped.create(
        unit=sw.world.agency_a,
        agency=sw.world.agency_a,
        target=sw.counter_a,
        month=month,
        n=1234,
        c_overall_5=1234,
        s_sat=6170,
        s_ans=6170,
        s_sum=30850,
    )
    html = (
        login_client(sw.world.boss)
        .get(f"/khao-sat/don-vi/{sw.world.province.pk}/?ky={month.year}")
        .content.decode()
    )
    assert '<td class="num">1.234</td>' in html  # ranking row and trend table
    assert '<td class="num">1234</td>' not in html


def test_reissue_asks_for_confirmation_before_revoking_a_printed_code(sw):
    client = login_client(admin_of_province(sw.world))
    html = client.get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/ma-qr/").content.decode()
    assert 'data-confirm="Thu hồi mã này?' in html  # asked by ui.js (no inline handler: CSP)
    assert "Áp phích đã in sẽ không dùng được nữa" in html


def test_a_fall_rounded_away_is_shown_as_zero_not_minus_zero():
    def index(share: float) -> Index:
        return Index(100, {}, {}, share, None, None, True)

    change = trend(index(0.8801), index(0.8804))
    assert str(change) == "-0.0"  # what the rule gives: the template showed "-0,0"
    assert str(_points(change)) == "0.0"


def test_anomaly_flags_link_to_the_agency_and_the_counter_they_concern(sw):
    from django.utils import timezone

    AnomalyFlag.unscoped.create(
        unit=sw.world.province,
        agency=sw.world.agency_a,
        target=sw.counter_a,
        kind="identical",
        window_start=timezone.now(),
        window_end=timezone.now(),
        count=9,
    )
    client = login_client(sw.world.boss)
    html = client.get("/khao-sat/bat-thuong/").content.decode()
    agency, counter = sw.world.agency_a.pk, sw.counter_a.pk
    for path in (f"/khao-sat/don-vi/{agency}/", f"/khao-sat/doi-tuong/{counter}/"):
        assert f'href="{path}"' in html
        assert client.get(path).status_code == 200


def test_trend_lists_only_months_that_have_begun(sw, settings):
    import time_machine

    with time_machine.travel("2026-05-20 10:00 +07:00"):
        html = (
            login_client(sw.world.head_a)
            .get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/?ky=2026")
            .content.decode()
        )
    assert "<td>05/2026</td>" in html
    assert "<td>06/2026</td>" not in html and "06/2026" not in html


def test_period_picker_speaks_the_readers_language(sw):
    client = login_client(sw.world.head_a)
    client.cookies["congso_language"] = "en"
    html = client.get(f"/khao-sat/don-vi/{sw.world.agency_a.pk}/?ky=2026-q2").content.decode()
    assert ">Year 2026</option>" in html and ">Q2/2026</option>" in html
    assert "Năm 2026" not in html


def test_template_editor_groups_each_questions_switch_with_its_full_width_text(sw):
    html = login_client(admin_of_province(sw.world)).get("/khao-sat/mau-phieu/").content.decode()
    assert html.count("<fieldset>") == 7
    assert html.count('<label class="visually-hidden" for="id_label_') == 7
    assert "/static/surveys/surveys.css" in html


def test_target_element_table_exports_to_xlsx_and_only_once_published(sw):
    client = login_client(sw.world.head_a)
    for _ in range(9):
        rate(sw.officer_a, level=5)
    url = f"/khao-sat/doi-tuong/{sw.officer_a.pk}/?xuat=xlsx"
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    assert sheet.max_row == 1  # 9 ratings: headers only, nothing below the minimum sample
    rate(sw.officer_a, level=5)
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 7
    assert rows[0] == ("Tiếp cận dịch vụ", 100.0, 5.0)


def test_target_page_tables_its_monthly_trend_beside_the_chart(sw):
    from django.utils import timezone

    for _ in range(10):
        rate(sw.counter_a, level=4)
    response = login_client(sw.world.head_a).get(f"/khao-sat/doi-tuong/{sw.counter_a.pk}/")
    month = timezone.localdate().strftime("%m/%Y")
    row = f'<tr><td>{month}</td><td class="num">10</td><td class="num">100,0 %</td></tr>'
    assert row in response.content.decode()
