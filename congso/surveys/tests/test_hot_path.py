"""The rating hot path (services/hot_sql.py, api.survey_respond): the documented django-ninja
operation serves the URL, the fast path (raw SQLite transaction, PREPAREd PostgreSQL
statement) and the portable path store alike, and the SQL rollup increments agree with the
Python ones."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test import Client
from django.urls import resolve

from congso.surveys.api import survey_respond
from congso.surveys.models import DailyRollup, MonthlyRollup, SurveyResponse
from congso.surveys.rules import QUESTION_KEYS, ROLLUP_COLUMNS
from congso.surveys.services import hot_sql, rollups_rebuild
from congso.surveys.services.rollups import increment_exprs, rollup_statements
from congso.surveys.services.submit import kiosk_key
from congso.surveys.tests.test_api import get_form, post, valid_body

pytestmark = pytest.mark.django_db(transaction=True)  # autocommit: the paths under load


def test_rating_url_is_served_by_the_documented_ninja_operation():
    match = resolve("/api/v1/public/surveys/abc123/responses")
    assert match.kwargs == {"code": "abc123"}
    assert match.url_name == "survey_respond"  # the router's pattern, no plain view ahead of it
    path_view = next(
        cell.cell_contents
        for cell in match.func.__closure__
        if hasattr(cell.cell_contents, "operations")
    )
    served = {method: op.view_func for op in path_view.operations for method in op.methods}
    assert served["POST"] is survey_respond
    schema = Client().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/public/surveys/{code}/responses"]["post"]
    assert {"201", "200", "404", "409", "413", "415", "422", "429"} <= set(operation["responses"])
    assert "client_id" in str(operation["requestBody"])


def test_production_schema_holds_no_bench_table():
    tables = set(connection.introspection.table_names())
    assert "surveys_benchrow" not in tables
    assert not any("bench" in table for table in tables)


def test_other_methods_on_the_rating_url_get_405_in_vietnamese(sw):
    response = Client().get(f"/api/v1/public/surveys/{sw.counter_a.code}/responses")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "chỉ POST" in response.json()["detail"]


def test_kiosk_key_in_the_query_string_reaches_the_operation(sw):

    client = Client()
    client.cookies["cs_device"] = "tablet-at-counter-1"  # one device: limit 3 without kiosk
    key = kiosk_key(sw.counter_a.code)
    for _ in range(5):  # past the device limit (3): a kiosk is one device for many citizens
        body = valid_body(get_form(client, sw.counter_a.code))
        response = client.post(
            f"/api/v1/public/surveys/{sw.counter_a.code}/responses?kiosk={key}",
            data=body,
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
    assert SurveyResponse.unscoped.count() == 5


def test_ratings_in_autocommit_keep_rollups_equal_to_raw_rows(sw):
    client = Client()
    levels = itertools.cycle([1, 2, 3, 4, 5, 5, 4])
    for index in range(12):
        form = get_form(client, (sw.counter_a if index % 2 else sw.officer_a).code)
        answers = {q["key"]: next(levels) for q in form["questions"]}
        response = post(client, form["code"], valid_body(form, answers=answers))
        assert response.status_code == 201, response.content
    assert SurveyResponse.unscoped.count() == 12
    assert sum(DailyRollup.unscoped.values_list("n", flat=True)) == 12
    assert sum(MonthlyRollup.unscoped.values_list("n", flat=True)) == 12
    assert rollups_rebuild(repair=False).differences == 0


def test_refused_duplicate_dossier_in_autocommit_leaves_no_half_written_rollup(sw):
    client = Client()
    first = valid_body(
        get_form(client, sw.counter_a.code), dossier_code="000.00.12.H36-261125-0001"
    )
    assert post(client, sw.counter_a.code, first).status_code == 201
    again = valid_body(
        get_form(client, sw.counter_a.code), dossier_code="000.00.12.H36-261125-0001"
    )
    assert post(client, sw.counter_a.code, again).status_code == 409
    assert SurveyResponse.unscoped.count() == 1
    assert DailyRollup.unscoped.get().n == 1
    assert MonthlyRollup.unscoped.get().n == 1


@pytest.mark.parametrize(
    "answers",
    [
        {key: 4 for key in QUESTION_KEYS},
        {key: 1 for key in QUESTION_KEYS},
        dict(zip(QUESTION_KEYS, [5, 4, 3, 2, 1, 5, 3], strict=True)),
        {"access": 5, "officer": 2, "overall": 4},  # unanswered elements
        {"overall": 3},
    ],
)
def test_sql_increments_equal_the_python_increments(answers):
    """The one-statement path counts with `increment_exprs` in SQL, the other paths with
    `rollup_statements` in Python: both must add the same to every rollup column."""
    from datetime import date

    columns = ", ".join(
        f"CAST(%s AS smallint) AS a_{key}"
        if key in answers
        else f"CAST(NULL AS smallint) AS a_{key}"
        for key in QUESTION_KEYS
    )
    params = [answers[key] for key in QUESTION_KEYS if key in answers]
    sql = f"SELECT {', '.join(increment_exprs())} FROM (SELECT {columns}) AS row"  # noqa: S608 (our own expressions)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        from_sql = [int(v) for v in cursor.fetchone()]
    statement = rollup_statements(
        target_id=1, agency_id=1, unit_id=1, day=date(2026, 11, 25), answers=answers
    )[0]
    from_python = statement[1][5:]  # after the ids, the day and n
    assert len(from_sql) == len(ROLLUP_COLUMNS)
    assert from_sql == from_python


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepared statement")
def test_rating_is_stored_after_the_prepared_statement_was_deallocated(sw):
    client = Client()
    assert (
        post(client, sw.counter_a.code, valid_body(get_form(client, sw.counter_a.code))).status_code
        == 201
    )
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as a pooler's DISCARD ALL does
    assert (
        post(client, sw.counter_a.code, valid_body(get_form(client, sw.counter_a.code))).status_code
        == 201
    )
    hot_sql._PREPARED.clear()  # our record lost while the server still has the statement
    assert (
        post(client, sw.counter_a.code, valid_body(get_form(client, sw.counter_a.code))).status_code
        == 201
    )
    assert SurveyResponse.unscoped.count() == 3
    assert rollups_rebuild(repair=False).differences == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepared statement")
def test_without_sql_prepare_ratings_take_the_lookup_then_write_path(sw, settings):
    settings.CONGSO_SURVEY_PREPARED_STATEMENTS = 0  # behind pgbouncer in transaction mode
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    hot_sql._PREPARED.clear()
    client = Client()
    body = valid_body(get_form(client, sw.counter_a.code))
    assert post(client, sw.counter_a.code, body).status_code == 201
    assert post(client, sw.counter_a.code, body).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'congso_%%'")
        assert cursor.fetchone()[0] == 0
    assert SurveyResponse.unscoped.count() == 1
    assert rollups_rebuild(repair=False).differences == 0


def test_sqlite_rating_transactions_take_turns_on_a_file_lock(tmp_path, monkeypatch):
    """On a database file the ratings of all server processes queue on one OS lock (no
    sleeping in SQLite's busy handler); the lock is released when the rating is done."""
    import fcntl
    import os

    database = tmp_path / "congso.sqlite3"
    monkeypatch.setitem(connection.settings_dict, "NAME", str(database))
    lock_file = f"{database}-congso-ratings.lock"
    with hot_sql._writer_turn():
        other = os.open(lock_file, os.O_RDWR)  # another process's open file
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        finally:
            os.close(other)
    other = os.open(lock_file, os.O_RDWR)
    try:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
    finally:
        os.close(other)


def test_in_memory_sqlite_needs_no_turn_file(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(connection.settings_dict, "NAME", ":memory:")
    with hot_sql._writer_turn():
        pass
    assert list(tmp_path.iterdir()) == []


def _prepared_form_facts() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE NOT from_sql AND statement LIKE %s",
            ["%%current_id%%surveys_surveytarget%%"],
        )
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepared statement")
def test_form_page_query_is_prepared_once_per_connection(sw):
    from congso.surveys.selectors import target_form_facts

    for _ in range(3):
        assert target_form_facts(sw.counter_a.code)[0] is True
    assert _prepared_form_facts() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepared statement")
def test_without_prepared_statements_the_form_page_query_is_not_prepared(sw, settings):
    from congso.surveys.selectors import target_form_facts

    settings.CONGSO_SURVEY_PREPARED_STATEMENTS = 0  # behind pgbouncer in transaction mode
    connection.close()
    assert target_form_facts(sw.counter_a.code)[0] is True
    assert _prepared_form_facts() == 0
