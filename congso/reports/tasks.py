"""Background tasks run by the db_worker (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from congso.reports.unit_reports.reminders import send_reminders


@task()
def unit_report_reminders_task() -> dict:
    """Daily: urge the units whose periodic report is due soon or late (and their parents)."""
    return send_reminders()
