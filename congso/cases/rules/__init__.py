"""Pure rules of the case workflow, one module per concern: transitions, stage deadlines,
reminders, discipline forms, appeals, evidence limits and what the public may see. No ORM, no
request.

- errors.py: RuleError, TransitionForbidden;
- workflow.py: the transition table and its checks;
- deadlines.py: stage deadlines, case-type overrides, overdue, reminders;
- discipline.py: discipline forms (the regimes are congso.policy.discipline);
- reports.py: receipts, evidence limits, what the public may see.

Legal basis (paraphrased, see ../shared/domain.md §6 and §10):
- Luật Tố cáo 25/2018/QH14: art. 24 (7 working days to classify a denunciation), art. 30
  (handling time), art. 47 (protect the reporter's identity).
- NĐ 112/2020/NĐ-CP (from 20/11/2020) and NĐ 172/2025/NĐ-CP (from 01/7/2025): discipline forms
  of cán bộ, công chức, viên chức; severity levels; the 90-day processing limit, extendable to
  150 days.
- NĐ 152/2025/NĐ-CP: no award or nomination while a violation is being verified or handled.
"""

from congso.cases.rules.deadlines import (
    CONFIG_FIELDS,
    CONFIG_MAX_DAYS,
    DEFAULT_APPEAL_WINDOW_DAYS,
    DEFAULT_STAGE_DAYS,
    ESCALATE_AFTER_OVERDUE_DAYS,
    URGENT_FIRST_ACTION_DAYS,
    ReminderStep,
    check_config_days,
    effective_config_days,
    is_overdue,
    reminder_step,
    stage_working_days,
)
from congso.cases.rules.discipline import (
    FORM_LABELS,
    check_discipline,
)
from congso.cases.rules.errors import (
    FieldErrors,
    ReceiptConflict,
    RuleError,
    TransitionForbidden,
)
from congso.cases.rules.reports import (
    ALLOWED_EVIDENCE_TYPES,
    MAX_DESCRIPTION_CHARS,
    MAX_EVIDENCE_BYTES,
    MAX_EVIDENCE_FILES,
    MAX_IMAGE_PIXELS,
    MAX_IMAGE_SIDE,
    RECEIPT_RE,
    check_evidence,
    finding_is_public,
    format_receipt,
    normalise_receipt,
    public_status,
    receipt_is_wellformed,
)
from congso.cases.rules.workflow import (
    FINDING_STATES,
    FREEZING_STATES,
    OPEN_STATES,
    TERMINAL_STATES,
    TRANSITIONS,
    CaseFacts,
    check_transition,
)

__all__ = [
    "ALLOWED_EVIDENCE_TYPES",
    "CONFIG_FIELDS",
    "CONFIG_MAX_DAYS",
    "DEFAULT_APPEAL_WINDOW_DAYS",
    "DEFAULT_STAGE_DAYS",
    "ESCALATE_AFTER_OVERDUE_DAYS",
    "FINDING_STATES",
    "FORM_LABELS",
    "FREEZING_STATES",
    "MAX_DESCRIPTION_CHARS",
    "MAX_EVIDENCE_BYTES",
    "MAX_EVIDENCE_FILES",
    "MAX_IMAGE_PIXELS",
    "MAX_IMAGE_SIDE",
    "OPEN_STATES",
    "RECEIPT_RE",
    "TERMINAL_STATES",
    "TRANSITIONS",
    "URGENT_FIRST_ACTION_DAYS",
    "CaseFacts",
    "FieldErrors",
    "ReceiptConflict",
    "ReminderStep",
    "RuleError",
    "TransitionForbidden",
    "check_config_days",
    "check_discipline",
    "check_evidence",
    "check_transition",
    "effective_config_days",
    "finding_is_public",
    "format_receipt",
    "is_overdue",
    "normalise_receipt",
    "public_status",
    "receipt_is_wellformed",
    "reminder_step",
    "stage_working_days",
]
