"""Reminders that escalate: recipient, unit head, head of the unit above; mail; once only."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from congso.common.permissions import Role
from congso.common.testing import actor_of, make_user
from congso.dissemination import services
from congso.dissemination.models import Notice
from congso.dissemination.reminders import send_reminders
from congso.dissemination.rules import ReminderStep
from congso.dissemination.tests.factories import make_campaign

pytestmark = pytest.mark.django_db

# Monday 2 March 2026 to Friday 13 March 2026 (10 working days); no holidays in between.
START, DUE = date(2026, 3, 2), date(2026, 3, 13)


def _campaign(world):
    world.alice.email = "alice@example.vn"
    world.alice.save(update_fields=["email"])
    return make_campaign(world.agency_a, start_on=START, due_on=DUE)


def test_start_day_reminds_each_recipient_once_and_mails_them(world):
    _campaign(world)
    sent = send_reminders(today=START)
    assert sent["staff"] == 2  # alice and head_a have accounts
    assert send_reminders(today=START)["staff"] == 0
    assert any("alice@example.vn" in m.to for m in mail.outbox)
    assert Notice.objects.filter(step=ReminderStep.START).count() == 2


def test_acknowledged_people_are_not_reminded(world):
    campaign = _campaign(world)
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    services.acknowledge(actor=alice, campaign=campaign)
    send_reminders(today=START)
    assert not Notice.objects.filter(user=world.alice).exists()


def test_overdue_escalates_to_unit_head_then_to_head_above(world):
    _campaign(world)
    above = make_user("province_head", roles=[(Role.UNIT_HEAD, world.province)])
    send_reminders(today=date(2026, 3, 16))  # 1 working day overdue
    assert Notice.objects.filter(step=ReminderStep.OVERDUE, user=world.alice).exists()
    assert not Notice.objects.filter(step=ReminderStep.HEAD).exists()
    send_reminders(today=date(2026, 3, 18))  # 3 working days overdue
    head = Notice.objects.get(step=ReminderStep.HEAD, user=world.head_a)
    assert "2 cán bộ của Sở Nội vụ" in head.text
    assert not Notice.objects.filter(user=above).exists()
    send_reminders(today=date(2026, 3, 23))  # 6 working days overdue
    assert Notice.objects.filter(step=ReminderStep.PARENT_HEAD, user=above).exists()


def test_escalation_appears_in_the_heads_task_list(world):
    from congso.common.inbox import collect

    _campaign(world)
    send_reminders(today=date(2026, 3, 18))
    kinds = [item.kind for item in collect(actor_of(world.head_a))]
    assert "Đôn đốc quán triệt" in kinds


def test_command_and_background_task_run_the_same_job(world):
    from congso.dissemination.tasks import send_reminders_task

    make_campaign(world.agency_a)
    call_command("dissemination", "send-reminders")
    count = Notice.objects.count()
    assert count >= 1
    send_reminders_task.enqueue()
    assert Notice.objects.count() == count
