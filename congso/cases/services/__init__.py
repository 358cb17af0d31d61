"""The only writers of the cases app. Other apps call these names (keep them stable):
`case_create`, `award_freeze_open`, `award_freeze_close`."""

from congso.cases.services.config import case_type_config_update
from congso.cases.services.freeze import award_freeze_close, award_freeze_open
from congso.cases.services.handling import (
    appeal_file,
    appeal_review,
    measure_record,
    processing_extend,
)
from congso.cases.services.identity import identity_reveal
from congso.cases.services.intake import (
    ReportInput,
    lookup_allowed,
    lookup_failed,
    receipt_use_allowed,
    report_allowed,
    report_by_receipt,
    report_input_errors,
    report_submit,
    reporter_message_post,
    staff_message_post,
)
from congso.cases.services.reminders import (
    notifications_mark_read,
    notify_users,
    send_reminders,
)
from congso.cases.services.screening import (
    report_accept,
    report_forward,
    report_mark_duplicate,
    report_mark_spam,
)
from congso.cases.services.workflow import (
    case_assign,
    case_create,
    case_set_finding,
    case_transition,
)

__all__ = [
    "ReportInput",
    "appeal_file",
    "appeal_review",
    "award_freeze_close",
    "award_freeze_open",
    "case_assign",
    "case_create",
    "case_set_finding",
    "case_transition",
    "case_type_config_update",
    "identity_reveal",
    "lookup_allowed",
    "lookup_failed",
    "measure_record",
    "notifications_mark_read",
    "notify_users",
    "processing_extend",
    "receipt_use_allowed",
    "report_accept",
    "report_allowed",
    "report_by_receipt",
    "report_forward",
    "report_input_errors",
    "report_mark_duplicate",
    "report_mark_spam",
    "report_submit",
    "reporter_message_post",
    "send_reminders",
    "staff_message_post",
]
