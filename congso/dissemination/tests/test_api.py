"""Staff API of dissemination."""

from __future__ import annotations

import pytest
from django.utils import timezone

from congso.common.testing import login_client
from congso.dissemination.models import Receipt
from congso.dissemination.rollup import rebuild
from congso.dissemination.tests.factories import make_campaign

pytestmark = pytest.mark.django_db


def test_completion_api_gives_units_and_percent(world):
    campaign = make_campaign(world.province)
    Receipt.objects.create(
        campaign=campaign,
        version=campaign.version,
        person=world.alice.person,
        unit=world.agency_a,
        opened_at=timezone.now(),
        acknowledged_at=timezone.now(),
        on_time=True,
    )
    rebuild(campaign_ids=[campaign.pk])
    body = (
        login_client(world.boss)
        .get(f"/api/v1/dissemination/campaigns/{campaign.pk}/completion")
        .json()
    )
    assert body["acknowledged"] == 1
    assert body["recipients"] == 3  # alice, head_a, charlie (boss has no person)
    assert {u["name"] for u in body["units"]} >= {"Sở Nội vụ", "Sở Y tế"}


def test_acknowledge_api_refuses_unopened_then_accepts(world):
    campaign = make_campaign(world.agency_a)
    client = login_client(world.alice)
    url = f"/api/v1/dissemination/my/campaigns/{campaign.pk}/acknowledge"
    refused = client.post(url, {}, content_type="application/json")
    assert refused.status_code == 400
    assert "Hãy mở và đọc văn bản" in refused.json()["detail"]
    client.get(f"/quan-triet/nhan/{campaign.pk}/van-ban.pdf")
    done = client.post(url, {"answers": []}, content_type="application/json")
    assert done.status_code == 200
    assert done.json()["acknowledged_at"]
    mine = client.get("/api/v1/dissemination/my/campaigns").json()
    assert mine[0]["opened"] is True
