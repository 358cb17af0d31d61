"""The "Góp ý của người dân" page: periods cut at local midnight, 50 a page, and a query the
database answers from the partial comment index (issue 8 item 6: it took 3.5–4.3 s on the
demo's 300,000 ratings; figures in docs/surveys.md, benchmark `congso bench survey-comments`)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.db import connection
from django.utils import timezone

from congso.common.params import parse_period
from congso.common.scoping import Actor
from congso.common.testing import login_client
from congso.surveys import selectors
from congso.surveys.tests.factories import rate

pytestmark = pytest.mark.django_db


def _local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def test_a_comment_just_after_local_midnight_of_new_year_belongs_to_the_new_year(sw):
    rate(sw.counter_a, comment="cuối năm cũ", now=_local(2025, 12, 31, 23, 50))
    rate(sw.counter_a, comment="đầu năm mới", now=_local(2026, 1, 1, 0, 10))
    client = login_client(sw.world.head_a)
    url = f"/khao-sat/don-vi/{sw.world.agency_a.pk}/gop-y/"
    old = client.get(url, {"ky": "2025"}).content.decode()
    new = client.get(url, {"ky": "2026"}).content.decode()
    assert "cuối năm cũ" in old and "đầu năm mới" not in old
    assert "đầu năm mới" in new and "cuối năm cũ" not in new


def test_comments_are_paged_fifty_at_a_time_newest_first(sw):
    for minute in range(55):
        rate(sw.counter_a, comment=f"góp ý {minute:02d}", now=_local(2025, 3, 1, 8, minute))
    client = login_client(sw.world.head_a)
    url = f"/khao-sat/don-vi/{sw.world.agency_a.pk}/gop-y/"
    first = client.get(url, {"ky": "2025"}).content.decode()
    second = client.get(url, {"ky": "2025", "trang": "2"}).content.decode()
    assert re.findall(r"góp ý (\d\d)", first)[:2] == ["54", "53"]
    assert len(re.findall(r"góp ý \d\d", first)) == 50
    assert re.findall(r"góp ý (\d\d)", second) == ["04", "03", "02", "01", "00"]
    assert "Trang 2/2 · 55 góp ý" in second
    assert "trang=2" in first
    bad = client.get(url, {"ky": "2025", "trang": "-3"})
    assert bad.status_code == 200 and "góp ý 54" in bad.content.decode()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan text")
def test_the_comments_query_uses_the_partial_comment_index_not_a_scan(sw):
    actor = Actor(user_id=1, username="t", reach={"surveys.responses": None})
    period = parse_period("2025", today=timezone.localdate())
    rows = selectors.comments_list(actor=actor, unit=sw.world.province, period=period)[:50]
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INDEX survey_resp_comment_time" in plan, plan
    assert "SCAN surveys_surveyresponse" not in plan, plan
