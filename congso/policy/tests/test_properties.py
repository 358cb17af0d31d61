"""Properties that must hold for every input (hypothesis): ceilings and violations never
raise anyone, the quota never promotes, decisions are deterministic and independent of order,
every decision explains itself in Vietnamese (NFC) with its article."""

from __future__ import annotations

import json
import random
import unicodedata
from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from congso.policy.contract import evaluate_document
from congso.policy.engine import decide
from congso.policy.facts import CaseFacts, Decision, Discipline, LeaderUnit, Violation
from congso.policy.switches import (
    DEFAULT_POLICY,
    NATIONAL_ONLY,
    Policy,
    ProvincialLayer,
    QuotaReading,
)
from congso.policy.units import QuotaGroup, htxsnv_quota

RANK = {"not_rated": -1, "KHTNV": 0, "HTNV": 1, "HTTNV": 2, "HTXSNV": 3}

shares = st.decimals(min_value=0, max_value=1, places=2)
months = st.decimals(min_value=0, max_value=12, places=1)
years = st.integers(min_value=2020, max_value=2030)


@st.composite
def disciplines(draw: st.DrawFn, year: int) -> Discipline:
    return Discipline(
        form=draw(st.sampled_from(["khien_trach", "canh_cao", "cach_chuc", "buoc_thoi_viec"])),
        effective_date=date(draw(st.integers(year - 1, year + 1)), draw(st.integers(1, 12)), 1),
        already_counted_year=draw(st.none() | st.integers(year - 2, year)),
        source=draw(st.sampled_from(["administrative", "party"])),
        duty_related=draw(st.booleans()),
    )


@st.composite
def violations(draw: st.DrawFn, year: int) -> Violation:
    return Violation(
        kind=draw(st.sampled_from(["office_culture", "public_place_culture", "other"])),
        on=date(draw(st.integers(year - 1, year)), draw(st.integers(1, 12)), 28),
        status=draw(st.sampled_from(["confirmed", "dismissed", "reversed_on_appeal"])),
    )


@st.composite
def case_facts(draw: st.DrawFn) -> CaseFacts:
    year = draw(years)
    is_leader = draw(st.booleans())
    unit = None
    if is_leader and draw(st.booleans()):
        unit = LeaderUnit(*(draw(st.none() | shares) for _ in range(5)))
    return CaseFacts(
        year=year,
        category=draw(st.sampled_from(["cong_chuc", "can_bo", "vien_chuc"])),
        is_leader=is_leader,
        months_worked=draw(months),
        months_absent=draw(months),
        maternity=draw(st.booleans()),
        common_points=draw(st.decimals(min_value=0, max_value=30, places=2)),
        task_points=draw(st.decimals(min_value=0, max_value=70, places=2)),
        tasks_on_time_share=draw(shares),
        tasks_exceeded_share=draw(shares),
        criteria_failed_share=draw(shares),
        unit=unit,
        discipline=tuple(draw(st.lists(disciplines(year), max_size=3))),
        violations=tuple(draw(st.lists(violations(year), max_size=3))),
        administrative_fine=draw(st.booleans()),
        recognised_initiative=draw(st.booleans()),
        open_case_or_inspection=draw(st.booleans()),
        concluded_degradation=draw(st.booleans()),
        managed_unit_corruption_handled=draw(st.booleans()),
        new_recruit=draw(st.booleans()),
    )


def outcome(decision: Decision) -> tuple[str, bool, bool, bool]:
    return (
        decision.classification,
        decision.ldtt_eligible,
        decision.cstdcs_eligible,
        decision.award_frozen,
    )


def not_better(after: Decision, before: Decision) -> bool:
    return (
        RANK[after.classification] <= RANK[before.classification]
        and after.ldtt_eligible <= before.ldtt_eligible
        and after.cstdcs_eligible <= before.cstdcs_eligible
    )


@settings(max_examples=200, deadline=None)
@given(case_facts())
def test_decisions_are_deterministic(facts: CaseFacts) -> None:
    assert decide(facts) == decide(facts)


