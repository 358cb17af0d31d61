"""Writes of the emulation app (the one writer of its tables)."""

from congso.emulation.services.awards import (
    award_revoke,
    decision_issue,
    initiative_decide,
    initiative_submit,
    meeting_create,
    proposal_create,
    proposal_withdraw,
    tally_record,
)
from congso.emulation.services.ballot import ballot_cast, voting_close, voting_open
from congso.emulation.services.catalogue import (
    base_salary_add,
    coefficient_add,
    title_create,
    title_update,
)
from congso.emulation.services.history import HISTORY_COLUMNS, ImportErrors, history_import
from congso.emulation.services.plans import (
    plan_create,
    registration_create,
    registration_decide,
    registration_submit,
    review_save,
    urging_send,
)

__all__ = [
    "HISTORY_COLUMNS",
    "ImportErrors",
    "award_revoke",
    "ballot_cast",
    "base_salary_add",
    "coefficient_add",
    "decision_issue",
    "history_import",
    "initiative_decide",
    "initiative_submit",
    "meeting_create",
    "plan_create",
    "proposal_create",
    "proposal_withdraw",
    "registration_create",
    "registration_decide",
    "registration_submit",
    "review_save",
    "tally_record",
    "title_create",
    "title_update",
    "urging_send",
    "voting_close",
    "voting_open",
]
