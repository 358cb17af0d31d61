"""The citizen page behind the QR code, the thank-you page, the portal index and scorecards."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from congso.org.models import OrgUnit
from congso.surveys.models import ResponseFlag, SurveyResponse
from congso.surveys.services import form_token_issue, target_reissue_code
from congso.surveys.services.submit import kiosk_key
from congso.surveys.tests.factories import rate

pytestmark = pytest.mark.django_db


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def form_post(client: Client, code: str, html: str, *, level: str = "5", **extra) -> object:
    data = {
        "client_id": hidden(html, "client_id"),
        "form_token": hidden(html, "form_token"),
        "keys": ["access", "procedure", "officer", "result", "feedback", "attitude", "overall"],
        **{
            f"q_{k}": level
            for k in ("access", "procedure", "officer", "result", "feedback", "attitude", "overall")
        },
        **extra,
    }
    return client.post(f"/cong-dan/danh-gia/{code}/", data)


def test_form_page_is_small_accessible_and_works_without_javascript(sw):
    response = Client().get(f"/cong-dan/danh-gia/{sw.counter_a.code}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.content) < 30 * 1024
    assert html.count("<fieldset") == 7 and html.count("<legend>") == 7
    assert 'method="post"' in html and 'type="radio"' in html
    assert "Rất không hài lòng" in html and "Rất hài lòng" in html
    assert 'name="viewport"' in html
    assert "cs_device" in response.cookies


def test_plain_post_stores_and_redirects_to_thank_you(sw):
    client = Client()
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    response = form_post(client, sw.counter_a.code, html, comment="Rất tốt")
    assert response.status_code == 302
    assert response["Location"] == f"/cong-dan/danh-gia/{sw.counter_a.code}/cam-on/"
    stored = SurveyResponse.unscoped.get()
    assert stored.a_overall == 5 and stored.comment == "Rất tốt"
    assert stored.flags & ResponseFlag.FORM
    thanks = client.get(response["Location"])
    assert "Cảm ơn" in thanks.content.decode()


def test_refused_post_keeps_answers_and_explains_in_vietnamese(sw):
    client = Client()
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    response = form_post(client, sw.counter_a.code, html, comment="x" * 2001)
    assert response.status_code == 422
    body = response.content.decode()
    assert "dài quá 2000 ký tự" in body
    assert 'value="5" required checked' in body
    assert hidden(body, "client_id") == hidden(html, "client_id")
    assert SurveyResponse.unscoped.count() == 0


def test_missing_answer_in_plain_form_is_refused(sw):
    client = Client()
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    data = {
        "client_id": hidden(html, "client_id"),
        "form_token": hidden(html, "form_token"),
        "keys": ["access", "overall"],
        "q_access": "4",
    }
    response = client.post(f"/cong-dan/danh-gia/{sw.counter_a.code}/", data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Vui lòng chọn một mức hài lòng cho câu 2." in body  # named as the citizen sees it
    assert '<fieldset class="q miss">' in body


def test_revoked_code_page_says_revoked(sw):
    old = sw.counter_a.code
    target_reissue_code(actor=None, target=sw.counter_a)
    response = Client().get(f"/cong-dan/danh-gia/{old}/")
    assert response.status_code == 404
    assert "thu hồi" in response.content.decode()


def test_kiosk_key_marks_responses_and_lifts_the_device_limit(sw, settings):
    settings.CONGSO_SURVEY_RATE_DEVICE = 1
    key = kiosk_key(sw.counter_a.code)
    client = Client()
    for _ in range(3):
        html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/?kiosk={key}").content.decode()
        assert 'class="kiosk"' in html and "<textarea" not in html
        response = form_post(client, sw.counter_a.code, html, kiosk=key)
        assert response.status_code == 302
        assert f"?kiosk={key}" in response["Location"]
    assert SurveyResponse.unscoped.filter(flags=ResponseFlag.KIOSK | ResponseFlag.FORM).count() == 3
    thanks = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/cam-on/?kiosk={key}")
    assert 'http-equiv="refresh"' in thanks.content.decode()


def test_forged_kiosk_key_is_an_ordinary_form(sw):
    html = Client().get(f"/cong-dan/danh-gia/{sw.counter_a.code}/?kiosk=1").content.decode()
    assert 'class="kiosk"' not in html


def test_scorecard_hides_figures_below_minimum_sample(sw):
    OrgUnit.unscoped.filter(pk=sw.world.agency_a.pk).update(serves_citizens=True)
    for _ in range(9):
        rate(sw.counter_a, level=5)
    page = Client().get(f"/cong-dan/co-quan/{sw.world.agency_a.pk}/hai-long/").content.decode()
    assert "Chưa đủ số phiếu tối thiểu" in page
    rate(sw.counter_a, level=2, comment="<script>alert(1)</script>")
    page = Client().get(f"/cong-dan/co-quan/{sw.world.agency_a.pk}/hai-long/").content.decode()
    assert "90,0 %" in page
    assert "alert(1)" not in page


def test_scorecard_only_for_units_serving_citizens(sw):
    assert Client().get(f"/cong-dan/co-quan/{sw.world.agency_b.pk}/hai-long/").status_code == 404


def test_portal_index_lists_agencies_with_scorecard_links(sw):
    OrgUnit.unscoped.filter(pk=sw.world.agency_a.pk).update(serves_citizens=True)
    page = Client().get("/cong-dan/").content.decode()
    assert f"/cong-dan/co-quan/{sw.world.agency_a.pk}/hai-long/" in page
    assert "Sở Y tế" not in page


def test_expired_form_token_asks_to_reload(sw):
    client = Client()
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()

    old = form_token_issue(
        code=sw.counter_a.code,
        version_id=sw.version_id,
        now=timezone.now() - timedelta(hours=13),
    ).token
    html = html.replace(hidden(html, "form_token"), old)
    response = form_post(client, sw.counter_a.code, html)
    assert response.status_code == 422
    assert "hết hạn" in response.content.decode()


# --- acceptance audit of issue 3 (docs/surveys-audit.md) ------------------------------------


@pytest.mark.parametrize("value", ["²", "٣", "１"])
def test_plain_form_refuses_digits_that_are_not_ascii_with_422(sw, value):
    client = Client()
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    response = form_post(client, sw.counter_a.code, html, q_access=value)
    assert response.status_code == 422
    assert "Vui lòng chọn một mức hài lòng cho câu 1." in response.content.decode()
    assert SurveyResponse.unscoped.count() == 0


@pytest.mark.parametrize("period", ["0001", "0001-01", "0001-q1"])
def test_scorecard_period_before_the_calendar_shows_the_current_year(sw, period):
    OrgUnit.unscoped.filter(pk=sw.world.agency_a.pk).update(serves_citizens=True)
    response = Client().get(f"/cong-dan/co-quan/{sw.world.agency_a.pk}/hai-long/?ky={period}")
    assert response.status_code == 200
    assert f"Năm {timezone.localdate().year}" in response.content.decode()


def test_scorecard_offers_past_periods_only_and_draws_the_monthly_bars(sw):
    OrgUnit.unscoped.filter(pk=sw.world.agency_a.pk).update(serves_citizens=True)
    for _ in range(10):
        rate(sw.counter_a, level=5)
    today = timezone.localdate()
    page = Client().get(f"/cong-dan/co-quan/{sw.world.agency_a.pk}/hai-long/").content.decode()
    assert f'<option value="{today.year - 1}">' in page
    assert f'<option value="{today.year}-{today.month:02d}">' in page
    if today.month < 12:
        assert f'value="{today.year}-{today.month + 1:02d}"' not in page
    assert '<td class="b"><div class="bar" aria-hidden="true"><span style="width:100.0%">' in page


def test_portal_lists_the_ranked_agencies_not_their_centres_and_divisions(sw):
    OrgUnit.unscoped.filter(pk__in=[sw.world.agency_a.pk, sw.world.division_a.pk]).update(
        serves_citizens=True
    )  # the officer target of division_a is rated as part of agency_a
    page = Client().get("/cong-dan/").content.decode()
    assert f"/cong-dan/co-quan/{sw.world.agency_a.pk}/hai-long/" in page
    assert f"/cong-dan/co-quan/{sw.world.division_a.pk}/hai-long/" not in page


def test_citizen_survey_pages_footer_speaks_of_the_survey_not_of_denunciations(sw):
    OrgUnit.unscoped.filter(pk=sw.world.agency_a.pk).update(serves_citizens=True)
    for path in (
        f"/cong-dan/danh-gia/{sw.counter_a.code}/",
        f"/cong-dan/danh-gia/{sw.counter_a.code}/cam-on/",
        "/cong-dan/danh-gia/khongtontai/",
        f"/cong-dan/co-quan/{sw.world.agency_a.pk}/hai-long/",
    ):
        html = Client().get(path).content.decode()
        assert "Luật Tố cáo" not in html, path
        assert "Phiếu không ghi tên; chỉ công bố số liệu tổng hợp." in html, path


def test_kiosk_page_carries_the_form_address_for_spare_forms(sw):
    key = kiosk_key(sw.counter_a.code)
    html = Client().get(f"/cong-dan/danh-gia/{sw.counter_a.code}/?kiosk={key}").content.decode()
    assert f'data-form="/api/v1/public/surveys/{sw.counter_a.code}"' in html
    assert len(html.encode()) < 30 * 1024


def _contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_keyboard_focus_ring_of_survey_pages_contrasts_3_to_1_with_the_white_page(sw):
    """WCAG 1.4.11: the base pages' amber ring (#ffb300) is 1.8:1 on white."""
    html = Client().get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    ink = re.search(r"--ink:(#[0-9a-f]{6})", html).group(1)
    rules = re.findall(r":focus-visible\{outline:3px solid ([^;}]+)", html)
    last = rules[-1].replace("var(--ink)", ink)  # the rule that wins
    assert _contrast(last, "#ffffff") >= 3


def test_scorecard_months_stop_at_the_current_month(sw):
    import time_machine

    OrgUnit.unscoped.filter(pk=sw.world.agency_a.pk).update(serves_citizens=True)
    with time_machine.travel("2026-05-20 10:00 +07:00"):
        page = Client().get(f"/cong-dan/co-quan/{sw.world.agency_a.pk}/hai-long/").content.decode()
    assert "<td>05/2026</td>" in page
    assert "<td>06/2026</td>" not in page
