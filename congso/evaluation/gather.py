"""Reading a year's inputs for many people at once: a fixed number of queries, whatever the
number of people (each table is read once, filtered by the people's units' subtree).

Sources: finalised periodic sheets (annual points or shares), assignments and leave records
(months worked and absent, maternity), year facts (task group, initiative, fine, degradation,
new recruit), cases (discipline measures, confirmed and reversed violations, open cases and
inspections through the award freeze) and earlier results (count-once, R7).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from congso.cases.choices import CaseKind
from congso.cases.models import AwardFreeze, Case, Measure
from congso.cases.rules import FINDING_STATES
from congso.common.scoping import subtree
from congso.evaluation import leaders, rules
from congso.evaluation.models import LeaveRecord, Result, Sheet, SheetState, YearFacts
from congso.org.models import Assignment, OrgUnit, Person, UnitKind
from congso.policy.facts import CaseFacts, Discipline, Violation

CATEGORIES = ("cong_chuc", "can_bo", "vien_chuc")
CULTURE_KINDS = {"office": "office_culture", "public_place": "public_place_culture"}
LEADER_UNIT_FIELDS = (
    "completed_share",
    "on_time_share",
    "exceeded_share",
    "subordinates_htnv_plus_share",
    "subordinates_httnv_plus_share",
)


@dataclass
class PersonInputs:
    """One person's year as read from the database (`facts` is what policy/ decides on)."""

    person_id: int
    unit_id: int
    agency_id: int
    category: str
    is_leader: bool
    task_group: str
    periods: int
    facts: CaseFacts
    violations: list[dict] = field(default_factory=list)
    discipline: list[dict] = field(default_factory=list)

    def snapshot(self) -> dict:
        """The inputs as stored beside the result (JSON, decimals as text)."""
        f = self.facts
        data = {
            "category": f.category,
            "is_leader": f.is_leader,
            "periods_finalised": self.periods,
            "months_worked": str(f.months_worked),
            "months_absent": str(f.months_absent),
            "maternity": f.maternity,
            "administrative_fine": f.administrative_fine,
            "recognised_initiative": f.recognised_initiative,
            "open_case_or_inspection": f.open_case_or_inspection,
            "concluded_degradation": f.concluded_degradation,
            "new_recruit": f.new_recruit,
            "task_group": self.task_group,
            "discipline": self.discipline,
            "violations": self.violations,
        }
        for name in (
            "common_points",
            "task_points",
            "tasks_on_time_share",
            "tasks_exceeded_share",
            "criteria_failed_share",
        ):
            value = getattr(f, name)
            if value is not None:
                data[name] = str(value)
        if f.unit is not None:  # NĐ 90/48 leaders: the figures of the unit led (leaders.py)
            for name in LEADER_UNIT_FIELDS:
                value = getattr(f.unit, name)
                if value is not None:
                    data[f"unit_{name}"] = str(value)
        return data


def agency_of(unit_id: int, units: dict[int, tuple[int | None, str]]) -> int:
    """The nearest unit at or above `unit_id` that is not a division (surveys' rule)."""
    current = unit_id
    while True:
        parent, kind = units[current]
        if kind != UnitKind.DIVISION or parent is None:
            return current
        current = parent


def unit_map() -> dict[int, tuple[int | None, str]]:
    return {
        pk: (parent, kind)
        for pk, parent, kind in OrgUnit.unscoped.values_list("id", "parent_id", "kind")
    }


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max), timezone.get_current_timezone())


