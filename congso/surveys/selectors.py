"""Reads of survey data. Dashboards read the monthly rollups only (never raw responses), so
their cost depends on the number of targets and months, not on the number of ratings."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from congso.common.fastsql import fetch_one
from congso.common.permissions import Cap
from congso.common.scoping import Actor, ScopedQuerySet, get_for_actor, subtree
from congso.org.models import OrgUnit, Person
from congso.surveys import conf
from congso.surveys.models import (
    AnomalyFlag,
    MonthlyRollup,
    SurveyResponse,
    SurveyTarget,
    SurveyTemplate,
    SurveyVersion,
)
from congso.surveys.rules import (
    ROLLUP_COLUMNS,
    SIPAS_COLUMNS,
    Index,
    Period,
    Tally,
    compute_index,
    previous_period,
    rank,
    sipas_share,
    trend,
)

_SUMS = {"n": Sum("n"), **{c: Sum(c) for c in ROLLUP_COLUMNS}}
_COMPACT_SUMS = {"n": Sum("n"), **{c: Sum(c) for c in SIPAS_COLUMNS}}


def template_get(*, actor: Actor) -> SurveyTemplate | None:
    return SurveyTemplate.objects.for_actor(actor).select_related("current").first()


def target_public(code: str) -> SurveyTarget | None:
    """The target behind a public code, with the names the form shows (one query)."""
    return (
        SurveyTarget.unscoped.filter(code=code)
        .select_related("unit", "agency", "counter", "person")
        .first()
    )


def version_public(pk: int) -> SurveyVersion:
    """A form version (public: every citizen sees the form)."""
    return SurveyVersion.objects.get(pk=pk)


_FORM_FACTS_SQL = """
SELECT t.is_active, t.requires_token, t.kind, c.name, p.full_name, u.name, a.name,
  (SELECT current_id FROM {templates} ORDER BY id LIMIT 1)
