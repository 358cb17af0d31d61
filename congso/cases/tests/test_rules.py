"""Table tests of the pure rules (no database)."""

from datetime import date

import pytest

from congso.cases.choices import CaseState as S
from congso.cases.rules import (
    TRANSITIONS,
    CaseFacts,
    ReminderStep,
    RuleError,
    check_discipline,
    check_evidence,
    check_transition,
    finding_is_public,
    is_overdue,
    receipt_is_wellformed,
    reminder_step,
    stage_working_days,
)
from congso.common.permissions import Cap

TODAY = date(2025, 9, 10)
EVERYTHING = lambda cap: True  # noqa: E731
READY = dict(has_person=True, has_category=True, has_severity=True, has_clause=True)


@pytest.mark.parametrize(
    ("frm", "to", "capability"),
    [
        (S.RECEIVED, S.VERIFYING, Cap.CASES_HANDLE),
        (S.VERIFYING, S.CONFIRMED, Cap.CASES_DECIDE),
        (S.VERIFYING, S.DISMISSED, Cap.CASES_DECIDE),
        (S.CONFIRMED, S.HANDLING, Cap.CASES_HANDLE),
        (S.HANDLING, S.CLOSED, Cap.CASES_DECIDE),
        (S.CONFIRMED, S.APPEALED, Cap.CASES_APPEAL),
        (S.APPEALED, S.REVIEWED, Cap.CASES_REVIEW_APPEAL),
    ],
)
def test_table_names_the_capability_of_each_step(frm, to, capability):
    assert TRANSITIONS[(frm, to)] == capability


@pytest.mark.parametrize(
    ("frm", "to"),
    [
        (S.RECEIVED, S.CONFIRMED),
        (S.CLOSED, S.HANDLING),
        (S.DISMISSED, S.VERIFYING),
        (S.RECEIVED, S.CLOSED),
        (S.APPEALED, S.CLOSED),
    ],
)
def test_steps_missing_from_the_table_are_refused(frm, to):
    with pytest.raises(RuleError):
        check_transition(
            case=CaseFacts(kind="misconduct", state=frm, **READY),
            to=to,
            has_capability=EVERYTHING,
            today=TODAY,
        )


def test_capability_is_required():
    facts = CaseFacts(kind="misconduct", state=S.VERIFYING, **READY)
    with pytest.raises(RuleError, match="quyền"):
        check_transition(
            case=facts, to=S.CONFIRMED, has_capability=lambda c: c == Cap.CASES_HANDLE, today=TODAY
        )
    assert (
        check_transition(case=facts, to=S.CONFIRMED, has_capability=EVERYTHING, today=TODAY)
        == Cap.CASES_DECIDE
    )


@pytest.mark.parametrize(
    ("facts", "to", "message"),
    [
        (
            CaseFacts(kind="misconduct", state=S.VERIFYING, has_person=True),
            S.CONFIRMED,
            "người vi phạm",
        ),
        (
            CaseFacts(kind="misconduct", state=S.VERIFYING, **{**READY, "has_clause": False}),
            S.CONFIRMED,
            "điều khoản",
        ),
        (CaseFacts(kind="misconduct", state=S.VERIFYING), S.DISMISSED, "lý do"),
        (CaseFacts(kind="praise", state=S.CONFIRMED, has_person=True), S.HANDLING, "biểu dương"),
        (CaseFacts(kind="misconduct", state=S.HANDLING, **READY), S.CLOSED, "biện pháp"),
        (
            CaseFacts(
                kind="misconduct", state=S.CONFIRMED, **READY, appeal_deadline=date(2025, 9, 9)
            ),
            S.APPEALED,
            "hết thời hạn",
        ),
        (CaseFacts(kind="misconduct", state=S.APPEALED, **READY), S.REVIEWED, "kết quả"),
        (CaseFacts(kind="misconduct", state=S.REVIEWED, **READY, reversed=True), S.HANDLING, "hủy"),
    ],
)
def test_guards_explain_what_is_missing(facts, to, message):
    with pytest.raises(RuleError, match=message):
        check_transition(case=facts, to=to, has_capability=EVERYTHING, today=TODAY)