def gather(
    *, year: int, unit: OrgUnit, person_ids: Iterable[int] | None = None
) -> list[PersonInputs]:
    """The inputs of every rated person (cán bộ, công chức, viên chức in post during `year`)
    whose current unit is `unit` or below it."""
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    in_tree = subtree(unit, via="person__unit")
    people = Person.unscoped.filter(subtree(unit), category__in=CATEGORIES)
    if person_ids is not None:
        ids = list(person_ids)
        people = people.filter(id__in=ids)
        in_tree &= Q(person_id__in=ids)
    assignments: dict[int, list] = defaultdict(list)
    for pid, a, b in (
        Assignment.unscoped.filter(in_tree, start_date__lt=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=start))
        .values_list("person_id", "start_date", "end_date")
    ):
        assignments[pid].append((a, b))
    leave: dict[int, list] = defaultdict(list)
    for pid, kind, a, b in LeaveRecord.unscoped.filter(
        in_tree, start__lt=end, end__gte=start
    ).values_list("person_id", "kind", "start", "end"):
        leave[pid].append((kind, a, b))
    # One row per person: sums and counts in the database (exact on PostgreSQL's numeric;
    # SQLite's sums come back quantized to the field's places), means in Decimal here.
    sheets = {
        row[0]: row[1:]
        for row in Sheet.unscoped.filter(in_tree, year=year, state=SheetState.FINAL)
        .values("person_id")
        .annotate(
            n=Count("id"),
            common=Sum("common_points"),
            nc=Count("common_points"),
            task=Sum("task_points"),
            nt=Count("task_points"),
            on_time=Sum("on_time_share"),
            exceeded=Sum("exceeded_share"),
            failed=Sum("failed_share"),
            ns=Count("on_time_share"),
        )
        .order_by()
        .values_list(
            "person_id", "n", "common", "nc", "task", "nt", "on_time", "exceeded", "failed", "ns"
        )
    }
    year_facts = {
        row[0]: row[1:]
        for row in YearFacts.unscoped.filter(in_tree, year=year).values_list(
            "person_id",
            "task_group",
            "recognised_initiative",
            "administrative_fine",
            "concluded_degradation",
            "new_recruit",
        )
    }
    case_tree = subtree(unit, via="case__person__unit")
    if person_ids is not None:
        case_tree &= Q(case__person_id__in=ids)
    khtnv_before = set(
        Result.unscoped.filter(in_tree, run__year__lt=year, classification="KHTNV").values_list(
            "person_id", "run__year"
        )
    )
    discipline: dict[int, list] = defaultdict(list)
    for pid, form, on, occurred, code in Measure.objects.filter(
        case_tree, kind="discipline", decision_date__isnull=False, decision_date__lt=end
    ).values_list(
        "case__person_id", "discipline_form", "decision_date", "case__occurred_on", "case__code"
    ):
        counted = occurred.year if occurred and (pid, occurred.year) in khtnv_before else None
        discipline[pid].append((form, on, counted, code))
    violations: dict[int, list] = defaultdict(list)
    case_rows = (
        Case.unscoped.filter(
            subtree(unit, via="person__unit"),
            kind=CaseKind.MISCONDUCT,
            confirmed_on__isnull=False,
            state__in=list(FINDING_STATES),
        )
        .filter(Q(occurred_on__year=year) | Q(occurred_on__isnull=True, confirmed_on__year=year))
        .values_list(
            "person_id", "culture", "occurred_on", "confirmed_on", "reversed", "code", "clause_id"
        )
    )
    if person_ids is not None:
        case_rows = case_rows.filter(person_id__in=ids)
    for pid, culture, occurred, confirmed, reversed_, code, clause in case_rows:
        violations[pid].append((culture, occurred or confirmed, reversed_, code, clause))
    on_day = min(timezone.localdate(), date(year, 12, 31))
    frozen = set(
        AwardFreeze.unscoped.filter(
            subtree(unit, via="person__unit"), opened_at__lte=_end_of(on_day)
        )
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=_end_of(on_day)))
        .values_list("person_id", flat=True)
    )
    units = unit_map()
    out: list[PersonInputs] = []
    for pid, unit_id, category, is_leader in people.values_list(
        "id", "unit_id", "category", "is_leader"
    ).order_by("id"):
        if pid not in assignments:
            continue
        out.append(
            _inputs(
                year,
                pid,
                unit_id,
                agency_of(unit_id, units),
                category,
                is_leader,
                assignments[pid],
                leave.get(pid, []),
                sheets.get(pid, []),
                year_facts.get(pid),
                discipline.get(pid, []),
                violations.get(pid, []),
                pid in frozen,
            )
        )
    if person_ids is None:
        leaders.attach_unit_figures(out, year=year, parents=units)
    else:
        _leaders_with_their_unit(out, year)
    return out


def _leaders_with_their_unit(out: list[PersonInputs], year: int) -> None:
    """Gathering a few people (review marking): a leader's unit figures need the whole unit
    led, read as a run reads it."""
    for item in out:
        if leaders.judged_on_unit(item, year):
            team = gather(year=year, unit=OrgUnit.unscoped.get(pk=item.unit_id))
            same = next((x for x in team if x.person_id == item.person_id), None)
            if same is not None and same.facts.unit is not None:
                item.facts = dataclasses.replace(item.facts, unit=same.facts.unit)


def _inputs(
    year,
    pid,
    unit_id,
    agency_id,
    category,
    is_leader,
    spans,
    leave,
    sheets,
    extra,
    discipline,
    violations,
    frozen,
) -> PersonInputs:
    time_facts = rules.time_facts(year=year, assignments=spans, leave=leave)
    group, initiative, fine, degradation, recruit = extra or ("", False, False, False, False)
    n, common, nc, task, nt, on_time, exceeded, failed, ns = sheets or (
        0,
        *(None, 0) * 2,
        None,
        None,
        None,
        0,
    )
    points: dict[str, Decimal | None] = {}
    if rules.uses_points(category, year):
        points["common_points"] = rules.mean_of(common, nc)
        points["task_points"] = rules.mean_of(task, nt)
    else:
        points["tasks_on_time_share"] = rules.mean_of(on_time, ns, rules.SHARE_PLACES)
        points["tasks_exceeded_share"] = rules.mean_of(exceeded, ns, rules.SHARE_PLACES)
        points["criteria_failed_share"] = rules.mean_of(failed, ns, rules.SHARE_PLACES)
    facts = CaseFacts(
        year=year,
        category=category,
        is_leader=is_leader,
        months_worked=time_facts.months_worked,
        months_absent=time_facts.months_absent,
        maternity=time_facts.maternity,
        discipline=tuple(
            Discipline(form=form, effective_date=on, already_counted_year=counted)
            for form, on, counted, _code in discipline
            if form
        ),
        violations=tuple(
            Violation(
                kind=CULTURE_KINDS.get(culture, culture or "other"),
                on=on,
                status="reversed_on_appeal" if reversed_ else "confirmed",
            )
            for culture, on, reversed_, _code, _clause in violations
        ),
        administrative_fine=fine,
        recognised_initiative=initiative,
        open_case_or_inspection=frozen,
        concluded_degradation=degradation,
        new_recruit=recruit,
        **points,
    )
    return PersonInputs(
        person_id=pid,
        unit_id=unit_id,
        agency_id=agency_id,
        category=category,
        is_leader=is_leader,
        task_group=group,
        periods=n,
        facts=facts,
        violations=[
            {
                "case": code,
                "kind": CULTURE_KINDS.get(c, c or "other"),
                "date": on.isoformat(),
                "status": "reversed_on_appeal" if r else "confirmed",
            }
            for c, on, r, code, _clause in violations
        ],
        discipline=[
            {
                "case": code,
                "form": form,
                "effective_date": on.isoformat(),
                "already_counted_year": n,
            }
            for form, on, n, code in discipline
        ],
    )
