"""Background tasks run by the db_worker (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from congso.dissemination.reminders import send_reminders


@task()
def send_reminders_task() -> dict:
    """Daily: remind recipients, escalate overdue acknowledgements to the heads."""
    return send_reminders()
