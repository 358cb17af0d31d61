"""Query counts of inspection pages do not grow with the number of rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congso.common.testing import login_client, make_person
from congso.inspections import services
from congso.inspections.models import ItemPhoto
from congso.inspections.tests.factories import inspector_user, started_visit

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def _add_rows(visit, start: int, n: int):
    for index in range(start, start + n):
        owner = make_person(visit.unit, full_name=f"Người Thứ {index}")
        finding = services.finding_record(
            actor=None, visit=visit, kind="unit", description=f"Tồn tại {index}"
        )
        services.task_create(
            actor=None, finding=finding, title=f"Việc {index}", owner=owner, working_days=5
        )
        item = visit.items.all()[index]
        ItemPhoto.objects.create(
            item=item,
            unit=visit.unit,
            file=f"x{index}.jpg",
            width=1,
            height=1,
            size=1,
            sha256=f"{index:064d}",
        )


def test_visit_page_and_task_list_use_a_fixed_number_of_queries(world):
    visit = started_visit(world)
    client = login_client(inspector_user(world))
    _add_rows(visit, 0, 1)
    visit_url = reverse("inspections:visit", args=[visit.pk])
    tasks_url = reverse("inspections:tasks")
    before = (_count(client, visit_url), _count(client, tasks_url))
    _add_rows(visit, 1, 4)
    assert (_count(client, visit_url), _count(client, tasks_url)) == before