FROM {targets} t
JOIN {units} u ON u.id = t.unit_id
JOIN {units} a ON a.id = t.agency_id
LEFT JOIN {counters} c ON c.id = t.counter_id
LEFT JOIN {people} p ON p.id = t.person_id
WHERE t.code = %s
"""


def target_form_facts(code: str) -> tuple | None:
    """Everything the citizen form page shows that the database holds, in one query: is the
    target active, does it need a receipt token, its kind and names, the current form version
    (None when no template exists yet). None for an unknown or revoked code. Runs on every
    view of a form page: prepared once per connection (`fetch_one`)."""
    return fetch_one(
        _form_facts_sql(), [code], prepare=bool(conf.get("CONGSO_SURVEY_PREPARED_STATEMENTS"))
    )


@functools.cache
def _form_facts_sql() -> str:
    from congso.org.models import ServiceCounter

    qn = connection.ops.quote_name
    return _FORM_FACTS_SQL.format(
        templates=qn(SurveyTemplate._meta.db_table),
        targets=qn(SurveyTarget._meta.db_table),
        units=qn(OrgUnit._meta.db_table),
        counters=qn(ServiceCounter._meta.db_table),
        people=qn(Person._meta.db_table),
    )


def target_name(target: SurveyTarget) -> str:
    if target.counter is not None:
        return target.counter.name
    return target.person.full_name if target.person is not None else ""


def target_get(*, actor: Actor, pk: Any, capability: str = Cap.SURVEYS_VIEW) -> SurveyTarget:
    return get_for_actor(
        SurveyTarget.objects.select_related("unit", "agency", "counter", "person"),
        actor,
        pk,
        capability=capability,
    )


def unit_get(*, actor: Actor, pk: Any, capability: str = Cap.SURVEYS_VIEW) -> OrgUnit:
    """An org unit where the actor holds `capability` (404 otherwise)."""
    return get_for_actor(OrgUnit.objects.select_related("parent"), actor, pk, capability=capability)


def home_unit(*, actor: Actor, capability: str = Cap.SURVEYS_VIEW) -> OrgUnit | None:
    """The highest unit of the actor's reach: the dashboard's starting point."""
    return OrgUnit.objects.for_actor(actor, capability).order_by("depth", "sort_key").first()


def dashboard_start(*, actor: Actor) -> tuple[str, int] | None:
    """Where the survey menu entry leads: ("unit", pk) at the top of the actor's reach, else
    ("target", pk) for an officer's own figures, else None (the page answers 404, and the
    menu does not show the entry: both call this)."""
    unit = home_unit(actor=actor)
    if unit is not None:
        return ("unit", unit.pk)
    if not actor.person_id:
        return None
    own = SurveyTarget.objects.for_actor(actor).filter(person_id=actor.person_id)
    target_id = own.values_list("pk", flat=True).first()
    return None if target_id is None else ("target", target_id)


def may_open_dashboard(actor: Actor) -> bool:
    """`dashboard_start(actor) is not None`, asked on every page for the menu: a reach over
    some unit answers without a query (home_unit would find one of those units)."""
    if not actor.is_authenticated:
        return False
    if Cap.SURVEYS_VIEW in actor.reach and actor.reach[Cap.SURVEYS_VIEW] != frozenset():
        return True
    return dashboard_start(actor=actor) is not None


def targets_of_unit(*, actor: Actor, unit: OrgUnit, capability: str = Cap.SURVEYS_VIEW):
    return (
        SurveyTarget.objects.for_actor(actor, capability)
        .in_subtree(unit)
        .select_related("unit", "counter", "person")
        .order_by("unit__sort_key", "kind", "id")
    )


def _grouped(rows: QuerySet, field: str, *, detail: bool = True) -> dict[Any, Tally]:
    """Tallies per value of `field`; without `detail` only n and the SIPAS figures are summed
    (rankings), with it every answer count (element shares, exports)."""
    result: dict[Any, Tally] = {}
    sums = _SUMS if detail else _COMPACT_SUMS
    for row in rows.values(field).annotate(**sums).order_by():
        tally = Tally()
        tally.add_row(row)
        result[row[field]] = tally
    return result


def _rollups(*, actor: Actor, period: Period) -> ScopedQuerySet[MonthlyRollup]:
    return MonthlyRollup.objects.for_actor(actor, Cap.SURVEYS_VIEW).filter(
        month__gte=period.start, month__lt=period.end
    )


def _total(rows: QuerySet) -> Tally:
    tally = Tally()
    row = rows.aggregate(**_SUMS)
    tally.add_row(row)
    return tally


def _settings() -> tuple[int, int]:
    return conf.get("CONGSO_SURVEY_MIN_SAMPLE"), conf.get("CONGSO_SURVEY_PRIOR_WEIGHT")


@dataclass
class Row:
    """One line of a ranking table."""

    position: int | None
    key: Any
    name: str
    kind: str
    index: Index
    change: float | None = None
    url_pk: Any = None


@dataclass
class UnitDashboard:
    unit: OrgUnit
    period: Period
    overall: Index
    previous: Index
    change: float | None
    agencies: list[Row]
    targets: list[Row]
    trend: list[tuple[date, Index]]
    minimum: int
    weight: int


def agency_ranking(
    *, actor: Actor, period: Period, unit: OrgUnit | None = None, detail: bool = False
) -> list[Row]:
    """Agencies and communes under `unit` (the whole reach when None), by smoothed index,
    each pulled toward the share of `unit` (the province for the top level)."""
    minimum, weight = _settings()
    rows = _rollups(actor=actor, period=period)
    if unit is not None:
        rows = rows.in_subtree(unit, via="agency").exclude(agency_id=unit.pk)
    tallies = _grouped(rows, "agency_id", detail=detail)
    prior_tally = Tally()
    for tally in tallies.values():
        prior_tally.merge(tally)
    prior = sipas_share(prior_tally)
    # names of the agencies the actor already sees through the rollups
    names = {
        pk: (name, kind)
        for pk, name, kind in OrgUnit.unscoped.filter(id__in=list(tallies)).values_list(
            "id", "name", "kind"
        )
    }
    indices = [
        (pk, compute_index(t, prior=prior, minimum=minimum, weight=weight))
        for pk, t in tallies.items()
    ]
    return [
        Row(position, pk, *names.get(pk, ("", "")), index, url_pk=pk)
        for position, pk, index in rank(indices)
    ]


def target_ranking(*, actor: Actor, period: Period, unit: OrgUnit) -> list[Row]:
    """Counters and officers of a unit's subtree, pulled toward the unit's own share."""
    minimum, weight = _settings()
    rows = _rollups(actor=actor, period=period).in_subtree(unit)
    tallies = _grouped(rows, "target_id")
    total = Tally()
    for tally in tallies.values():
        total.merge(tally)
    prior = sipas_share(total)
    targets = {
        t.pk: t
        for t in SurveyTarget.objects.for_actor(actor, Cap.SURVEYS_VIEW)
        .filter(Q(id__in=list(tallies)) | subtree(unit) & Q(is_active=True))
        .select_related("counter", "person")
    }
    for pk in targets:
        tallies.setdefault(pk, Tally())  # counters and officers not rated yet show n = 0
    indices = [
        (pk, compute_index(t, prior=prior, minimum=minimum, weight=weight))
        for pk, t in tallies.items()
    ]
    result = []
    for position, pk, index in rank(indices):
        target = targets.get(pk)
        if target is None:
            continue
        result.append(Row(position, pk, target_name(target), target.kind, index, url_pk=pk))
    return result


def ranking_changes(*, actor: Actor, unit: OrgUnit, board: UnitDashboard) -> None:
    """Fill `change` (percentage points against the previous period, when both periods are
    published) on the ranking rows of a dashboard: one more grouped read of the rollups."""
    before = previous_period(board.period)
    if board.agencies:
        rows = board.agencies
        previous = agency_ranking(actor=actor, period=before, unit=unit)
    else:
        rows = board.targets
        previous = target_ranking(actor=actor, period=before, unit=unit)
    earlier = {row.key: row.index for row in previous}
    for row in rows:
        row.change = _points(trend(row.index, earlier.get(row.key)))


def _points(change: float | None) -> float | None:
    """A change in points as shown: -0.0 (a fall rounded away) becomes 0.0, not '-0,0'."""
    return None if change is None else change + 0.0


def monthly_trend(
    *, actor: Actor, rows_filter: Q, months: Iterable[date]
) -> list[tuple[date, Index]]:
    minimum, weight = _settings()
    months = list(months)
    rows = MonthlyRollup.objects.for_actor(actor, Cap.SURVEYS_VIEW).filter(
        rows_filter, month__gte=months[0], month__lte=months[-1]
    )
    tallies = _grouped(rows, "month", detail=False)
    return [
        (m, compute_index(tallies.get(m, Tally()), prior=None, minimum=minimum, weight=weight))
        for m in months
    ]


def _last_months(period: Period, count: int = 12) -> list[date]:
    end = period.end
    months = []
    year, month = end.year, end.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(date(year, month, 1))
    return list(reversed(months))


def unit_dashboard(
    *, actor: Actor, unit: OrgUnit, period: Period, detail: bool = False
) -> UnitDashboard:
    """A unit's figures for a period: its index, the ranking of the agencies and communes
    below it, its counters and officers, and the monthly trend of the last 12 months."""
    minimum, weight = _settings()
    scope = subtree(unit)
    current = _total(_rollups(actor=actor, period=period).filter(scope))
    before = _total(_rollups(actor=actor, period=previous_period(period)).filter(scope))
    overall = compute_index(current, prior=None, minimum=minimum, weight=weight)
    previous = compute_index(before, prior=None, minimum=minimum, weight=weight)
    agencies = agency_ranking(actor=actor, period=period, unit=unit, detail=detail)
    is_agency = not agencies
    targets = target_ranking(actor=actor, period=period, unit=unit) if is_agency else []
    return UnitDashboard(
        unit=unit,
        period=period,
        overall=overall,
        previous=previous,
        change=_points(trend(overall, previous)),
        agencies=agencies,
        targets=targets,
        trend=monthly_trend(actor=actor, rows_filter=scope, months=_last_months(period)),
        minimum=minimum,
        weight=weight,
    )


@dataclass
class TargetReport:
    target: SurveyTarget
    period: Period
    index: Index
    previous: Index
    change: float | None
    trend: list[tuple[date, Index]]
    minimum: int


def target_report(*, actor: Actor, target: SurveyTarget, period: Period) -> TargetReport:
    """One counter's or officer's figures, pulled toward its agency's share."""
    minimum, weight = _settings()
    rows = _rollups(actor=actor, period=period)
    agency_total = _total(
        MonthlyRollup.unscoped.filter(
            agency_id=target.agency_id, month__gte=period.start, month__lt=period.end
        )
    )  # the prior only: an officer sees his agency's share, never a colleague's figures
    prior = sipas_share(agency_total)
    own = _total(rows.filter(target=target))
    before = _total(_rollups(actor=actor, period=previous_period(period)).filter(target=target))
    index = compute_index(own, prior=prior, minimum=minimum, weight=weight)
    previous = compute_index(before, prior=None, minimum=minimum, weight=weight)
    return TargetReport(
        target=target,
        period=period,
        index=index,
        previous=previous,
        change=_points(trend(index, previous)),
        trend=monthly_trend(actor=actor, rows_filter=Q(target=target), months=_last_months(period)),
        minimum=minimum,
    )


