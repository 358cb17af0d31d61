"""The only writers of survey data. Split by concern; import from here."""

from congso.surveys.services.anomalies import anomalies_detect, anomaly_review
from congso.surveys.services.common import SurveyError
from congso.surveys.services.rollups import RebuildReport, rollups_rebuild
from congso.surveys.services.submit import (
    FormToken,
    SubmitResult,
    form_token_issue,
    response_submit,
)
from congso.surveys.services.targets import (
    agency_set_token_requirement,
    receipt_tokens_issue,
    target_reissue_code,
    targets_sync,
)
from congso.surveys.services.templates import template_default, template_update

__all__ = [
    "FormToken",
    "RebuildReport",
    "SubmitResult",
    "SurveyError",
    "agency_set_token_requirement",
    "anomalies_detect",
    "anomaly_review",
    "form_token_issue",
    "receipt_tokens_issue",
    "response_submit",
    "rollups_rebuild",
    "target_reissue_code",
    "targets_sync",
    "template_default",
    "template_update",
]
