"""Pure survey rules: answers, text, indices, smoothing, periods, bursts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.surveys import rules
from congso.surveys.rules import (
    AnswerError,
    Event,
    Tally,
    compute_index,
    find_bursts,
    mean_score,
    parse_period,
    period_of,
    previous_period,
    rank,
    share_satisfied,
    sipas_share,
    smoothed_index,
    trend,
    validate_answers,
)
from congso.surveys.services.common import agency_map

KEYS = rules.QUESTION_KEYS


def tally_of(*levels_per_response: int) -> Tally:
    """A tally as the rollups would give it: one row per response, every question answered."""
    tally = Tally()
    for level in levels_per_response:
        tally.add_row({"n": 1, **{rules.column(key, level): 1 for key in KEYS}})
    return tally


def test_compact_sipas_columns_match_the_counts():
    row = {"n": 2, "c_access_5": 2, "c_procedure_4": 1, "c_procedure_2": 1}
    derived = Tally()
    derived.add_row(row)
    compact = Tally()
    compact.add_row(
        {"n": 2, "s_sat": derived.s_sat, "s_ans": derived.s_ans, "s_sum": derived.s_sum}
    )
    assert (derived.s_sat, derived.s_ans, derived.s_sum) == (3, 4, 16)
    assert sipas_share(compact) == sipas_share(derived) == pytest.approx(0.75)
    assert rules.sipas_increments({"access": 5, "procedure": 2, "overall": 1}) == (1, 2, 7)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({k: 4 for k in KEYS}, None),
        ({k: 4 for k in KEYS if k != "overall"}, "Chưa trả lời"),
        ({**{k: 4 for k in KEYS}, "x": 1}, "không có trong phiếu"),
        ({**{k: 4 for k in KEYS}, "overall": 0}, "từ 1 đến 5"),
        ({**{k: 4 for k in KEYS}, "overall": 6}, "từ 1 đến 5"),
        ({**{k: 4 for k in KEYS}, "overall": "4"}, "từ 1 đến 5"),
        ({**{k: 4 for k in KEYS}, "overall": True}, "từ 1 đến 5"),
        ({**{k: 4 for k in KEYS}, "overall": 4.0}, "từ 1 đến 5"),
        ({**{k: 4 for k in KEYS}, "overall": None}, "Chưa trả lời"),
        ([4] * 7, "đối tượng"),
    ],
)
def test_validate_answers_table(answers, message):
    if message is None:
        assert validate_answers(answers, KEYS) == answers
    else:
        with pytest.raises(AnswerError, match=message):
            validate_answers(answers, KEYS)


@given(st.integers())
def test_any_integer_outside_the_scale_is_refused(value):
    answers = {k: 4 for k in KEYS}
    answers["overall"] = value
    if 1 <= value <= 5:
        assert validate_answers(answers, KEYS)["overall"] == value
    else:
        with pytest.raises(AnswerError):
            validate_answers(answers, KEYS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  ", ""),
        ("Cán bộ tốt", "Cán bộ tốt"),
        ("Ca\u0301n bo\u0323\u0302", "Cán bộ"),
    ],
)
def test_clean_text_normalises(text, expected):
    assert rules.clean_text(text, max_chars=10, field="c") == expected


@pytest.mark.parametrize("text", ["a\x00b", "a\x07b", "x" * 11])
def test_clean_text_refuses_nul_controls_and_length(text):
    with pytest.raises(AnswerError):
        rules.clean_text(text, max_chars=10, field="c")


@pytest.mark.parametrize(
    ("code", "expected"),
    [("h 38.001-2025", "H38.001-2025"), ("", None), (None, None)],
)
def test_dossier_code_is_normalised(code, expected):
    assert rules.clean_dossier_code(code) == expected


def test_dossier_code_refuses_other_characters():
    with pytest.raises(AnswerError):
        rules.clean_dossier_code("HS<1>")


def test_share_and_mean_follow_sipas():
    tally = tally_of(5, 4, 3, 2, 1)
    assert share_satisfied(tally, "overall") == pytest.approx(0.4)
    assert mean_score(tally, "overall") == pytest.approx(3.0)
    assert sipas_share(tally) == pytest.approx(0.4)


def test_empty_tally_has_no_share():
    assert share_satisfied(Tally(), "overall") is None
    assert sipas_share(Tally()) is None


@pytest.mark.parametrize(
    ("share", "n", "prior", "weight", "expected"),
    [
        (1.0, 10, 0.5, 10, 0.75),
        (1.0, 90, 0.5, 10, 0.95),
        (0.0, 0, 0.5, 10, None),
        (0.8, 20, None, 10, 0.8),
        (0.8, 20, 0.6, 0, 0.8),
    ],
)
def test_smoothed_index_table(share, n, prior, weight, expected):
    result = smoothed_index(share=share, n=n, prior=prior, weight=weight)
    assert result == (pytest.approx(expected) if expected is not None else None)


@given(
    share=st.floats(0, 1),
    n=st.integers(1, 10_000),
    prior=st.floats(0, 1),
    weight=st.integers(1, 100),
)
def test_smoothed_index_lies_between_own_share_and_prior(share, n, prior, weight):
    value = smoothed_index(share=share, n=n, prior=prior, weight=weight)
    assert min(share, prior) - 1e-9 <= value <= max(share, prior) + 1e-9


@given(n=st.integers(1, 5000), weight=st.integers(1, 50))
def test_more_responses_pull_harder_toward_own_share(n, weight):
    small = smoothed_index(share=1.0, n=n, prior=0.0, weight=weight)
    large = smoothed_index(share=1.0, n=n + 1, prior=0.0, weight=weight)
    assert large > small


def test_index_not_published_below_minimum_sample():
    index = compute_index(tally_of(*[5] * 9), prior=0.5, minimum=10)
    assert not index.published and index.n == 9 and index.sipas is None and index.smoothed is None
    published = compute_index(tally_of(*[5] * 10), prior=0.5, minimum=10, weight=10)
    assert published.published and published.smoothed == pytest.approx(0.75)


def test_rank_puts_small_samples_after_published_ones_without_position():
    big_good = compute_index(tally_of(*[5] * 40, *[2] * 10), prior=0.5)
    small_perfect = compute_index(tally_of(*[5] * 10), prior=0.5)
    hidden = compute_index(tally_of(*[5] * 3), prior=0.5)
    ranked = rank([("small", small_perfect), ("hidden", hidden), ("big", big_good)])
    assert [(p, k) for p, k, _i in ranked] == [(1, "big"), (2, "small"), (None, "hidden")]


def test_trend_in_percentage_points_only_when_both_published():
    now = compute_index(tally_of(*[5] * 9, 1), prior=None)
    before = compute_index(tally_of(*[5] * 8, 1, 1), prior=None)
    assert trend(now, before) == pytest.approx(10.0)
    assert trend(now, compute_index(tally_of(5), prior=None)) is None


@pytest.mark.parametrize(
    ("slug", "kind", "start", "end"),
    [
        ("2026", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-q2", "quarter", date(2026, 4, 1), date(2026, 7, 1)),
        ("2026-12", "month", date(2026, 12, 1), date(2027, 1, 1)),
        ("rác", "year", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026-13", "year", date(2026, 1, 1), date(2027, 1, 1)),
    ],
)
def test_parse_period_table(slug, kind, start, end):
    period = parse_period(slug, today=date(2026, 11, 25))
    assert (period.kind, period.start, period.end) == (kind, start, end)


def test_previous_period_and_labels():
    assert previous_period(period_of("quarter", date(2026, 2, 3))).label == "Quý 4/2025"
    assert previous_period(period_of("month", date(2026, 1, 9))).label == "12/2025"
    assert len(period_of("year", date(2026, 5, 1)).months()) == 12


T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def events(count: int, *, step: int, answers=(5,) * 7, ip: int = 1, start_id: int = 1):
    return [
        Event(start_id + i, 7, T0 + timedelta(seconds=step * i), answers, ip) for i in range(count)
    ]


def test_identical_burst_found_once():
    found = find_bursts(
        events(10, step=20), key="identical", window=timedelta(minutes=5), threshold=8
    )
    assert len(found) == 1 and len(found[0].response_ids) == 10


def test_spread_out_identical_ratings_are_not_a_burst():
    found = find_bursts(
        events(10, step=120), key="identical", window=timedelta(minutes=5), threshold=8
    )
    assert found == []


def test_address_burst_ignores_unknown_address():
    assert (
        find_bursts(
            events(20, step=5, ip=0), key="address", window=timedelta(minutes=5), threshold=15
        )
        == []
    )
    assert (
        len(
            find_bursts(
                events(20, step=5, ip=9), key="address", window=timedelta(minutes=5), threshold=15
            )
        )
        == 1
    )


def test_percent_uses_vietnamese_comma():
    assert rules.percent(0.8731) == "87,3 %"
    assert rules.percent(None) == "—"


def test_question_validation_requires_overall_and_known_keys():
    assert rules.validate_questions([{"key": "overall", "label": "Chung?"}])
    with pytest.raises(AnswerError):
        rules.validate_questions([{"key": "access", "label": "A"}])
    with pytest.raises(AnswerError):
        rules.validate_questions([{"key": "overall", "label": "A"}, {"key": "zzz", "label": "B"}])


@pytest.mark.parametrize(
    ("unit", "agency"),
    [
        (1, 1),  # the province itself
        (2, 2),  # a department
        (3, 2),  # its division
        (4, 4),  # a public-service unit under the department
        (5, 5),  # a commune
        (6, 5),  # the commune's public-service centre
        (7, 5),  # a desk of that centre
    ],
)
def test_agency_of_a_unit(unit, agency):
    units = [
        (1, None, "province"),
        (2, 1, "state"),
        (3, 2, "division"),
        (4, 2, "public_service"),
        (5, 1, "commune"),
        (6, 5, "public_service"),
        (7, 6, "division"),
    ]
    assert agency_map(units)[unit] == agency