def local_midnight(day: date) -> datetime:
    """The start of `day` in the province's time zone, as an aware datetime: filtering on
    `created_at >= this` uses an index, `created_at__date` (a per-row cast) cannot."""
    return timezone.make_aware(datetime.combine(day, time.min))


def comments_list(*, actor: Actor, unit: OrgUnit, period: Period) -> QuerySet:
    """Comments of a unit's subtree for supervisors; never those about the actor themself."""
    rows = (
        SurveyResponse.objects.for_actor(actor, Cap.SURVEYS_RESPONSES)
        .in_subtree(unit)
        .filter(
            created_at__gte=local_midnight(period.start),
            created_at__lt=local_midnight(period.end),
        )
        .exclude(comment="")
        .select_related("target__counter", "target__person")
        .order_by("-created_at")
    )
    if actor.person_id:
        rows = rows.exclude(target__person_id=actor.person_id)
    return rows


def anomaly_list(*, actor: Actor, status: str = "") -> QuerySet:
    rows = AnomalyFlag.objects.for_actor(actor, Cap.SURVEYS_ANOMALIES).select_related(
        "agency", "target__counter", "target__person"
    )
    if status:
        rows = rows.filter(status=status)
    if actor.person_id:
        rows = rows.exclude(target__person_id=actor.person_id)
    return rows


