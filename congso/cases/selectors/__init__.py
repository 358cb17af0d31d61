"""Reads of the cases app.

Actor-scoped reads go through `for_actor` / `get_for_actor`. Two system-level reads serve the
evaluation and emulation work, which apply their own scoping: `award_freeze_for` and
`confirmed_violations` (they answer questions of fact about one person).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from congso.cases.choices import CaseKind, CaseSource, ReportStatus
from congso.cases.models import (
    AwardFreeze,
    Case,
    CaseEvent,
    CaseTypeConfig,
    Evidence,
    Exemplar,
    IdentityReveal,
    Notification,
    Report,
)
from congso.cases.rules import (
    CONFIG_FIELDS,
    FINDING_STATES,
    OPEN_STATES,
    TERMINAL_STATES,
    URGENT_FIRST_ACTION_DAYS,
    effective_config_days,
)
from congso.common.permissions import Cap, Role
from congso.common.scoping import Actor, get_for_actor
from congso.org.models import OrgUnit

PAGE_SIZES = (20, 50, 100)
ALL_STATES = "all"


@dataclass(frozen=True)
class QueueFilters:
    state: str = ""
    overdue: bool = False
    unit_id: int | None = None
    source: str = ""
    category_id: int | None = None
    kind: str = ""
    mine: bool = False


def case_queue(*, actor: Actor, filters: QueueFilters) -> QuerySet[Case]:
    """Cases the actor may see, filtered, most urgent first (due date, then oldest).

    State "" means the open cases (the work queue), "all" every case."""
    cases = Case.objects.for_actor(actor).select_related("unit", "person", "category", "handler")
    if filters.state == "":
        # IN over the open states (not NOT IN over the closed ones) lets the database use the
        # (state, due_on) indexes, covering for the count.
        cases = cases.filter(state__in=sorted(OPEN_STATES))
    elif filters.state != ALL_STATES:
        cases = cases.filter(state=filters.state)
    if filters.overdue:
        cases = cases.filter(state__in=sorted(OPEN_STATES), due_on__lt=timezone.localdate())
    if filters.unit_id:
        units = OrgUnit.objects.for_actor(actor, Cap.CASES_VIEW)
        path = units.filter(pk=filters.unit_id).values("path")[:1]
        subtree = units.filter(path__startswith=Subquery(path)).values("id")
        cases = cases.filter(unit_id__in=subtree)
    if filters.source:
        cases = cases.filter(source=filters.source)
    if filters.category_id:
        cases = cases.filter(category_id=filters.category_id)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.mine and actor.user_id:
        cases = cases.filter(handler_id=actor.user_id)
    return cases.order_by("due_on", "id")


def case_page(*, actor: Actor, filters: QueueFilters, page: int, size: int) -> Page:
    """One page of the queue in three queries whatever the page size: the count, the ids of
    the page (ordered on the cases table alone, so the database walks the due-date index),
    then those rows with their unit, person, category and handler."""
    size = size if size in PAGE_SIZES else PAGE_SIZES[0]
    queue = case_queue(actor=actor, filters=filters)
    ids_only = queue.select_related(None).values_list("id", flat=True)
    result: Page[Any] = Paginator(ids_only, size).get_page(page)
    ids = list(result.object_list)
    rows = {
        case.pk: case
        for case in Case.objects.for_actor(actor)
        .filter(pk__in=ids)
        .select_related("unit", "person", "category", "handler")
    }
    result.object_list = [rows[pk] for pk in ids if pk in rows]
    return result


def case_get(*, actor: Actor, pk) -> Case:
    return get_for_actor(
        Case.objects.select_related("unit", "person", "category", "clause", "handler"),
        actor,
        pk,
    )


def assignable_handlers(*, actor: Actor, case: Case) -> QuerySet:
    """Accounts the actor may assign the case to: a handling role on the case's unit or an
    ancestor, among the accounts within the actor's deciding reach."""
    from django.contrib.auth import get_user_model

    ancestors = [int(p) for p in case.unit.path.strip("/").split("/") if p]
    return (
        get_user_model()
        .objects.for_actor(actor, Cap.CASES_DECIDE)
        .filter(
            is_active=True,
            grants__role__in=[Role.CASE_HANDLER, Role.UNIT_HEAD, Role.INSPECTOR],
            grants__unit_id__in=ancestors,
        )
        .distinct()
        .order_by("username")
    )


