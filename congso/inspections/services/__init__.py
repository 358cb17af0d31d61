"""The only writers of the inspections app (plans, visits, checklist, photos, findings,
remediation). Each checks the actor's capability, runs atomically and writes audit rows."""

from congso.inspections.services.checklist import item_assess, photo_add
from congso.inspections.services.findings import (
    finding_record,
    finding_to_case,
    task_complete,
    task_create,
)
from congso.inspections.services.plans import (
    plan_advance,
    plan_create,
    visit_add_subject,
    visit_finish,
    visit_schedule,
    visit_start,
)

__all__ = [
    "finding_record",
    "finding_to_case",
    "item_assess",
    "photo_add",
    "plan_advance",
    "plan_create",
    "task_complete",
    "task_create",
    "visit_add_subject",
    "visit_finish",
    "visit_schedule",
    "visit_start",
]
