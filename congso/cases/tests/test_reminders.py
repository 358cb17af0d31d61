from datetime import date

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test import override_settings

from congso.cases.crypto import decrypt_contact, encrypt_contact
from congso.cases.models import Case, Notification, Report
from congso.cases.services import ReportInput, case_assign, report_submit
from congso.cases.tasks import send_reminders_task
from congso.cases.tests.helpers import make_case, person_in
from congso.common.permissions import Role
from congso.common.scoping import ANONYMOUS
from congso.common.testing import make_user

pytestmark = pytest.mark.django_db


def test_reminder_goes_to_the_handler_then_escalates_to_the_head_once(world):
    handler = make_user("xuly", roles=[(Role.CASE_HANDLER, world.agency_a)])
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        case = make_case(unit=world.agency_a, person=person_in(world.agency_a))
        case_assign(actor=None, case=case, handler=handler)
    Case.objects.filter(pk=case.pk).update(due_on=date(2025, 9, 12))  # Friday
    with time_machine.travel("2025-09-11 08:00 +07:00", tick=False):
        call_command("cases", "send-reminders")
        call_command("cases", "send-reminders")  # the same step is not repeated
    assert list(Notification.objects.values_list("user__username", "level")) == [("xuly", 1)]
    with time_machine.travel("2025-09-16 08:00 +07:00", tick=False):  # 2 working days late
        send_reminders_task.enqueue()
    notices = set(Notification.objects.values_list("user__username", "level"))
    # head_a and admin_a (who holds every role on agency A) are the unit heads.
    assert notices == {("xuly", 1), ("head_a", 2), ("admin_a", 2)}


def test_reminder_without_handler_goes_to_the_unit_head(world):
    with time_machine.travel("2025-09-10 09:00 +07:00", tick=False):
        case = make_case(unit=world.division_a, person=person_in(world.division_a))
    Case.objects.filter(pk=case.pk).update(due_on=date(2025, 9, 10))
    with time_machine.travel("2025-09-10 15:00 +07:00", tick=False):
        call_command("cases", "send-reminders")
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"head_a", "admin_a"}  # the heads of the division's agency


def test_contact_details_survive_key_rotation():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEY=old):
        token = encrypt_contact({"name": "Người Dân", "phone": "0911"})
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new},{old}"):
        assert decrypt_contact(token) == {"name": "Người Dân", "phone": "0911"}


def test_rotate_key_command_reencrypts_under_the_new_key(world):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEY=old):
        report_submit(
            actor=ANONYMOUS,
            data=ReportInput(
                kind="misconduct",
                agency_id=world.agency_a.pk,
                description="x",
                contact_phone="0911",
            ),
        )
    with override_settings(FIELD_ENCRYPTION_KEY=f"{new},{old}"):
        call_command("cases", "rotate-key")
    with override_settings(FIELD_ENCRYPTION_KEY=new):
        assert decrypt_contact(Report.unscoped.get().contact_ciphertext) == {"phone": "0911"}
