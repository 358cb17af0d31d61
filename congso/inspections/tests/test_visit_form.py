"""Scheduling a visit: no second visit of a unit on the same day (a Vietnamese refusal, the
database constraint behind it), and the team picked from a search that works without
JavaScript (issue 8 item 11)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from congso.common.testing import login_client, make_person, make_user
from congso.inspections import services
from congso.inspections.models import Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspector(world):
    person = make_person(world.division_a, full_name="Đinh Văn Tra", staff_code="TT01")
    for index in range(40):
        make_person(
            world.agency_a, full_name=f"Nguyễn Văn Người{index:02d}", staff_code=f"N{index}"
        )
    make_person(world.agency_a, full_name="Hoàng Thị Ánh", staff_code="HA77")
    return make_user("tt2", roles=[("inspector", world.province)], person=person)


def _visit(world, **changes):
    data = {
        "target": world.agency_b.pk,
        "inspecting_unit": world.agency_a.pk,
        "kind": "surprise",
        "visit_on": "05/11/2026",
        "purpose": "Kiểm tra giờ giấc",
    }
    data.update(changes)
    return data


def test_a_second_visit_of_the_same_unit_on_the_same_day_is_refused(world, inspector):
    client = login_client(inspector)
    assert client.post(reverse("inspections:visit_create"), _visit(world)).status_code == 302
    again = client.post(reverse("inspections:visit_create"), _visit(world))
    assert again.status_code == 400
    page = again.content.decode()
    assert "Sở Y tế đã có một cuộc kiểm tra ngày 05/11/2026" in page
    assert Visit.objects.count() == 1
    other_day = client.post(
        reverse("inspections:visit_create"), _visit(world, visit_on="06/11/2026")
    )
    assert other_day.status_code == 302 and Visit.objects.count() == 2


def test_the_service_refuses_the_twin_visit_in_vietnamese(world):
    kwargs = {
        "actor": None,
        "target": world.agency_b,
        "visit_on": date(2026, 11, 5),
        "kind": "surprise",
        "inspecting_unit": world.province,
    }
    services.visit_schedule(**kwargs)
    with pytest.raises(ValidationError) as refused:
        services.visit_schedule(**kwargs)
    assert "đã có một cuộc kiểm tra ngày 05/11/2026" in " ".join(refused.value.messages)


def test_the_database_itself_refuses_a_twin_visit(world):
    Visit.objects.create(
        unit=world.agency_b,
        inspecting_unit=world.province,
        kind="surprise",
        visit_on=date(2026, 1, 2),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Visit.objects.create(
            unit=world.agency_b,
            inspecting_unit=world.agency_a,
            kind="surprise",
            visit_on=date(2026, 1, 2),
        )


def test_the_form_shows_no_216_name_list_but_a_search(world, inspector):
    page = login_client(inspector).get(reverse("inspections:visit_create")).content.decode()
    assert "<select" in page and "multiple" not in page
    assert 'name="team_search"' in page
    assert page.count('name="inspectors"') == 0
    assert 'class="card form-stack"' in page


def test_searching_the_team_keeps_what_was_typed_and_chosen_then_saves(world, inspector):
    client = login_client(inspector)
    url = reverse("inspections:visit_create")
    found = client.post(url, {**_visit(world), "team_search": "anh", "tim": "1"})
    assert found.status_code == 200
    page = found.content.decode()
    assert "Hoàng Thị Ánh" in page and "Người05" not in page  # diacritics ignored
    assert 'value="Kiểm tra giờ giấc"' in page and "05/11/2026" in page
    assert not Visit.objects.exists() and "errorlist" not in page
    from congso.org.models import Person

    anh = Person.unscoped.get(staff_code="HA77")
    tra = Person.unscoped.get(staff_code="TT01")
    second = client.post(
        url, {**_visit(world), "inspectors": [anh.pk], "team_search": "TT01", "tim": "1"}
    )
    body = second.content.decode()
    assert f'value="{anh.pk}" checked' in body and f'value="{tra.pk}"' in body
    saved = client.post(url, {**_visit(world), "inspectors": [anh.pk, tra.pk], "luu": "1"})
    assert saved.status_code == 302
    assert set(Visit.objects.get().inspectors.values_list("pk", flat=True)) == {anh.pk, tra.pk}


def test_a_broad_search_shows_thirty_and_says_how_many_more(world, inspector):
    page = login_client(inspector).post(
        reverse("inspections:visit_create"), {**_visit(world), "team_search": "nguoi", "tim": "1"}
    )
    body = page.content.decode()
    assert body.count('name="inspectors"') == 30
    assert "Còn 10 người khớp nữa" in body
