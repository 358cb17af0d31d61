"""Notices (reminders, escalations): marked read one by one or all at once, by their addressee
only; the unread count in the menu."""

from __future__ import annotations

import pytest
from django.urls import reverse

from congso.common.inbox import unread_count
from congso.common.testing import actor_of, login_client
from congso.dissemination.models import Notice
from congso.dissemination.rules import ReminderStep
from congso.dissemination.tests.factories import make_campaign

pytestmark = pytest.mark.django_db


def make_notice(user, unit, *, step=ReminderStep.START, text="Văn bản 1847 cần đọc."):
    campaign = make_campaign(unit)
    return Notice.objects.create(
        campaign=campaign,
        version=campaign.version,
        step=step,
        user=user,
        key=f"t-{campaign.pk}-{step}-{user.pk}",
        text=text,
    )


def test_a_notice_is_marked_read_by_its_addressee_only(world):
    notice = make_notice(world.alice, world.agency_a)
    url = reverse("dissemination:notice_read", args=[notice.pk])
    assert login_client(world.head_a).post(url).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
    response = login_client(world.alice).post(url)
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None
    first = notice.read_at
    login_client(world.alice).post(url)
    notice.refresh_from_db()
    assert notice.read_at == first


def test_mark_all_read_touches_only_ones_own_notices(world):
    mine = [make_notice(world.alice, world.agency_a) for _ in range(2)]
    other = make_notice(world.charlie, world.agency_b)
    response = login_client(world.alice).post(reverse("dissemination:notices_read"))
    assert response.status_code == 302
    assert all(Notice.objects.get(pk=n.pk).read_at for n in mine)
    assert Notice.objects.get(pk=other.pk).read_at is None


def test_mark_read_needs_post(world):
    notice = make_notice(world.alice, world.agency_a)
    url = reverse("dissemination:notice_read", args=[notice.pk])
    assert login_client(world.alice).get(url).status_code == 405
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_unread_count_is_in_the_menu_and_drops_when_read(world):
    first = make_notice(world.alice, world.agency_a, text="Nhắc lần một")
    make_notice(world.alice, world.agency_a, text="Nhắc lần hai")
    client = login_client(world.alice)
    page = client.get(reverse("common:my_tasks")).content.decode()
    assert '<span class="badge"' in page
    assert "2 thông báo chưa đọc" in page
    assert "Nhắc lần một" in page and "Đánh dấu tất cả đã đọc" in page
    client.post(reverse("dissemination:notice_read", args=[first.pk]))
    assert unread_count(actor_of(world.alice)) == 1
    client.post(reverse("dissemination:notices_read"))
    page = client.get(reverse("common:my_tasks")).content.decode()
    assert "thông báo chưa đọc" not in page
    assert "Nhắc lần hai" in page  # read notices stay listed


def test_a_read_escalation_leaves_the_heads_task_list(world):
    from congso.common.inbox import collect

    notice = make_notice(world.head_a, world.agency_a, step=ReminderStep.HEAD, text="3 người trễ")
    head = actor_of(world.head_a)
    assert any(item.title == "3 người trễ" for item in collect(head))
    login_client(world.head_a).post(reverse("dissemination:notice_read", args=[notice.pk]))
    assert not any(item.title == "3 người trễ" for item in collect(head))
