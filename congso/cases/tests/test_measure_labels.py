"""The measures table of a case shows the discipline form and its legal basis in words, never
their codes (`khien_trach`, `nd172_2025_cong_chuc`; issue 8 item 7)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from congso.cases.choices import CaseState, MeasureKind
from congso.cases.services import case_transition, measure_record
from congso.cases.tests.helpers import confirmed_case, person_in
from congso.common.testing import login_client

pytestmark = pytest.mark.django_db


@time_machine.travel("2025-09-10 09:00 +07:00", tick=False)
def test_the_measures_table_names_the_form_and_the_decree(world):
    case = confirmed_case(
        unit=world.agency_a, person=person_in(world.agency_a, category="cong_chuc")
    )
    case_transition(actor=None, case=case, to=CaseState.HANDLING)
    measure_record(
        actor=None,
        case=case,
        kind=MeasureKind.DISCIPLINE,
        discipline_form="khien_trach",
        decision_number="12/QĐ-SNV",
        decision_date=date(2025, 9, 9),
    )
    page = login_client(world.admin_a).get(reverse("cases:case", args=[case.pk])).content.decode()
    table = page.split("Biện pháp xử lý", 1)[1]
    assert "Khiển trách" in table and "NĐ 172/2025/NĐ-CP" in table
    shown = table.split("<form", 1)[0]  # option values of the form below are not shown text
    assert "khien_trach" not in shown and "nd172_2025" not in shown


def test_a_case_from_an_inspection_names_the_visit_not_its_code(world):
    from congso.cases.tests.helpers import make_case

    case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
    type(case).objects.filter(pk=case.pk).update(origin_ref="inspections.visit:7")
    page = login_client(world.admin_a).get(reverse("cases:case", args=[case.pk])).content.decode()
    assert "Cuộc kiểm tra số 7" in page and "inspections.visit" not in page
