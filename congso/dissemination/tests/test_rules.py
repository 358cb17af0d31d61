"""Pure rules of dissemination."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from congso.dissemination.rules import (
    Reason,
    ReminderStep,
    Targeting,
    answers_correct,
    campaign_dates_problem,
    looks_like_pdf,
    percent,
    recipient_reason,
    reminder_step,
    session_open,
    unit_ids_of_path,
)

TARGET = Targeting("/1/4/", frozenset({"cong_chuc"}), date(2026, 3, 2))


def _reason(**kw):
    base = {
        "unit_path": "/1/4/9/",
        "category": "cong_chuc",
        "active": True,
        "day": date(2026, 3, 3),
    }
    base.update(kw)
    return recipient_reason(TARGET, **base)


def test_person_in_subtree_of_a_chosen_category_is_a_recipient():
    assert _reason() == Reason.RECIPIENT


def test_person_outside_the_subtree_is_not_a_recipient():
    assert _reason(unit_path="/1/5/") == Reason.OUTSIDE_UNIT
    assert _reason(unit_path=None) == Reason.OUTSIDE_UNIT


def test_prefix_of_path_digits_does_not_count_as_subtree():
    assert _reason(unit_path="/1/44/") == Reason.OUTSIDE_UNIT


def test_category_not_chosen_and_day_before_start_and_inactive_are_explained():
    assert _reason(category="vien_chuc") == Reason.CATEGORY
    assert _reason(day=date(2026, 3, 1)) == Reason.NOT_STARTED
    assert _reason(active=False) == Reason.INACTIVE


def test_empty_categories_mean_every_category():
    target = Targeting("/1/", frozenset(), date(2026, 1, 1))
    reason = recipient_reason(
        target, unit_path="/1/2/", category="vien_chuc", active=True, day=date(2026, 1, 2)
    )
    assert reason == Reason.RECIPIENT


def test_deadline_on_or_before_start_is_a_problem():
    assert campaign_dates_problem(date(2026, 3, 2), date(2026, 3, 1))
    assert campaign_dates_problem(date(2026, 3, 2), date(2026, 3, 2))
    assert campaign_dates_problem(date(2026, 3, 2), date(2026, 3, 3)) is None


def test_pdf_is_recognised_by_its_bytes_only():
    assert looks_like_pdf(b"%PDF-1.7\n...")
    assert not looks_like_pdf(b"PK\x03\x04 word file")
    assert not looks_like_pdf(b"")


def test_answers_must_all_be_correct():
    questions = [{"q": "a", "choices": ["x", "y"], "answer": 1}]
    assert answers_correct(questions, [1])
    assert not answers_correct(questions, [0])
    assert not answers_correct(questions, [None])
    assert not answers_correct(questions, [])


def test_percent_rounds_down_so_100_means_everyone():
    assert percent(999, 1000) == 99
    assert percent(0, 0) == 0
    assert percent(5, 5) == 100


def test_session_code_valid_only_while_session_runs():
    start = datetime(2026, 3, 3, 8, 0)
    end = start + timedelta(hours=2)
    assert session_open(start + timedelta(minutes=5), start, end)
    assert not session_open(start - timedelta(minutes=1), start, end)
    assert not session_open(end + timedelta(minutes=1), start, end)


def test_reminder_ladder_escalates_to_head_then_parent_head():
    step = lambda left: reminder_step(days_to_due=left, days_since_start=5, escalate_after=3)  # noqa: E731
    assert step(8) == ReminderStep.START
    assert step(2) == ReminderStep.BEFORE_DUE
    assert step(-1) == ReminderStep.OVERDUE
    assert step(-3) == ReminderStep.HEAD
    assert step(-6) == ReminderStep.PARENT_HEAD
    assert reminder_step(days_to_due=8, days_since_start=-1, escalate_after=3) == 0


def test_unit_ids_of_path_lists_unit_and_ancestors():
    assert unit_ids_of_path("/1/4/9/") == [1, 4, 9]