@settings(max_examples=200, deadline=None)
@given(case_facts(), st.randoms(use_true_random=False))
def test_order_of_discipline_and_violations_does_not_matter(
    facts: CaseFacts, rng: random.Random
) -> None:
    shuffled_discipline = list(facts.discipline)
    shuffled_violations = list(facts.violations)
    rng.shuffle(shuffled_discipline)
    rng.shuffle(shuffled_violations)
    other = replace(
        facts, discipline=tuple(shuffled_discipline), violations=tuple(shuffled_violations)
    )
    assert outcome(decide(other)) == outcome(decide(facts))
    assert {r.code for r in decide(other).reasons} == {r.code for r in decide(facts).reasons}


@settings(max_examples=200, deadline=None)
@given(
    case_facts(), st.sampled_from(["office_culture", "public_place_culture"]), st.integers(1, 12)
)
def test_adding_a_confirmed_culture_violation_never_raises_anyone(
    facts: CaseFacts, kind: str, month: int
) -> None:
    added = replace(
        facts,
        violations=(*facts.violations, Violation(kind, date(facts.year, month, 1), "confirmed")),
    )
    before, after = decide(facts), decide(added)
    assert not_better(after, before)
    if before.classification != "not_rated":
        assert RANK[after.classification] <= RANK["HTNV"]


@settings(max_examples=200, deadline=None)
@given(case_facts())
def test_the_directive_ceiling_never_raises_a_level(facts: CaseFacts) -> None:
    without_layer = Policy(province=replace(ProvincialLayer(), directive_culture_cap=False))
    assert not_better(decide(facts), decide(facts, without_layer))


@settings(max_examples=200, deadline=None)
@given(case_facts())
def test_the_provincial_layer_never_raises_anyone(facts: CaseFacts) -> None:
    assert not_better(decide(facts), decide(facts, NATIONAL_ONLY))


@settings(max_examples=200, deadline=None)
@given(case_facts(), st.integers(1, 12))
def test_discipline_in_the_year_never_raises_anyone(facts: CaseFacts, month: int) -> None:
    added = replace(
        facts,
        discipline=(*facts.discipline, Discipline("khien_trach", date(facts.year, month, 1))),
    )
    after = decide(added)
    assert not_better(after, decide(facts))
    assert not after.ldtt_eligible
    if after.classification != "not_rated":
        assert after.classification == "KHTNV"


@settings(max_examples=200, deadline=None)
@given(case_facts(), st.decimals(min_value=0, max_value=10, places=2))
def test_more_points_never_lower_an_nd335_level(facts: CaseFacts, extra: Decimal) -> None:
    facts = replace(facts, category="cong_chuc", year=max(facts.year, 2026))
    task = facts.task_points or Decimal(0)
    more = replace(facts, task_points=min(Decimal(70), task + extra))
    assert RANK[decide(more).classification] >= RANK[decide(facts).classification]


@settings(max_examples=200, deadline=None)
@given(case_facts())
def test_titles_follow_the_classification(facts: CaseFacts) -> None:
    decision = decide(facts)
    if decision.cstdcs_eligible:
        assert decision.ldtt_eligible and facts.recognised_initiative
    if decision.ldtt_eligible:
        assert decision.classification in {"HTTNV", "HTXSNV"}
    assert decision.award_frozen == facts.open_case_or_inspection


@settings(max_examples=200, deadline=None)
@given(case_facts())
def test_every_decision_explains_itself_in_vietnamese_with_its_article(facts: CaseFacts) -> None:
    decision = decide(facts)
    assert decision.reasons
    for reason in decision.reasons:
        assert reason.code and reason.text_vi and reason.basis
        assert unicodedata.is_normalized("NFC", reason.text_vi)
        assert unicodedata.is_normalized("NFC", reason.basis)
    # the level has a reason of its own (regime reasons aside)
    level_codes = {r.code for r in decision.reasons if not r.code.startswith("R1_")}
    assert level_codes & LEVEL_CODES


