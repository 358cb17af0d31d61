"""Writes of the evaluation app (the one writer of its tables)."""

from congso.evaluation.services.classification import classify, quota_choose
from congso.evaluation.services.facts import year_facts_set_initiative
from congso.evaluation.services.sheets import (
    sheet_amend,
    sheet_assess,
    sheet_finalise,
    sheet_open,
    sheet_push,
    sheet_self_assess,
    sheets_open_period,
)
from congso.evaluation.services.workflow import (
    appeal_answer,
    appeal_file,
    result_decide,
    results_mark_for_review,
    run_approve,
    run_finalise,
    run_publish,
    run_review,
)

__all__ = [
    "appeal_answer",
    "appeal_file",
    "classify",
    "quota_choose",
    "result_decide",
    "results_mark_for_review",
    "run_approve",
    "run_finalise",
    "run_publish",
    "run_review",
    "sheet_amend",
    "sheet_assess",
    "sheet_finalise",
    "sheet_open",
    "sheet_push",
    "sheet_self_assess",
    "sheets_open_period",
    "year_facts_set_initiative",
]
