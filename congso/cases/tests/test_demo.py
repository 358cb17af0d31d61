"""The cases demo on a small province: every state, overdue cases, appeals, praises, reports."""

from __future__ import annotations

import random

import pytest
from django.db import transaction
from django.utils import timezone

from congso.cases import demo as cases_demo
from congso.cases.choices import CaseState, ReportStatus
from congso.cases.models import Appeal, AwardFreeze, Case, Exemplar, Notification, Report
from congso.cases.rules import TERMINAL_STATES
from congso.cases.services import case_transition, report_by_receipt
from congso.conduct import demo as conduct_demo
from congso.org import demo


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Province, codes of conduct and cases, loaded once and rolled back afterwards."""

    log = []
    with django_db_blocker.unblock(), transaction.atomic():
        rng = random.Random(7)
        demo.load_province(rng=rng, log=log.append, staff_count=400)
        conduct_demo.load_demo(rng=rng, log=log.append)
        cases_demo.load_demo(rng=rng, log=log.append)
        yield log
        transaction.set_rollback(True)


@pytest.fixture
def log(loaded, db):
    return loaded


def test_every_state_and_overdue_cases(log):
    states = set(Case.unscoped.values_list("state", flat=True))
    assert states == set(CaseState.values)
    overdue = Case.unscoped.exclude(state__in=TERMINAL_STATES).filter(
        due_on__lt=timezone.localdate()
    )
    assert overdue.count() > 20
    assert Notification.objects.exists()


def test_appeals_praises_and_freezes(log):
    outcomes = set(Appeal.objects.values_list("outcome", flat=True))
    assert outcomes == {"pending", "upheld", "reversed"}
    assert Case.unscoped.filter(reversed=True).count() == 2
    assert Exemplar.unscoped.exists()
    assert AwardFreeze.unscoped.filter(closed_at__isnull=True).exists()


def test_confirmed_violations_point_at_a_clause(log):
    findings = Case.unscoped.filter(kind="misconduct", confirmed_on__isnull=False)
    assert findings.exists() and not findings.filter(clause__isnull=True).exists()


def test_reports_in_every_screening_status_and_the_printed_receipt_works(log):
    assert set(Report.unscoped.values_list("status", flat=True)) == set(ReportStatus.values)
    line = next(entry for entry in log if "mã tiếp nhận mẫu" in entry)
    assert report_by_receipt(line.rsplit(" ", 1)[-1]) is not None


def test_demo_cases_go_on_through_the_services(log):
    case = Case.unscoped.filter(state=CaseState.RECEIVED).first()
    case_transition(actor=None, case=case, to=CaseState.VERIFYING)
    assert case.state == CaseState.VERIFYING


def test_every_demo_summary_matches_its_category(log):
    from congso.cases.demo import PRAISE, SUMMARIES_BY_CATEGORY

    cases = Case.unscoped.select_related("category")
    assert cases.exists()
    for case in cases:
        if case.kind == "praise":
            assert case.summary in PRAISE, case.summary
        else:
            assert case.summary in SUMMARIES_BY_CATEGORY[case.category.code], (
                case.category.code,
                case.summary,
            )
    reports = Report.unscoped.filter(case__isnull=False).select_related("case")
    assert all(r.description.startswith(r.case.summary) for r in reports)
