"""The person page's extension point: apps add panels through `person_panels` on their
AppConfig (org never imports them)."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from congso.cases.services import award_freeze_open
from congso.cases.tests.helpers import confirmed_case, make_case
from congso.common.testing import login_client, make_person

pytestmark = pytest.mark.django_db


def sample_panel(*, actor, person):
    """A panel for the tests: shown only for people whose name starts with "Hiện"."""
    if not person.full_name.startswith("Hiện"):
        return None
    return {"template": "org/tests/sample_panel.html", "context": {"name": person.full_name}}


@pytest.fixture
def only_sample_panel(monkeypatch, settings, tmp_path):
    (tmp_path / "org" / "tests").mkdir(parents=True)
    (tmp_path / "org" / "tests" / "sample_panel.html").write_text(
        '<section id="sample-panel">{{ ctx.name }}</section>', encoding="utf-8"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0].get("DIRS", []), tmp_path]}
    ]
    for config in apps.get_app_configs():
        monkeypatch.setattr(config, "person_panels", [], raising=False)
    monkeypatch.setattr(
        apps.get_app_config("org"),
        "person_panels",
        [f"{__name__}.sample_panel"],
        raising=False,
    )


def _page(user, person):
    return login_client(user).get(reverse("org:person", args=[person.pk]))


def test_page_renders_without_any_panel(world, monkeypatch):
    for config in apps.get_app_configs():
        monkeypatch.setattr(config, "person_panels", [], raising=False)
    response = _page(world.head_a, make_person(world.agency_a, full_name="Hiện Văn A"))
    assert response.status_code == 200
    assert response.context["panels"] == []


def test_a_declared_panel_is_rendered_with_its_context(world, only_sample_panel):
    html = _page(world.head_a, make_person(world.agency_a, full_name="Hiện Văn A")).content
    assert b'<section id="sample-panel">Hi' in html


def test_a_panel_returning_none_is_left_out(world, only_sample_panel):
    response = _page(world.head_a, make_person(world.agency_a, full_name="Ẩn Văn B"))
    assert response.status_code == 200
    assert b"sample-panel" not in response.content


def test_person_page_queries_stay_bounded_as_cases_pile_up(world):
    person = make_person(world.agency_a, full_name="Phạm Văn Dũng")
    make_case(unit=world.agency_a, person=person)

    def count() -> int:
        client = login_client(world.head_a)
        url = reverse("org:person", args=[person.pk])
        client.get(url)  # warm caches (session, calendar)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    few = count()
    for i in range(4):
        make_case(unit=world.agency_a, person=person)
        award_freeze_open(actor=None, person=person, reason="inspection", ref=f"insp:{i}")
    confirmed_case(unit=world.agency_a, person=person)
    assert count() == few
