"""The conduct demo loader: codes for every agency, versions that diff, attestations."""

from __future__ import annotations

import random
from datetime import date

import pytest

from congso.conduct import demo
from congso.conduct.models import Attestation, CodeOfConduct, CodeVersion
from congso.conduct.selectors import clause_in_force

pytestmark = pytest.mark.django_db


def test_demo_gives_every_agency_a_code_in_force_and_attestations(world):
    lines: list[str] = []
    demo.load_demo(rng=random.Random(1), log=lines.append)
    units = {world.agency_a.pk, world.agency_b.pk}
    assert set(CodeOfConduct.objects.values_list("unit_id", flat=True)) == units
    for unit in (world.agency_a, world.division_a, world.agency_b):
        assert clause_in_force(unit_id=unit.pk, category_code="alcohol", on=date(2025, 8, 1))
    assert Attestation.objects.exists()
    assert all(v.clauses.exists() for v in CodeVersion.objects.all()), (
        "every version has its clauses"
    )
    assert lines and "quy chế" in lines[0]


def test_second_versions_close_the_first_on_their_start(world, monkeypatch):
    monkeypatch.setattr(demo, "SECOND_VERSION_SHARE", 1.0)
    demo.load_codes(rng=random.Random(3))
    seconds = CodeVersion.objects.filter(number=2, status="published")
    assert seconds.count() == 2
    for version in seconds:
        first = CodeVersion.objects.get(code=version.code, number=1)
        assert first.effective_to == version.effective_from
