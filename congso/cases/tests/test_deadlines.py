"""The page of stage deadlines per case type and its service."""

import json
from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from congso.cases.choices import CaseState
from congso.cases.models import CaseTypeConfig
from congso.cases.rules import RuleError, check_config_days, effective_config_days
from congso.cases.services import case_create, case_transition, case_type_config_update
from congso.cases.tests.helpers import person_in
from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import actor_of, login_client, make_user, unchanged_database

pytestmark = pytest.mark.django_db
URL = "/vu-viec/thoi-han/"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        yield


@pytest.fixture
def province_admin(world):
    return make_user("qtv_tinh", roles=[(Role.ADMIN, world.province)])


def _cell(html: str, source: str, field: str) -> str:
    """The text of one table cell (row of `source`, column `field`)."""
    row = html.split(f'<tr data-source="{source}">', 1)[1]
    start = row.split(f'data-field="{field}">', 1)[1]
    return start.split("</td>", 1)[0]


@pytest.mark.parametrize(
    ("values", "ok"),
    [
        ({"verifying_days": 0}, True),
        ({"verifying_days": 365}, True),
        ({"verifying_days": None}, True),
        ({"verifying_days": 366}, False),
        ({"verifying_days": -1}, False),
        ({"verifying_days": True}, False),
        ({"verifying_days": "5"}, False),
        ({"summary": 5}, False),
    ],
)
def test_check_config_days_accepts_whole_days_from_0_to_365_or_blank(values, ok):
    if ok:
        assert check_config_days(values) == values
    else:
        with unchanged_database(), pytest.raises(RuleError):
            check_config_days(values)


def test_effective_days_fall_back_to_the_rules_defaults():
    assert effective_config_days("received_days", None) == 7
    assert effective_config_days("verifying_days", None) == 20
    assert effective_config_days("appeal_window_days", None) == 10
    assert effective_config_days("verifying_days", 3) == 3


def test_page_shows_defaults_then_the_override_for_a_handler(world):
    CaseTypeConfig.objects.create(source="press", verifying_days=3)
    html = login_client(world.head_a).get(URL).content.decode()
    assert "Thời hạn xử lý theo loại vụ việc" in html
    assert _cell(html, "press", "verifying_days").startswith("3 ")
    assert "riêng" in _cell(html, "press", "verifying_days")
    assert _cell(html, "press", "handling_days").startswith("30 ")
    assert "mặc định" in _cell(html, "press", "handling_days")
    # Not a province administrator: the table only, no forms.
    assert 'name="source"' not in html


def test_page_is_404_without_cases_view(world):
    boss_less = make_user("nobody", roles=[])
    assert login_client(boss_less).get(URL).status_code == 404


def test_province_admin_sets_and_clears_an_override_and_it_is_audited(world, province_admin):
    client = login_client(province_admin)
    page = client.get(URL).content.decode()
    assert 'name="press-verifying_days"' in page
    response = client.post(
        URL, {"source": "press", "press-verifying_days": "4", "press-appeal_window_days": "12"}
    )
    assert response.status_code == 302
    config = CaseTypeConfig.objects.get(source="press")
    assert (config.verifying_days, config.appeal_window_days, config.handling_days) == (4, 12, None)
    entry = AuditEntry.objects.get(action="cases.case_type_config_update")
    assert json.loads(entry.old)["verifying_days"] is None
    assert json.loads(entry.new)["verifying_days"] == 4
    assert entry.actor_user_id == province_admin.pk

    client.post(URL, {"source": "press", "press-verifying_days": ""})
    config.refresh_from_db()
    assert config.verifying_days is None and config.appeal_window_days is None
    assert AuditEntry.objects.filter(action="cases.case_type_config_update").count() == 2


def test_same_values_twice_are_stored_and_audited_once(world, province_admin):
    actor = actor_of(province_admin)
    case_type_config_update(actor=actor, source="press", values={"verifying_days": 4})
    case_type_config_update(actor=actor, source="press", values={"verifying_days": 4})
    assert CaseTypeConfig.objects.count() == 1
    assert AuditEntry.objects.filter(action="cases.case_type_config_update").count() == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("366", "không được lớn hơn 365"),
        ("-2", "không được nhỏ hơn 0"),
        ("ba", "Nhập một số nguyên"),
    ],
)
def test_bad_values_are_refused_in_vietnamese_and_nothing_is_written(
    world, province_admin, value, message
):
    response = login_client(province_admin).post(
        URL, {"source": "press", "press-verifying_days": value, "press-handling_days": "9"}
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not CaseTypeConfig.objects.exists()
    assert not AuditEntry.objects.filter(action="cases.case_type_config_update").exists()


def test_unknown_source_is_404(world, province_admin):
    response = login_client(province_admin).post(
        URL, {"source": "khac", "khac-verifying_days": "3"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("who", ["head_a", "admin_a", "boss"])
def test_only_a_province_wide_administrator_may_post(world, who):
    # admin_a holds every role, the administrator's included, but on agency A only.
    response = login_client(getattr(world, who)).post(
        URL, {"source": "press", "press-verifying_days": "3"}
    )
    assert response.status_code == 404
    assert not CaseTypeConfig.objects.exists()


def test_service_refuses_an_agency_administrator(world):
    with unchanged_database(), pytest.raises(PermissionDenied):
        case_type_config_update(
            actor=actor_of(world.admin_a), source="press", values={"verifying_days": 3}
        )


def test_a_deadline_computed_after_the_change_uses_the_new_value(world, province_admin):
    login_client(province_admin).post(URL, {"source": "press", "press-verifying_days": "2"})
    case = case_create(
        actor=None,
        unit=world.agency_a,
        source="press",
        summary="Báo nêu",
        person=person_in(world.agency_a),
    )
    case_transition(actor=None, case=case, to=CaseState.VERIFYING)
    assert case.due_on == date(2025, 9, 12)  # Wednesday + 2 working days (default 20)
