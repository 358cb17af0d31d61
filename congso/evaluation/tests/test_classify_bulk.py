"""The bulk classification path (gather every input at once, decide, write in bulk) gives the
same results and reasons as deciding each person on their own, and its query count does not
depend on the number of people."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from congso.cases.choices import CaseSource, CaseState, MeasureKind, Severity
from congso.cases.models import AwardFreeze
from congso.cases.services import case_create, case_set_finding, case_transition
from congso.cases.services.handling import measure_record
from congso.cases.tests.helpers import category, publish_code
from congso.common.testing import build_world, make_person
from congso.evaluation import gather as gathering
from congso.evaluation.models import LeaveRecord, Result, Run, YearFacts
from congso.evaluation.services import classification, classify
from congso.evaluation.services.classification import apply_quota, decide_person, unit_titles
from congso.evaluation.tests.factories import final_sheets
from congso.org.models import Assignment
from congso.policy.switches import DEFAULT_POLICY

pytestmark = pytest.mark.django_db

COMPARED = (
    "unit_id",
    "category",
    "task_group",
    "proposed",
    "classification",
    "total_points",
    "quota_candidate",
    "quota_kept",
    "ldtt_eligible",
    "cstdcs_eligible",
    "award_frozen",
    "rule_set",
    "reasons",
    "inputs",
)


def _confirmed(unit, person, occurred_on=date(2026, 4, 12)):
    publish_code(unit)
    case = case_create(
        actor=None,
        unit=unit,
        source=CaseSource.HEAD_RECORD,
        summary="Hút thuốc trong phòng họp",
        person=person,
        kind="misconduct",
        occurred_on=occurred_on,
    )
    case_set_finding(actor=None, case=case, category=category(), severity=Severity.MINOR)
    case_transition(actor=None, case=case, to=CaseState.VERIFYING)
    return case_transition(actor=None, case=case, to=CaseState.CONFIRMED)


def _mixed_world():
    """Two agencies (one with a division) and people of every kind the rules treat apart."""
    world = build_world()
    a, div, b = world.agency_a, world.division_a, world.agency_b
    people = {}
    # Quota: six high scorers in agency A's default group, two of them tied at the top.
    for i in range(6):
        people[f"quota{i}"] = make_person(a if i % 2 else div, full_name=f"Xuất Sắc {i}")
        final_sheets(people[f"quota{i}"], a, 2026, common="28", task="65" if i < 3 else "63")
    for i in range(5):
        people[f"good{i}"] = make_person(a, full_name=f"Tốt {i}")
        final_sheets(people[f"good{i}"], a, 2026, common="27", task="50")
    # Cap by a confirmed office-culture violation (R9).
    people["capped"] = make_person(a, full_name="Bị Giới Hạn")
    final_sheets(people["capped"], a, 2026, common="29", task="66")
    # Maternity leave of four months (no ceiling, A7) and a sickness leave of four (ceiling).
    people["maternity"] = make_person(a, full_name="Thai Sản", sex="F")
    final_sheets(people["maternity"], a, 2026, common="28", task="64")
    people["sick"] = make_person(b, full_name="Nghỉ Ốm")
    final_sheets(people["sick"], b, 2026, common="28", task="64")
    # Discipline taking effect in the year (R3, KHTNV).
    people["disciplined"] = make_person(b, full_name="Bị Kỷ Luật")
    final_sheets(people["disciplined"], b, 2026, common="26", task="60")
    # A viên chức rated by the NĐ 90/48 shares, with an initiative and a task group.
    people["vien_chuc"] = make_person(b, full_name="Viên Chức", category="vien_chuc")
    final_sheets(people["vien_chuc"], b, 2026, shares=("1", "0.6", "0"))
    # An award freeze, a fine, a short post (not rated) and one without a finalised sheet.
    people["frozen"] = make_person(b, full_name="Tạm Dừng")
    final_sheets(people["frozen"], b, 2026, common="28", task="62")
    people["fined"] = make_person(b, full_name="Bị Phạt")
    final_sheets(people["fined"], b, 2026, common="28", task="55")
    people["short"] = make_person(b, full_name="Mới Chuyển")
    final_sheets(people["short"], b, 2026, common="28", task="60", months=range(9, 13))
    people["no_sheet"] = make_person(b, full_name="Chưa Có Phiếu")
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    Assignment.unscoped.filter(person=people["short"]).update(start_date=date(2026, 9, 1))

    _confirmed(a, people["capped"])
    case = _confirmed(b, people["disciplined"], occurred_on=date(2026, 2, 3))
    case_transition(actor=None, case=case, to=CaseState.HANDLING)
    measure_record(
        actor=None,
        case=case,
        kind=MeasureKind.DISCIPLINE,
        discipline_form="khien_trach",
        decision_number="7/QĐ-SYT",
        decision_date=date(2026, 5, 10),
        duration_months=12,
    )
    LeaveRecord.unscoped.create(
        unit=a,
        person=people["maternity"],
        kind="maternity",
        start=date(2026, 3, 1),
        end=date(2026, 6, 30),
    )
    LeaveRecord.unscoped.create(
        unit=b,
        person=people["sick"],
        kind="sickness",
        start=date(2026, 2, 1),
        end=date(2026, 5, 31),
    )
    YearFacts.unscoped.create(
        unit=b, person=people["vien_chuc"], year=2026, task_group="Y tế", recognised_initiative=True
    )
    YearFacts.unscoped.create(unit=b, person=people["fined"], year=2026, administrative_fine=True)
    AwardFreeze.unscoped.create(
        unit=b,
        person=people["frozen"],
        reason="case",
        ref="test:1",
        opened_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    return world, people


def test_bulk_classification_equals_each_person_decided_alone():
    world, people = _mixed_world()
    classify(actor=None, year=2026, unit=world.province)
    stored = {r.person_id: r for r in Result.unscoped.all()}

    # The per-person path (the one that marks a result for review): gather one person's
    # inputs, decide them, then the quota per agency over those single decisions.
    by_agency = defaultdict(list)
    for person_id in stored:
        (item,) = gathering.gather(year=2026, unit=world.province, person_ids=[person_id])
        by_agency[item.agency_id].append(decide_person(item, DEFAULT_POLICY))
    alone = {}
    for agency_id, results in by_agency.items():
        run = Run.unscoped.get(unit_id=agency_id, year=2026)
        assert run.quota == apply_quota(results, DEFAULT_POLICY)
        assert run.titles == unit_titles(results, "", DEFAULT_POLICY)
        alone.update({r.person_id: r for r in results})

    assert set(alone) == set(stored)
    for person_id, result in stored.items():
        for name in COMPARED:
            assert getattr(result, name) == getattr(alone[person_id], name), (person_id, name)

    level = {key: stored[p.pk].classification for key, p in people.items()}
    codes = {key: [r["code"] for r in stored[p.pk].reasons] for key, p in people.items()}
    # The mix really covers what it claims to.
    assert level["capped"] == "HTNV" and "R9_DIRECTIVE_CAP" in codes["capped"]
    assert level["maternity"] == "HTXSNV" or "R10_REFUSED" in codes["maternity"]
    assert stored[people["maternity"].pk].inputs["maternity"] is True
    assert level["sick"] == "HTNV" and "R8_ABSENCE_CEILING" in codes["sick"]
    assert level["disciplined"] == "KHTNV"
    assert stored[people["disciplined"].pk].inputs["discipline"][0]["form"] == "khien_trach"
    assert level["short"] == "not_rated" and level["no_sheet"] == "incomplete"
    assert stored[people["frozen"].pk].award_frozen is True
    assert "R12_ADMINISTRATIVE_FINE" in codes["fined"]
    assert stored[people["vien_chuc"].pk].rule_set == "nd90_2020_nd48_2023"
    refused = [p for p in people.values() if "R10_REFUSED" in codes[_key(people, p)]]
    kept = [r for r in stored.values() if r.quota_kept]
    assert refused and kept


def _key(people, person):
    return next(k for k, p in people.items() if p.pk == person.pk)


def _staff(world, n: int, tag: str):
    for i in range(n):
        unit = (world.agency_a, world.division_a, world.agency_b)[i % 3]
        person = make_person(
            unit, full_name=f"Người {tag} {i}", category=("cong_chuc", "vien_chuc")[i % 2]
        )
        final_sheets(person, unit, 2026, common="28", task=str(50 + i % 20), months=range(1, 4))
        if i % 4 == 0:
            LeaveRecord.unscoped.create(
                unit=unit,
                person=person,
                kind="sickness",
                start=date(2026, 1, 5),
                end=date(2026, 1, 9),
            )
        if i % 5 == 0:
            YearFacts.unscoped.create(unit=unit, person=person, year=2026, task_group=f"G{i % 3}")


def _queries(world) -> int:
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    with CaptureQueriesContext(connection) as ctx:
        classify(actor=None, year=2026, unit=world.province)
    return len(ctx.captured_queries)


def test_classification_query_count_does_not_grow_with_the_people():
    world = build_world()
    _staff(world, 10, "a")
    first = _queries(world)  # creates the runs
    again = _queries(world)  # recomputes the proposals
    _staff(world, 20, "b")
    assert Result.unscoped.count() == 10 + 3  # the world's own three people
    assert _queries(world) == again
    assert Result.unscoped.count() == 30 + 3
    assert first > 0


def _stored():
    return {
        r.person_id: tuple(getattr(r, name) for name in COMPARED)
        for r in Result.unscoped.order_by("person_id")
    }


def test_a_run_in_chunks_of_agencies_stores_what_one_read_stores(monkeypatch):
    world, _people = _mixed_world()
    classify(actor=None, year=2026, unit=world.province)
    whole = _stored()
    runs = {r.unit_id: (r.pk, r.quota, r.titles) for r in Run.unscoped.all()}
    # Six people per chunk at most: agency A (with its division) and agency B read apart.
    monkeypatch.setattr(classification, "CHUNK_PEOPLE", 6)
    assert (
        len(
            classification.plan_chunks(
                world.province, [world.agency_a, world.agency_b], gathering.unit_map()
            )
        )
        == 2
    )
    with CaptureQueriesContext(connection) as ctx:
        classify(actor=None, year=2026, unit=world.province)
    assert _stored() == whole
    assert {r.unit_id: (r.pk, r.quota, r.titles) for r in Run.unscoped.all()} == runs
    assert sum('FROM "evaluation_sheet"' in q["sql"] for q in ctx.captured_queries) == 2
