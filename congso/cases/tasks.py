"""Background tasks run by the db_worker (django-tasks)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reminders_task() -> dict:
    """Daily: remind handlers of cases near their deadline, tell unit heads of overdue ones."""
    from congso.cases.services import send_reminders

    return send_reminders()
