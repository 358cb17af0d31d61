"""Background tasks run by the db_worker (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from congso.cases.services import send_reminders


@task()
def send_reminders_task() -> dict:
    """Daily: remind handlers of cases near their deadline, tell unit heads of overdue ones."""

    return send_reminders()
