"""Public transparency pages: aggregates only, confirmed violations that stand, no login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from congso.cases.selectors.public import public_violation_counts
from congso.conduct.models import ViolationCategory
from congso.reports.tests.helpers import violation
from congso.surveys.services import targets_sync, template_default

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _serving(world):
    from congso.org.services import counter_create

    type(world.agency_a).unscoped.filter(pk=world.agency_a.pk).update(serves_citizens=True)
    template_default()
    counter_create(actor=None, unit=world.agency_a, name="Quầy một cửa")
    targets_sync(actor=None, unit=world.agency_a)


def _confirm(case, *, state="confirmed", reversed_=False):
    # The count reads a case's state; the workflow that reaches it is tested in the cases app.
    type(case).unscoped.filter(pk=case.pk).update(
        state=state, reversed=reversed_, confirmed_on=timezone.localdate()
    )


def test_only_confirmed_findings_that_stand_are_counted(world):
    category = ViolationCategory.objects.order_by("code").first()
    standing = violation(world.agency_a, category=category)
    _confirm(standing)
    _confirm(violation(world.agency_a, category=category, full_name="B"), state="appealed")
    _confirm(violation(world.agency_a, category=category, full_name="C"), reversed_=True)
    violation(world.agency_a, category=category, full_name="D")  # still being verified
    assert public_violation_counts(unit_path=world.agency_a.path, year=YEAR) == [(category.name, 1)]
    assert public_violation_counts(unit_path=world.agency_b.path, year=YEAR) == []


def test_overview_and_agency_pages_open_without_login_and_name_nobody(world):
    _serving(world)
    category = ViolationCategory.objects.order_by("code").first()
    _confirm(violation(world.agency_a, category=category, full_name="Phạm Văn Dũng"))
    client = Client()
    overview = client.get(reverse("public_transparency:overview"))
    assert overview.status_code == 200
    html = overview.content.decode()
    assert reverse("public_transparency:agency", args=[world.agency_a.pk]) in html
    page = client.get(reverse("public_transparency:agency", args=[world.agency_a.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert category.name in body and "Phạm Văn Dũng" not in body


def test_a_unit_that_does_not_serve_citizens_has_no_public_page(world):
    response = Client().get(reverse("public_transparency:agency", args=[world.division_a.pk]))
    assert response.status_code == 404


def test_a_bad_year_is_404(world):
    assert Client().get(reverse("public_transparency:overview"), {"nam": "x"}).status_code == 404


def test_agency_page_joins_the_honour_roll_of_its_subtree_without_revoked_awards(world):
    from congso.reports.tests.helpers import awards

    _serving(world)
    awards(world.division_a, YEAR, ["ldtt", "cstdcs"], revoked={1})
    awards(world.agency_b, YEAR, ["ldtt"], number=2)
    body = (
        Client()
        .get(reverse("public_transparency:agency", args=[world.agency_a.pk]), {"nam": YEAR})
        .content.decode()
    )
    assert "Người Được Khen 0" in body  # division A is in agency A's subtree
    assert "Người Được Khen 1" not in body  # revoked
    assert body.count("Người Được Khen") == 1  # agency B's award is not on this page
    assert "1/QĐ-UBND" in body


def test_overview_counts_the_provinces_honour_roll_by_title(world):
    from congso.reports.tests.helpers import awards

    _serving(world)
    awards(world.agency_a, YEAR, ["ldtt", "ldtt", "ttldtt"])
    awards(world.agency_b, YEAR - 1, ["ldtt"], number=2)  # another year
    page = Client().get(reverse("public_transparency:overview"), {"nam": YEAR})
    assert page.context["honours"] == [("Lao động tiên tiến", 2), ("Tập thể lao động tiên tiến", 1)]
    assert reverse("honour:roll") + f"?nam={YEAR}" in page.content.decode()


def test_public_pages_stay_light_and_need_no_script(world):
    _serving(world)
    client = Client()
    for url in (
        reverse("public_transparency:overview"),
        reverse("public_transparency:agency", args=[world.agency_a.pk]),
    ):
        page = client.get(url, {"nam": YEAR})
        assert "<script" not in page.content.decode()
        assert len(page.content) < 30_000
