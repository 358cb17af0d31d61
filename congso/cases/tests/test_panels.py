"""The "xét khen thưởng tạm dừng" panel the cases app adds to the org person page."""

import pytest
import time_machine
from django.urls import reverse

from congso.cases.choices import CaseState
from congso.cases.panels import person_award_freeze_panel
from congso.cases.services import award_freeze_close, award_freeze_open, case_transition
from congso.cases.tests.helpers import confirmed_case, make_case, person_in
from congso.common.permissions import Role
from congso.common.testing import actor_of, login_client, make_user

pytestmark = pytest.mark.django_db
FLAG = "Xét khen thưởng tạm dừng"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        yield


def person_page(user, person) -> str:
    response = login_client(user).get(reverse("org:person", args=[person.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_flag_is_shown_with_a_link_while_a_case_is_open(world):
    person = person_in(world.agency_a)
    case = make_case(unit=world.agency_a, person=person)
    html = person_page(world.head_a, person)
    assert FLAG in html
    assert "Đang xem xét vụ việc vi phạm" in html
    assert f'href="{reverse("cases:case", args=[case.pk])}"' in html


def test_flag_is_gone_once_the_case_is_dismissed(world):
    person = person_in(world.agency_a)
    case = make_case(unit=world.agency_a, person=person)
    case_transition(actor=None, case=case, to=CaseState.DISMISSED, note="Không có căn cứ")
    assert FLAG not in person_page(world.head_a, person)
    assert person_award_freeze_panel(actor=actor_of(world.head_a), person=person) is None


def test_an_open_inspection_freezes_awards_without_a_case(world):
    person = person_in(world.agency_a)
    award_freeze_open(actor=None, person=person, reason="inspection", ref="inspections.visit:7")
    html = person_page(world.head_a, person)
    assert FLAG in html and "Đang thanh tra, kiểm tra" in html
    award_freeze_close(actor=None, person=person, ref="inspections.visit:7")
    assert FLAG not in person_page(world.head_a, person)


def test_confirmed_violations_of_the_year_are_counted(world):
    person = person_in(world.agency_a)
    confirmed_case(unit=world.agency_a, person=person)
    panel = person_award_freeze_panel(actor=actor_of(world.head_a), person=person)
    assert panel["context"]["violation_count"] == 1
    assert panel["context"]["frozen"] is True  # confirmed, not yet closed
    assert "Vi phạm đã kết luận năm 2025: 1" in person_page(world.head_a, person)


def test_hidden_from_an_actor_without_cases_view_on_the_unit(world):
    person = person_in(world.agency_a)
    make_case(unit=world.agency_a, person=person)
    # A province administrator sees people but has no cases.view.
    admin = make_user("qtv_tinh", roles=[(Role.ADMIN, world.province)])
    assert FLAG not in person_page(admin, person)
    assert person_award_freeze_panel(actor=actor_of(world.charlie), person=person) is None


def test_the_person_sees_their_own_flag(world):
    alice = world.alice.person
    make_case(unit=world.agency_a, person=alice)
    html = person_page(world.alice, alice)
    assert FLAG in html
