"""The citizen form page served from kept pieces (portal/survey_pages.py): the same page as a
fresh rendering, its own token and client_id each time, and every change in the database
shown at once."""

from __future__ import annotations

import re

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from congso.portal.survey_pages import _FORMS
from congso.portal.tests.test_survey_pages import form_post, hidden
from congso.portal.views.surveys import _form_page
from congso.surveys.models import SurveyResponse
from congso.surveys.services import target_reissue_code, template_default, template_update
from congso.surveys.services.submit import kiosk_key

pytestmark = pytest.mark.django_db

_VARYING = re.compile(r'name="(client_id|form_token)" value="[^"]*"')


def normalised(html: str) -> str:
    return _VARYING.sub(r'name="\1" value=""', html)


def fresh_rendering(code: str, *, kiosk: bool = False) -> str:
    key = kiosk_key(code) if kiosk else ""
    request = RequestFactory().get(f"/cong-dan/danh-gia/{code}/", {"kiosk": key} if kiosk else {})
    with translation.override("vi"):
        return _form_page(request, code, kiosk, key).content.decode()


@pytest.mark.parametrize("who", ["counter_a", "officer_a"])  # unit = agency, and not
@pytest.mark.parametrize("kiosk", [False, True])
def test_kept_form_page_is_the_fresh_rendering_but_for_token_and_client_id(sw, who, kiosk):
    code = getattr(sw, who).code
    url = f"/cong-dan/danh-gia/{code}/" + (f"?kiosk={kiosk_key(code)}" if kiosk else "")
    first = Client().get(url)
    second = Client().get(url)  # from the kept pieces
    assert first.status_code == second.status_code == 200
    assert len(_FORMS) == 1
    expected = normalised(fresh_rendering(code, kiosk=kiosk))
    assert normalised(first.content.decode()) == expected
    assert normalised(second.content.decode()) == expected
    assert "cs_device" in second.cookies


def test_each_kept_page_gets_its_own_form_token_and_client_id_and_both_store(sw):
    client = Client()
    pages = [client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()]
    pages.append(client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode())
    assert hidden(pages[0], "form_token") != hidden(pages[1], "form_token")
    assert hidden(pages[0], "client_id") != hidden(pages[1], "client_id")
    for html in pages:
        assert form_post(client, sw.counter_a.code, html).status_code == 302
    assert SurveyResponse.unscoped.count() == 2


def test_one_kept_page_serves_every_counter_with_its_own_names_and_code(sw):
    first = Client().get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    other = Client().get(f"/cong-dan/danh-gia/{sw.counter_b.code}/").content.decode()
    assert len(_FORMS) == 1  # same language, version and layout: one rendering
    assert "Quầy số 1" in first and "Quầy tiếp nhận" not in first
    assert "Quầy tiếp nhận" in other and "Quầy số 1" not in other
    assert f"/api/v1/public/surveys/{sw.counter_b.code}/responses" in other
    assert normalised(other) == normalised(fresh_rendering(sw.counter_b.code))


def test_renamed_counter_shows_at_once_and_names_are_escaped(sw):
    client = Client()
    client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/")
    counter = sw.counter_a.counter
    counter.name = 'Quầy <b>"mới"</b> & 2'
    counter.save(update_fields=["name"])
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    assert "Quầy &lt;b&gt;&quot;mới&quot;&lt;/b&gt; &amp; 2" in html
    assert "<b>" not in html


def test_new_form_version_shows_at_once(sw):
    client = Client()
    client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/")
    template = template_default()
    questions = [dict(q) for q in template.current.questions]
    questions[0]["label"] = "Câu hỏi đã sửa về tiếp cận dịch vụ"
    version = template_update(actor=None, template=template, questions=questions)
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    assert "Câu hỏi đã sửa về tiếp cận dịch vụ" in html
    assert f".{version.pk}." in hidden(html, "form_token").split(":")[0]
    assert form_post(client, sw.counter_a.code, html).status_code == 302
    assert SurveyResponse.unscoped.get().version_id == version.pk


def test_reissued_or_deactivated_code_answers_404_at_once(sw):
    client = Client()
    assert client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").status_code == 200
    assert client.get(f"/cong-dan/danh-gia/{sw.counter_b.code}/").status_code == 200
    old = sw.counter_a.code
    target_reissue_code(actor=None, target=sw.counter_a)
    revoked = client.get(f"/cong-dan/danh-gia/{old}/")
    assert revoked.status_code == 404
    assert "đã bị thu hồi" in revoked.content.decode()
    sw.counter_b.is_active = False
    sw.counter_b.save(update_fields=["is_active"])
    assert client.get(f"/cong-dan/danh-gia/{sw.counter_b.code}/").status_code == 404


def test_thank_you_page_is_kept_per_language(sw):
    client = Client()
    first = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/cam-on/")
    other = client.get(f"/cong-dan/danh-gia/{sw.counter_b.code}/cam-on/")
    assert first.content == other.content
    assert "Cảm ơn Ông/Bà đã đánh giá" in first.content.decode()
    client.cookies["congso_language"] = "en"
    english = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/cam-on/")
    assert english.content != first.content
    assert english["Content-Language"] == "en"


def posted_from(client: Client, code: str, html: str, origin: str):
    keys = re.findall(r'name="keys" value="([^"]*)"', html)
    data = {
        "client_id": hidden(html, "client_id"),
        "form_token": hidden(html, "form_token"),
        **{f"q_{key}": "4" for key in keys},
    }
    return client.post(f"/cong-dan/danh-gia/{code}/", data, HTTP_ORIGIN=origin)


def test_form_posted_from_another_site_is_refused_and_nothing_stored(sw):
    client = Client()
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    response = posted_from(client, sw.counter_a.code, html, "https://lua-dao.example")
    assert response.status_code == 403
    assert "Phiếu phải được gửi từ trang đánh giá" in response.content.decode()
    assert SurveyResponse.unscoped.count() == 0
    same_site = posted_from(client, sw.counter_a.code, html, "http://testserver")
    assert same_site.status_code == 302
    html = client.get(f"/cong-dan/danh-gia/{sw.counter_a.code}/").content.decode()
    assert form_post(client, sw.counter_a.code, html).status_code == 302  # no Origin sent
    assert SurveyResponse.unscoped.count() == 2


def test_language_links_of_a_kept_page_lead_back_to_the_requested_code(sw):
    Client().get(f"/cong-dan/danh-gia/{sw.counter_a.code}/")
    other = Client().get(f"/cong-dan/danh-gia/{sw.counter_b.code}/").content.decode()
    assert f"next=/cong-dan/danh-gia/{sw.counter_b.code}/" in other
    assert sw.counter_a.code not in other
