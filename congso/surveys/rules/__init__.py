"""Pure rules of citizen-satisfaction surveys: the questions, the scale, validation of answers,
the indices and the anomaly checks. No ORM, no request.

One module per concern: questions.py (the questions, the scale, validation of answers),
indices.py, periods.py and anomalies.py; this package re-exports their names.

Legal basis: QĐ 1001/QĐ-BNV of 11/12/2023 (SIPAS 2023–2026 method) measures satisfaction with
five elements of public administrative service — tiếp cận dịch vụ; thủ tục hành chính; công
chức trực tiếp giải quyết; kết quả dịch vụ; tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị —
on a five-level scale, and reports the share of people who are "hài lòng" or "rất hài lòng".
Chỉ thị of the Lào Cai Standing Committee (point 3) asks every agency to survey satisfaction
regularly and to use it in rating its staff.
"""

from congso.surveys.rules.anomalies import (
    Burst,
    Event,
    find_bursts,
)
from congso.surveys.rules.indices import (
    Index,
    Tally,
    compute_index,
    mean_score,
    percent,
    publishable,
    rank,
    share_satisfied,
    sipas_mean,
    sipas_share,
    smoothed_index,
    trend,
)
from congso.surveys.rules.periods import (
    FIRST_PERIOD_YEAR,
    Period,
    parse_period,
    period_of,
    previous_period,
)
from congso.surveys.rules.questions import (
    COMMENT_MAX_CHARS,
    COUNT_COLUMNS,
    DEFAULT_QUESTIONS,
    DOSSIER_CODE_MAX_CHARS,
    ELEMENT_NAMES,
    LEVELS,
    MIN_SAMPLE_DEFAULT,
    PRIOR_WEIGHT_DEFAULT,
    QUESTION_KEYS,
    ROLLUP_COLUMNS,
    SATISFIED_LEVELS,
    SCALE,
    SIPAS_COLUMNS,
    SIPAS_KEYS,
    AnswerError,
    clean_dossier_code,
    clean_text,
    column,
    parse_client_id,
    sipas_increments,
    validate_answers,
    validate_questions,
)

__all__ = [
    "COMMENT_MAX_CHARS",
    "COUNT_COLUMNS",
    "DEFAULT_QUESTIONS",
    "DOSSIER_CODE_MAX_CHARS",
    "ELEMENT_NAMES",
    "FIRST_PERIOD_YEAR",
    "LEVELS",
    "MIN_SAMPLE_DEFAULT",
    "PRIOR_WEIGHT_DEFAULT",
    "QUESTION_KEYS",
    "ROLLUP_COLUMNS",
    "SATISFIED_LEVELS",
    "SCALE",
    "SIPAS_COLUMNS",
    "SIPAS_KEYS",
    "AnswerError",
    "Burst",
    "Event",
    "Index",
    "Period",
    "Tally",
    "clean_dossier_code",
    "clean_text",
    "column",
    "compute_index",
    "find_bursts",
    "mean_score",
    "parse_client_id",
    "parse_period",
    "percent",
    "period_of",
    "previous_period",
    "publishable",
    "rank",
    "share_satisfied",
    "sipas_increments",
    "sipas_mean",
    "sipas_share",
    "smoothed_index",
    "trend",
    "validate_answers",
    "validate_questions",
]