LEVEL_CODES = {
    "R8_NOT_RATED",
    "R2_BAND_HTXSNV",
    "R2_BAND_HTTNV",
    "R2_BAND_HTNV",
    "R2_BAND_KHTNV",
    "R3_DEGRADATION",
    "R3_DISCIPLINE",
    "R3_MANAGED_UNIT_CORRUPTION",
    "R4_HTXSNV",
    "R4_HTTNV",
    "R4_HTNV",
    "R4_GAP_KHTNV",
    "R4_FAILED_OVER_HALF",
    "R5_HTXSNV",
    "R5_HTTNV",
    "R5_HTNV",
    "R5_KHTNV",
    "R6_DEGRADATION",
    "R6_DISCIPLINE",
    "R6_MANAGED_UNIT_CORRUPTION",
}


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 200),
    st.integers(0, 60),
    st.integers(0, 60),
    st.sampled_from(["final_count", "httnv_only", "httnv_plus_candidates"]),
)
def test_the_quota_never_promotes_and_loses_nobody(
    httnv: int, candidates: int, capped: int, reading: QuotaReading
) -> None:
    capped = min(capped, candidates)
    policy = Policy(assumptions=replace(DEFAULT_POLICY.assumptions, q1_quota_reading=reading))
    group = htxsnv_quota((QuotaGroup("g", httnv, candidates, capped),), True, policy).groups[0]
    assert 0 <= group.allowed <= candidates - capped
    assert group.final_htxsnv + group.final_httnv + group.htnv_from_cap == httnv + candidates
    assert group.final_httnv >= httnv  # nobody rated HTTNV moves up
    if reading == "final_count":
        assert 5 * group.final_htxsnv <= group.final_httnv


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _case_json(index: int, facts: CaseFacts) -> dict[str, object]:
    return {
        "id": f"P-{index}",
        "year": facts.year,
        "category": facts.category,
        "is_leader": facts.is_leader,
        "inputs": {
            "common_points": _num(facts.common_points),  # repr round-trips 2 places
            "task_points": _num(facts.task_points),
            "tasks_on_time_share": _num(facts.tasks_on_time_share),
            "tasks_exceeded_share": _num(facts.tasks_exceeded_share),
            "criteria_failed_share": _num(facts.criteria_failed_share),
            "months_worked": _num(facts.months_worked),
            "months_absent": _num(facts.months_absent),
            "maternity": facts.maternity,
            "discipline": [
                {
                    "form": d.form,
                    "effective_date": d.effective_date.isoformat(),
                    "already_counted_year": d.already_counted_year,
                    "source": d.source,
                    "duty_related": d.duty_related,
                }
                for d in facts.discipline
            ],
            "violations": [
                {"kind": v.kind, "date": v.on.isoformat(), "status": v.status}
                for v in facts.violations
            ],
            "administrative_fine": facts.administrative_fine,
            "recognised_initiative": facts.recognised_initiative,
            "open_case_or_inspection": facts.open_case_or_inspection,
        },
    }


def _document(cases: list[dict[str, object]]) -> str:
    # float repr is the shortest text that round-trips, so 89.99 is written "89.99" and read
    # back as Decimal("89.99") by the contract (parse_float=Decimal).
    return json.dumps({"cases": cases}, ensure_ascii=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(case_facts(), min_size=1, max_size=8), st.randoms(use_true_random=False))
def test_document_results_do_not_depend_on_case_order(
    facts_list: list[CaseFacts], rng: random.Random
) -> None:
    cases = [_case_json(i, f) for i, f in enumerate(facts_list)]
    answer, status = evaluate_document(_document(cases))
    shuffled = list(cases)
    rng.shuffle(shuffled)
    again, status_again = evaluate_document(_document(shuffled))
    assert status == status_again
    by_id = {r["id"]: r for r in answer["results"]}
    assert by_id == {r["id"]: r for r in again["results"]}
    assert [r["id"] for r in again["results"]] == [c["id"] for c in shuffled]