def case_timeline(*, case: Case) -> QuerySet[CaseEvent]:
    return case.events.order_by("at", "id")


def case_report(*, case: Case) -> Report | None:
    return Report.unscoped.filter(case=case).prefetch_related("evidence", "messages").first()


def screening_queue(*, actor: Actor) -> QuerySet[Report]:
    """Reports waiting to be screened (new, or forwarded here)."""
    return (
        Report.objects.for_actor(actor, Cap.CASES_SCREEN)
        .filter(status__in=(ReportStatus.NEW, ReportStatus.FORWARDED))
        .select_related("unit")
        .annotate(evidence_count=Count("evidence"))
        .order_by("created_at", "id")
    )


def report_get(*, actor: Actor, pk, capability: str = Cap.CASES_VIEW) -> Report:
    return get_for_actor(
        Report.objects.select_related("unit", "subject_counter", "case", "duplicate_of"),
        actor,
        pk,
        capability=capability,
    )


def monitor_reports(*, actor: Actor) -> QuerySet[Report]:
    """What a social monitor filed under its organisation's name (phản biện xã hội).

    The filer reads its own filings, as a citizen reads a report by its receipt: the rows are
    keyed by `filed_by` (the account), never by unit, so this reaches no agency's other rows.
    """
    if not actor.is_authenticated or not actor.has(Cap.CASES_FILE_AS_MONITOR):
        return Report.unscoped.none()
    return (
        Report.unscoped.filter(filed_by_id=actor.user_id, is_social_monitor=True)
        .select_related("unit", "case")
        .order_by("-created_at", "-id")
    )


def monitor_organisation(*, actor: Actor) -> str:
    """The organisation the actor's account files for ("" when none)."""
    from django.contrib.auth import get_user_model

    name = (
        get_user_model()
        .objects.filter(pk=actor.user_id)
        .values_list("organisation_name", flat=True)
        .first()
    )
    return name or ""


def monitor_report_get(*, actor: Actor, pk) -> Report:
    """One report the monitor filed, else 404 (same answer for missing and not theirs)."""
    report = monitor_reports(actor=actor).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def evidence_get(*, actor: Actor, pk) -> Evidence:
    return get_for_actor(Evidence.objects.select_related("report"), actor, pk)


def reveal_list(*, actor: Actor) -> QuerySet[IdentityReveal]:
    return IdentityReveal.objects.for_actor(actor).select_related("unit", "report")


def notifications_for(*, actor: Actor, limit: int = 10) -> list[Notification]:
    if not actor.user_id:
        return []
    return list(
        Notification.objects.filter(user_id=actor.user_id, read_at__isnull=True)
        .select_related("case")
        .order_by("-created_at", "-id")[:limit]
    )


@dataclass(frozen=True)
class CaseStats:
    by_category: list[tuple[str, int]]
    by_unit: list[tuple[str, int]]
    by_month: list[tuple[str, int]]
    by_state: list[tuple[str, int]]
    total: int
    overdue: int


def case_stats(*, actor: Actor, year: int) -> CaseStats:
    """Counts by category, unit, month and state for cases opened in `year`."""
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), tz)
    end = timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), tz)
    cases = Case.objects.for_actor(actor).filter(created_at__gte=start, created_at__lt=end)
    by_category = [
        (row["category__name"] or gettext("Chưa phân loại"), row["n"])
        for row in cases.values("category__name").annotate(n=Count("id")).order_by("-n")
    ]
    by_unit = [
        (row["unit__name"], row["n"])
        for row in cases.values("unit__name").annotate(n=Count("id")).order_by("-n")[:20]
    ]
    months = {
        row["m"].month if hasattr(row["m"], "month") else int(str(row["m"])[5:7]): row["n"]
        for row in cases.annotate(m=TruncMonth("created_at")).values("m").annotate(n=Count("id"))
        if row["m"] is not None
    }
    by_month = [(f"{m:02d}/{year}", months.get(m, 0)) for m in range(1, 13)]
    by_state = [(row["state"], row["n"]) for row in cases.values("state").annotate(n=Count("id"))]
    totals = cases.aggregate(
        total=Count("id"),
        overdue=Count(
            "id",
            filter=Q(due_on__lt=timezone.localdate()) & ~Q(state__in=list(TERMINAL_STATES)),
        ),
    )
    return CaseStats(by_category, by_unit, by_month, by_state, totals["total"], totals["overdue"])


