"""Pages of inspections (thin views over inspections.selectors and inspections.services)."""

from congso.inspections.views.plans import index, plan_advance, plan_create, plan_detail, scores
from congso.inspections.views.tasks import task_complete, task_list
from congso.inspections.views.visits import (
    finding_case,
    finding_create,
    item_assess,
    photo_add,
    photo_file,
    subject_add,
    task_create,
    visit_create,
    visit_detail,
    visit_finish,
    visit_start,
)

__all__ = [
    "finding_case",
    "finding_create",
    "index",
    "item_assess",
    "photo_add",
    "photo_file",
    "plan_advance",
    "plan_create",
    "plan_detail",
    "scores",
    "subject_add",
    "task_complete",
    "task_create",
    "task_list",
    "visit_create",
    "visit_detail",
    "visit_finish",
    "visit_start",
]
