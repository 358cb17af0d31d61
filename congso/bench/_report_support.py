"""Shared set-up of the report benchmarks (`report-annual`, `dashboard`): a province with a
full year (2025) of demo-scale data, built fast with bulk inserts (no audit rows: a throw-away
database), reusing the other benchmarks' builders:

- 40 agencies with a division each and 100 communes, 40 000 staff with assignments
  (`_dissemination_support.build_province`), one head per unit (`org.rules.HEAD_TITLES`);
- three counters per agency or commune and officer targets (five per agency or commune, two per
  division); ratings generated inside the database (`survey_dashboard._grow`) and the rollups
  built from them (`rollups_fill`), grown in steps so a benchmark can measure at two sizes;
- 10 000 misconduct cases across the year (half concluded, a fifth dismissed);
- a published classification run per agency and commune with a result for every person;
- a plan with 5 000 registrations, a decision with 1 140 awards (1 000 people, 140 units);
- three province-wide campaigns with their receipts and completion rollup
  (`dissemination_completion.build_campaigns`), a course attended by a fifth of the staff.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection
from django.utils import timezone

YEAR = 2025


@dataclass
class Province:
    root: object
    units: list  # agencies, their divisions, communes
    people: list
    targets: int
    min_target: int
    version_id: int
    ratings: int = 0
    seconds: dict | None = None


def _heads(units, people) -> None:
    from congso.org.models import Person

    titles = {"state": "Giám đốc Sở", "division": "Trưởng phòng", "commune": "Chủ tịch UBND xã"}
    first: dict[int, Person] = {}
    for person in people:
        first.setdefault(person.unit_id, person)
    kinds = {u.pk: u.kind for u in units}
    for unit_id, person in first.items():
        person.is_leader = True
        person.position = titles.get(kinds[unit_id], "Trưởng")
    Person.objects.bulk_update(list(first.values()), ["is_leader", "position"], batch_size=2000)


def _targets(units, people) -> tuple[int, int]:
    from congso.org.models import ServiceCounter
    from congso.surveys.models import SurveyTarget
    from congso.surveys.services.common import new_code

    top = [u for u in units if u.kind != "division"]
    agency_of = {u.pk: (u.parent_id if u.kind == "division" else u.pk) for u in units}
    ServiceCounter.unscoped.bulk_create(
        [ServiceCounter(unit=u, name=f"Quầy {i + 1}") for u in top for i in range(3)]
    )
    now = timezone.now()
    rows = [
        SurveyTarget(
            kind="counter",
            counter_id=c,
            unit_id=u,
            agency_id=u,
            code=new_code(),
            code_issued_at=now,
        )
        for c, u in ServiceCounter.unscoped.values_list("id", "unit_id")
    ]
    per_unit: dict[int, int] = {}
    for person in people:
        wanted = 2 if agency_of[person.unit_id] != person.unit_id else 5
        if per_unit.get(person.unit_id, 0) >= wanted:
            continue
        per_unit[person.unit_id] = per_unit.get(person.unit_id, 0) + 1
        rows.append(
            SurveyTarget(
                kind="officer",
                person_id=person.pk,
                unit_id=person.unit_id,
                agency_id=agency_of[person.unit_id],
                code=new_code(),
                code_issued_at=now,
            )
        )
    SurveyTarget.unscoped.bulk_create(rows, batch_size=2000)
    first = SurveyTarget.unscoped.order_by("id").values_list("id", flat=True).first()
    return len(rows), first


def _cases(units, people, n: int, rng: random.Random) -> None:
    from congso.cases.models import Case
    from congso.conduct.models import ViolationCategory

    categories = list(ViolationCategory.objects.values_list("id", flat=True))
    tz = timezone.get_current_timezone()
    rows, opened = [], []
    for i in range(n):
        person = people[rng.randrange(len(people))]
        day = date(YEAR, 1, 1) + timedelta(days=rng.randrange(350))
        roll = rng.random()
        state = "confirmed" if roll < 0.5 else ("dismissed" if roll < 0.7 else "verifying")
        rows.append(
            Case(
                unit_id=person.unit_id,
                code=f"VV-BC-{i:06d}",
                kind="misconduct",
                source="head_record",
                summary="Đi làm muộn, không đeo thẻ công chức",
                state=state,
                person_id=person.pk,
                category_id=rng.choice(categories) if categories else None,
                stage_started_on=day,
                confirmed_on=day + timedelta(days=rng.randint(3, 40))
                if state == "confirmed"
                else None,
            )
        )
        opened.append(timezone.make_aware(datetime.combine(day, datetime.min.time()), tz))
    Case.unscoped.bulk_create(rows, batch_size=2000)
    by_day: dict = {}
    for case, at in zip(rows, opened, strict=True):
        by_day.setdefault(at, []).append(case.code)
    for at, codes in by_day.items():  # auto_now_add set "now" on insert: put the year back
        Case.unscoped.filter(code__in=codes).update(created_at=at)


def _classification(units, people, rng: random.Random) -> None:
    from congso.evaluation.models import Result, Run

    top = {u.pk: u for u in units if u.kind != "division"}
    agency_of = {u.pk: (u.parent_id if u.kind == "division" else u.pk) for u in units}
    runs = {
        pk: Run(unit_id=pk, year=YEAR, state="published", published_on=date(YEAR + 1, 1, 10))
        for pk in top
    }
    Run.unscoped.bulk_create(list(runs.values()))
    levels = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]
    weights = [0.12, 0.7, 0.15, 0.03]
    rows = []
    for person in people:
        level = rng.choices(levels, weights)[0]
        capped = level == "HTNV" and rng.random() < 0.1
        rows.append(
            Result(
                unit_id=person.unit_id,
                run_id=runs[agency_of[person.unit_id]].pk,
                person_id=person.pk,
                category=person.category,
                proposed=level,
                classification=level,
                rule_set="nd335_2025",
                reasons=[{"code": "R9_DIRECTIVE_CAP", "text_vi": "Vi phạm", "basis": "Chỉ thị"}]
                if capped
                else [],
            )
        )
    Result.unscoped.bulk_create(rows, batch_size=4000)


def _emulation(root, units, people, rng: random.Random) -> None:
    from congso.emulation.models import Award, AwardTitle, Decision, Plan, Registration

    by_code = {t.code: t for t in AwardTitle.objects.all()}
    plan = Plan.unscoped.create(
        unit=root,
        year=YEAR,
        name=f"Kế hoạch thi đua năm {YEAR}",
        registration_deadline=date(YEAR, 3, 31),
    )
    plan.titles.set([by_code["ldtt"]])
    chosen = rng.sample(people, min(5000, len(people) // 2))
    Registration.unscoped.bulk_create(
        [
            Registration(
                plan=plan,
                unit_id=p.unit_id,
                title=by_code["ldtt"],
                person_id=p.pk,
                state="approved" if i % 4 else "submitted",
            )
            for i, p in enumerate(chosen)
        ],
        batch_size=2000,
    )
    decision = Decision.unscoped.create(
        unit=root,
        year=YEAR,
        number=1,
        signed_on=date(YEAR, 12, 20),
        signer="Nguyễn Văn Ký",
        signer_title="Chủ tịch UBND tỉnh",
        subject="Tặng danh hiệu thi đua năm 2025",
    )
    awards = [
        Award(
            unit_id=p.unit_id,
            decision=decision,
            title=by_code["ldtt"],
            person_id=p.pk,
            subject_name=p.full_name,
            amount=540_000,
            code=f"BC{i:06d}",
        )
        for i, p in enumerate(chosen[: len(chosen) // 5])
    ]
    awards += [
        Award(
            unit_id=u.pk,
            decision=decision,
            title=by_code["ttldtt"],
            subject_name=u.name,
            amount=1_080_000,
            code=f"BT{i:06d}",
        )
        for i, u in enumerate(units[:140])
    ]
    Award.unscoped.bulk_create(awards, batch_size=2000)


def _training(root, people, rng: random.Random) -> None:
    from congso.dissemination.models import Activity, Course, Participation

    Activity.unscoped.create(
        unit=root,
        kind="talk",
        title="Tọa đàm văn hóa công vụ",
        start_on=date(YEAR, 5, 1),
        end_on=date(YEAR, 5, 1),
    )
    course = Course.unscoped.create(
        unit=root,
        title="Bồi dưỡng văn hóa công vụ",
        start_on=date(YEAR, 6, 2),
        end_on=date(YEAR, 6, 6),
    )
    Participation.unscoped.bulk_create(
        [
            Participation(
                unit_id=p.unit_id,
                course=course,
                person_id=p.pk,
                attended=True,
                passed=rng.random() < 0.9,
            )
            for p in rng.sample(people, len(people) // 5)
        ],
        batch_size=4000,
    )


def build_province_year(*, staff: int, cases: int, campaigns: int = 3) -> Province:
    from congso.bench._dissemination_support import build_province
    from congso.bench.dissemination_completion import build_campaigns
    from congso.surveys.services.templates import template_default

    rng = random.Random(20251231)
    seconds = {}
    start = time.perf_counter()
    root, units, people = build_province(staff, rng)
    _heads(units, people)
    targets, min_target = _targets(units, people)
    seconds["org_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    _cases(units, people, cases, rng)
    _classification(units, people, rng)
    _emulation(root, units, people, rng)
    build_campaigns(root, people, campaigns, rng)
    _training(root, people, rng)
    seconds["other_s"] = round(time.perf_counter() - start, 1)
    return Province(
        root, units, people, targets, min_target, template_default().current_id, 0, seconds
    )


def grow_ratings(province: Province, to: int) -> dict:
    """Ratings up to `to` (generated in the database), then the rollups rebuilt from them."""
    from congso.bench.survey_dashboard import _grow
    from congso.surveys.models import MonthlyRollup
    from congso.surveys.services.rollups import rollups_fill

    generate = _grow(
        to=to,
        have=province.ratings,
        version_id=province.version_id,
        min_target=province.min_target,
        targets=province.targets,
    )
    province.ratings = to
    start = time.perf_counter()
    rollups_fill(kind="day")
    rollups_fill(kind="month", from_daily=True)
    rollups = time.perf_counter() - start
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {MonthlyRollup._meta.db_table}")
            cursor.execute("ANALYZE")
    return {"ratings": to, "generate_s": round(generate, 1), "rollups_s": round(rollups, 1)}
