"""Evidence for evaluation: read through the AppConfig registration, with the caller's reach."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string

from congso.common.evidence import EvidenceItem
from congso.common.testing import actor_of
from congso.dissemination import services
from congso.dissemination.tests.factories import make_campaign, make_session

pytestmark = pytest.mark.django_db


def _provider():
    (path,) = apps.get_app_config("dissemination").evaluation_evidence
    return import_string(path)


def test_evidence_lists_acknowledgements_and_sessions_per_person(world):
    campaign = make_campaign(world.agency_a)
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    services.acknowledge(actor=alice, campaign=campaign)
    services.attendance_scan(actor=alice, session=make_session(world.agency_a))
    today = timezone.localdate()
    found = _provider()(
        actor_of(world.head_a), [world.alice.person_id], today, today + timedelta(days=1)
    )
    items = found[world.alice.person_id]
    assert all(isinstance(i, EvidenceItem) for i in items)
    assert items[0].value == "đúng hạn"
    assert any(i.label == "Dự hội nghị quán triệt" for i in items)


def test_evidence_outside_the_callers_reach_is_empty(world):
    campaign = make_campaign(world.agency_a)
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    services.acknowledge(actor=alice, campaign=campaign)
    today = timezone.localdate()
    found = _provider()(actor_of(world.charlie), [world.alice.person_id], date(2020, 1, 1), today)
    assert found == {}