# ---------------------------------------------------------------------------------------------
# System-level reads for other apps (evaluation, emulation). Keep these names.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FreezeReasonItem:
    reason: str
    label: str
    ref: str
    since: date


def award_freeze_for(*, person_id: int, on: date) -> list[FreezeReasonItem]:
    """Why awards are paused for the person on `on` (empty list: not paused). NĐ 152/2025."""
    tz = timezone.get_current_timezone()
    end_of_day = timezone.make_aware(datetime.combine(on, time.max), tz)
    rows = AwardFreeze.unscoped.filter(person_id=person_id, opened_at__lte=end_of_day).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gt=end_of_day)
    )
    return [
        FreezeReasonItem(
            row.reason,
            str(row.get_reason_display()),
            row.ref,
            timezone.localtime(row.opened_at).date(),
        )
        for row in rows.order_by("opened_at", "id")
    ]


@dataclass(frozen=True)
class ConfirmedViolation:
    case_id: int
    case_code: str
    person_id: int
    occurred_on: date | None
    confirmed_on: date
    category_code: str
    category_name: str
    culture: str  # "office" or "public_place"
    clause_id: int | None
    clause_label: str
    severity: str
    disciplined: bool


def confirmed_violations(*, person_id: int, year: int) -> list[ConfirmedViolation]:
    """Every confirmed, not reversed violation of the person in `year` (by the day it
    happened, else the day it was confirmed). The evaluation work applies the directive's cap
    (office or public-place culture) with it."""
    rows = (
        Case.unscoped.filter(
            person_id=person_id,
            kind=CaseKind.MISCONDUCT,
            state__in=FINDING_STATES,
            reversed=False,
            confirmed_on__isnull=False,
        )
        .filter(Q(occurred_on__year=year) | Q(occurred_on__isnull=True, confirmed_on__year=year))
        .select_related("category", "clause")
        .annotate(discipline_count=Count("measures", filter=Q(measures__kind="discipline")))
        .order_by("occurred_on", "id")
    )
    return [
        ConfirmedViolation(
            case_id=row.pk,
            case_code=row.code,
            person_id=person_id,
            occurred_on=row.occurred_on,
            confirmed_on=cast(date, row.confirmed_on),  # confirmed_on__isnull=False above
            category_code=row.category.code if row.category else "",
            category_name=row.category.name if row.category else "",
            culture=row.culture,
            clause_id=row.clause_id,
            clause_label=str(row.clause) if row.clause else "",
            severity=row.severity,
            disciplined=row.discipline_count > 0,
        )
        for row in rows
    ]


@dataclass(frozen=True)
class DeadlineCell:
    field: str
    days: int
    overridden: bool


@dataclass(frozen=True)
class DeadlineRow:
    source: str
    label: str
    urgent_days: int
    cells: list[DeadlineCell]

    @property
    def overrides(self) -> dict[str, int | None]:
        return {c.field: (c.days if c.overridden else None) for c in self.cells}


def case_type_deadlines() -> list[DeadlineRow]:
    """The deadlines in force for every case type (source), in working days: the province's
    override or the rules default. Province-wide settings, the same for every reader."""
    configs = {c.source: c for c in CaseTypeConfig.objects.all()}
    rows = []
    for source, label in CaseSource.choices:
        config = configs.get(source)
        cells = []
        for name in CONFIG_FIELDS:
            override = getattr(config, name) if config is not None else None
            cells.append(
                DeadlineCell(name, effective_config_days(name, override), override is not None)
            )
        rows.append(DeadlineRow(source, str(label), URGENT_FIRST_ACTION_DAYS, cells))
    return rows


@dataclass(frozen=True)
class ViolationRow:
    """Misconduct cases of one group (a category or a unit) opened in a year."""

    name: str
    detected: int
    confirmed: int
    dismissed: int
    open: int
    mean_days_to_conclusion: float | None