@pytest.mark.parametrize(
    ("state", "urgent", "overrides", "expected"),
    [
        (S.RECEIVED, False, {}, 7),
        (S.RECEIVED, True, {"received": 3}, 1),
        (S.VERIFYING, False, {"verifying": 12}, 12),
        (S.CLOSED, False, {}, None),
        (S.DISMISSED, True, {}, None),
    ],
)
def test_stage_working_days(state, urgent, overrides, expected):
    assert stage_working_days(state=state, urgent=urgent, overrides=overrides) == expected


@pytest.mark.parametrize(
    ("left", "level", "expected"),
    [
        (5, 0, ReminderStep.NONE),
        (1, 0, ReminderStep.HANDLER),
        (0, 0, ReminderStep.HANDLER),
        (-1, 1, ReminderStep.HANDLER),
        (-2, 1, ReminderStep.HEAD),
        (-5, 0, ReminderStep.HEAD),
        (3, 2, ReminderStep.HEAD),
        (None, 1, 1),
    ],
)
def test_reminder_goes_to_handler_then_head(left, level, expected):
    assert reminder_step(working_days_left=left, level=level) == expected


def test_overdue_only_for_open_states():
    assert is_overdue(state=S.VERIFYING, due_on=date(2025, 9, 9), today=TODAY)
    assert not is_overdue(state=S.CLOSED, due_on=date(2025, 9, 9), today=TODAY)
    assert not is_overdue(state=S.VERIFYING, due_on=TODAY, today=TODAY)


def test_discipline_refusals_are_rule_errors_in_the_users_language():
    with pytest.raises(RuleError, match="Không có quy định"):
        check_discipline(
            category="cong_chuc", on=date(2019, 1, 1), form="canh_cao", is_leader=False
        )
    with pytest.raises(RuleError, match="NĐ 172/2025"):
        check_discipline(category="cong_chuc", on=TODAY, form="ha_bac_luong", is_leader=True)
    with pytest.raises(RuleError, match="lãnh đạo"):
        check_discipline(category="cong_chuc", on=TODAY, form="cach_chuc", is_leader=False)
    assert check_discipline(category="cong_chuc", on=TODAY, form="cach_chuc", is_leader=True)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1234567890123456", True),
        ("123456789012345", False),
        ("12345678901234567", False),
        ("123456789012345a", False),
        ("", False),
        ("1234 5678 9012 3456", False),
    ],
)
def test_receipt_shape(value, ok):
    assert receipt_is_wellformed(value) is ok


@pytest.mark.parametrize(
    ("mime", "size", "w", "h", "ok"),
    [
        ("image/jpeg", 1000, 800, 600, True),
        ("application/pdf", 1000, None, None, True),
        ("text/html", 1000, None, None, False),
        (None, 1000, None, None, False),
        ("image/png", 6 * 2**20, 10, 10, False),
        ("image/png", 1000, 20000, 20000, False),
        ("image/png", 0, None, None, False),
    ],
)
def test_evidence_limits(mime, size, w, h, ok):
    if ok:
        check_evidence(mime=mime, size=size, width=w, height=h)
    else:
        with pytest.raises(RuleError):
            check_evidence(mime=mime, size=size, width=w, height=h)


def test_named_officers_public_only_after_standing_finding():
    assert not finding_is_public(case_state=S.VERIFYING, reversed=False)
    assert finding_is_public(case_state=S.CONFIRMED, reversed=False)
    assert not finding_is_public(case_state=S.REVIEWED, reversed=True)
    assert not finding_is_public(case_state=S.APPEALED, reversed=False)
    assert finding_is_public(case_state=S.REVIEWED, reversed=False)
    assert not finding_is_public(case_state=None, reversed=False)