def anomaly_get(*, actor: Actor, pk: Any) -> AnomalyFlag:
    return get_for_actor(AnomalyFlag, actor, pk, capability=Cap.SURVEYS_ANOMALIES)


def public_agencies() -> list[OrgUnit]:
    """The agencies and communes the rankings compare (the `agency` of an active counter or
    officer) that serve citizens: the public index links their scorecards. Their centres,
    divisions and health stations are rated as part of them, so they are not listed apart."""
    rated = SurveyTarget.unscoped.filter(is_active=True).values("agency_id")
    return list(OrgUnit.unscoped.filter(serves_citizens=True, id__in=rated).order_by("sort_key"))


def public_scorecard(*, agency: OrgUnit, period: Period) -> tuple[Index, Index, list]:
    """Public figures of a unit and everything under it (aggregates only, minimum sample)."""
    minimum, weight = _settings()
    rows = MonthlyRollup.unscoped.in_subtree(agency).filter(
        month__gte=period.start, month__lt=period.end
    )
    before = previous_period(period)
    previous_rows = MonthlyRollup.unscoped.in_subtree(agency).filter(
        month__gte=before.start, month__lt=before.end
    )
    index = compute_index(_total(rows), prior=None, minimum=minimum, weight=weight)
    previous = compute_index(_total(previous_rows), prior=None, minimum=minimum, weight=weight)
    trend_rows = _grouped(
        MonthlyRollup.unscoped.in_subtree(agency).filter(
            month__gte=_last_months(period)[0],
            month__lt=period.end,
        ),
        "month",
    )
    monthly = [
        (m, compute_index(trend_rows.get(m, Tally()), prior=None, minimum=minimum, weight=weight))
        for m in _last_months(period)
    ]
    return index, previous, monthly


def officer_indices(
    *, actor: Actor, person_ids: Iterable[int], start: date, end: date
) -> dict[int, Index]:
    """The satisfaction index of each officer (a person rated by citizens) over [start, end),
    smoothed toward their agency's share (surveys.rules.smoothed_index), with its sample size.
    Two queries whatever the number of people; people without a rating target are absent."""
    minimum, weight = _settings()
    rows = MonthlyRollup.objects.for_actor(actor, Cap.SURVEYS_VIEW).filter(
        month__gte=start, month__lt=end
    )
    own = rows.filter(target__kind="officer", target__person_id__in=list(person_ids))
    tallies = _grouped(own, "target__person_id", detail=False)
    agency_of = dict(own.values_list("target__person_id", "agency_id").distinct())
    priors = {
        agency: sipas_share(tally)
        for agency, tally in _grouped(
            MonthlyRollup.unscoped.filter(
                month__gte=start, month__lt=end, agency_id__in=set(agency_of.values())
            ),
            "agency_id",
            detail=False,
        ).items()
    }
    return {
        pid: compute_index(
            tally, prior=priors.get(agency_of.get(pid)), minimum=minimum, weight=weight
        )
        for pid, tally in tallies.items()
    }
