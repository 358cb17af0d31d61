"""Test helpers for the cases app: a published code of conduct, a case in a given state."""

from __future__ import annotations

from datetime import date

from congso.cases.choices import CaseSource, CaseState, Severity
from congso.cases.services import case_create, case_set_finding, case_transition
from congso.common.testing import make_person
from congso.conduct.models import Clause, CodeOfConduct, ViolationCategory
from congso.conduct.services import code_create_from_template, version_publish


def publish_code(unit, *, effective_from: date = date(2024, 1, 1)):
    """The province template, published for `unit` from `effective_from`."""

    code = code_create_from_template(actor=None, unit=unit)
    version = code.versions.get()
    version_publish(actor=None, version=version, effective_from=effective_from)
    return code


def category(code: str | None = None):
    if code:
        return ViolationCategory.objects.get(code=code)
    used = Clause.objects.filter(category__isnull=False).values_list("category_id", flat=True)
    return ViolationCategory.objects.filter(pk__in=used).order_by("sort_order").first()


def person_in(unit, name: str = "Phạm Văn Dũng", **fields):
    return make_person(unit, full_name=name, **fields)


def make_case(*, unit, person=None, kind: str = "misconduct", source: str = CaseSource.HEAD_RECORD):
    return case_create(
        actor=None,
        unit=unit,
        source=source,
        summary="Đi muộn, không đeo thẻ",
        person=person,
        kind=kind,
        occurred_on=date(2025, 9, 3),
    )


def confirmed_case(*, unit, person, kind: str = "misconduct"):
    """A case moved by the system actor to `confirmed` (publishes the unit's code first)."""

    if not CodeOfConduct.objects.filter(unit=unit).exists():
        publish_code(unit)
    case = make_case(unit=unit, person=person, kind=kind)
    case_set_finding(actor=None, case=case, category=category(), severity=Severity.MINOR)
    case_transition(actor=None, case=case, to=CaseState.VERIFYING)
    return case_transition(actor=None, case=case, to=CaseState.CONFIRMED)