@dataclass(frozen=True)
class ViolationSummary:
    """What the annual report reads about violations (point 6) and criticism (point 4)."""

    total: int
    confirmed: int
    dismissed: int
    open: int
    mean_days_to_conclusion: float | None
    by_category: list[ViolationRow]
    by_unit: list[ViolationRow]
    by_source: list[tuple[str, int]]
    social_monitor: int
    praise: int
    exemplars: int
    trace: str


def violation_summary(
    *,
    actor: Actor,
    unit_path: str,
    year: int,
    start: date | None = None,
    end: date | None = None,
) -> ViolationSummary:
    """Misconduct cases opened in `year` (or on [start, end) when both dates are given: the
    unit reports' quarters) in the subtree at `unit_path`, by category and unit, with the mean
    number of days from opening to conclusion; praise and exemplars of the period.
    Four grouped queries, whatever the number of cases."""
    tz = timezone.get_current_timezone()
    first = start if start is not None and end is not None else date(year, 1, 1)
    after = end if start is not None and end is not None else date(year + 1, 1, 1)
    start = timezone.make_aware(datetime.combine(first, time.min), tz)
    end = timezone.make_aware(datetime.combine(after, time.min), tz)
    scoped = Case.objects.for_actor(actor).filter(
        unit__path__startswith=unit_path, created_at__gte=start, created_at__lt=end
    )
    cases = scoped.filter(kind=CaseKind.MISCONDUCT)
    finding = Q(state__in=list(FINDING_STATES), reversed=False)
    sums = {
        "detected": Count("id"),
        "confirmed": Count("id", filter=finding),
        "dismissed": Count("id", filter=Q(state="dismissed")),
        "open": Count("id", filter=Q(state__in=list(OPEN_STATES))),
    }

    def _rows(field: str, blank: str) -> list[ViolationRow]:
        grouped: dict = {}
        for row in cases.values(field).annotate(**sums).order_by():
            grouped[row[field]] = row
        days = _days_to_conclusion(cases, field)
        result = [
            ViolationRow(
                row[field] or blank,
                row["detected"],
                row["confirmed"],
                row["dismissed"],
                row["open"],
                days.get(key),
            )
            for key, row in grouped.items()
        ]
        return sorted(result, key=lambda r: (-r.detected, r.name))

    uncategorised = gettext("Chưa phân loại")
    by_category = _rows("category__name", uncategorised)
    by_unit = _rows("unit__name", "")
    totals = cases.aggregate(**sums)
    overall_days = _days_to_conclusion(cases, None).get(None)
    by_source = [
        (str(CaseSource(row["source"]).label), row["n"])
        for row in scoped.values("source").annotate(n=Count("id")).order_by("-n", "source")
    ]
    social = scoped.filter(source__in=[CaseSource.SOCIAL_MONITOR, CaseSource.PRESS]).count()
    praise = scoped.filter(kind=CaseKind.PRAISE).count()
    exemplars = (
        Exemplar.objects.for_actor(actor)
        .filter(unit__path__startswith=unit_path, recognised_on__gte=first, recognised_on__lt=after)
        .count()
    )
    trace = (
        f"cases.Case: kind='misconduct', unit.path startswith '{unit_path}', "
        f"created_at in [{first.isoformat()}, {after.isoformat()}) local time; "
        f"confirmed = state in "
        f"{sorted(FINDING_STATES)} and not reversed; days = confirmed_on - created_at"
    )
    return ViolationSummary(
        totals["detected"],
        totals["confirmed"],
        totals["dismissed"],
        totals["open"],
        overall_days,
        by_category,
        by_unit,
        by_source,
        social,
        praise,
        exemplars,
        trace,
    )


def _days_to_conclusion(cases: QuerySet[Case], field: str | None) -> dict:
    """Mean days from opening to conclusion per value of `field` (None: overall), computed in
    Python from (group, opened, concluded) rows of concluded cases only."""
    columns = ["created_at", "confirmed_on"] + ([field] if field else [])
    totals: dict = {}
    tz = timezone.get_current_timezone()
    for row in cases.filter(confirmed_on__isnull=False).values(*columns).order_by():
        opened = timezone.localtime(row["created_at"], tz).date()
        days = max((row["confirmed_on"] - opened).days, 0)
        key = row[field] if field else None
        count, total = totals.get(key, (0, 0))
        totals[key] = (count + 1, total + days)
    return {key: round(total / count, 1) for key, (count, total) in totals.items()}
