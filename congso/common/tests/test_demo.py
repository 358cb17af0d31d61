"""The demo province loader, on a reduced staff count (the real demo loads 30,000)."""

from __future__ import annotations

import csv
import random
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from congso.common.permissions import Role
from congso.org import demo
from congso.org.models import Assignment, OrgUnit, Person, ServiceCounter, UnitKind
from congso.org.rules import agency_code_is_valid

STAFF = 300


def _csv(name: str) -> list[dict[str, str]]:
    with (demo.people.DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """Load once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo.load_province(rng=random.Random(1), log=lambda _msg: None, staff_count=STAFF)
        transaction.set_rollback(True)


@pytest.fixture
def province(loaded, db):
    return loaded


def test_every_agency_of_the_reference_list_is_loaded_under_its_parent(province):
    for row in _csv("lao-cai-agencies.csv"):
        unit = OrgUnit.unscoped.get(name=row["name"])
        expected_parent = row["parent"] or demo.PROVINCE_NAME
        assert unit.parent.name == expected_parent, row["name"]
        assert unit.kind == row["kind"]
        assert unit.valid_from == demo.MERGER_DAY


def test_the_99_communes_and_wards_carry_their_statistical_codes(province):
    communes = OrgUnit.unscoped.filter(kind=UnitKind.COMMUNE)
    expected = {row["code"]: row["name"] for row in _csv("lao-cai-communes.csv")}
    assert communes.count() == 99
    assert dict(communes.values_list("statistical_code", "name")) == expected
    assert all(c.parent_id == province.pk and c.serves_citizens for c in communes)


def test_electronic_codes_are_well_formed_and_unique(province):
    codes = list(OrgUnit.unscoped.exclude(code="").values_list("code", flat=True))
    assert len(codes) > 900
    assert all(agency_code_is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)
    assert OrgUnit.unscoped.get(short_name="UBND tỉnh").code == "000.00.00.H15"


def test_departments_have_divisions_and_former_units_end_on_the_merger(province):
    home_affairs = OrgUnit.unscoped.get(short_name="SNV")
    divisions = set(home_affairs.children.values_list("name", flat=True))
    assert {"Phòng Tổ chức biên chế", "Ban Thi đua – Khen thưởng"} <= divisions
    former = OrgUnit.unscoped.filter(valid_to=demo.MERGER_DAY)
    assert former.filter(name="Ủy ban nhân dân tỉnh Yên Bái").exists()
    assert former.count() >= 5


def test_counters_at_the_provincial_centre_and_at_every_commune(province):
    centre = ServiceCounter.unscoped.filter(location=demo.CENTRE_LOCATION)
    assert centre.count() >= 12
    assert centre.filter(unit__short_name="STP").exists()
    commune_ids = set(OrgUnit.unscoped.filter(kind=UnitKind.COMMUNE).values_list("id", flat=True))
    with_counter = set(
        ServiceCounter.unscoped.filter(unit__parent__kind=UnitKind.COMMUNE).values_list(
            "unit__parent_id", flat=True
        )
    )
    assert with_counter == commune_ids


def test_staff_count_codes_and_assignments(province):
    people = Person.unscoped.all()
    # One person per demo login, except the social monitor (an organisation's account).
    assert people.count() == STAFF + len(demo.demo_accounts()) - 1
    codes = list(people.values_list("staff_code", flat=True))
    assert len(set(codes)) == len(codes)
    assert Assignment.unscoped.filter(end_date__isnull=True).count() == people.count()
    assert all(1965 <= year <= 2002 for year in people.values_list("birth_year", flat=True))
    assert {"M", "F"} == set(people.values_list("sex", flat=True))


def test_every_role_has_a_demo_login_that_authenticates(province):
    logins = demo.demo_logins()
    roles = {row.username: row for row in logins}
    assert len(logins) == len(Role.values)
    assert {str(Role(r).label) for r in Role.values} == {row.role for row in logins}
    user_model = get_user_model()
    for row in logins:
        user = user_model.objects.get(username=row.username)
        assert user.check_password(row.password)
        # Every login is a staff member's, except the social monitor: an organisation's.
        assert (user.person is None) == (row.username == "giamsat")
    assert roles["quantri"].unit == demo.PROVINCE_NAME
    assert roles["thutruong"].unit == "Sở Y tế tỉnh Lào Cai"
    assert roles["giamsat"].unit.startswith("Ủy ban Mặt trận Tổ quốc")


def test_admin_and_custodian_get_a_totp_secret_others_do_not(province):
    secrets = {row.username: row.totp_secret for row in demo.demo_logins()}
    # The roles that need the second factor: administrator, custodian, Party inspection.
    assert secrets["quantri"] and secrets["giudanhtinh"] and secrets["kiemtradang"]
    assert not secrets["lanhdao"] and not secrets["canbo"]
    assert TOTPDevice.objects.filter(confirmed=False).count() == 3


def test_names_follow_the_weights_of_the_name_list():
    """Nguyễn is the commonest surname; Văn/Thị dominate male/female middle names."""
    rng = random.Random(7)
    men = [demo.draw_name(rng, "M") for _ in range(2000)]
    women = [demo.draw_name(rng, "F") for _ in range(2000)]
    surnames = Counter(name.split()[0] for name in men + women)
    assert surnames.most_common(1)[0][0] == "Nguyễn"
    assert sum(name.split()[1] == "Văn" for name in men) > 600
    assert sum(name.split()[1] == "Thị" for name in women) > 600
    assert not any(name.split()[1] == "Thị" for name in men)


def test_allocation_splits_the_exact_total_in_proportion():
    counts = demo.people.allocate(1000, [1, 1, 2, 0.5])
    assert sum(counts) == 1000
    assert counts[2] == 2 * counts[0] or abs(counts[2] - 2 * counts[0]) <= 1
