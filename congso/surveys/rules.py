"""Pure rules of citizen-satisfaction surveys: the questions, the scale, validation of answers,
the indices and the anomaly checks. No ORM, no request.

Legal basis: QĐ 1001/QĐ-BNV of 11/12/2023 (SIPAS 2023–2026 method) measures satisfaction with
five elements of public administrative service — tiếp cận dịch vụ; thủ tục hành chính; công
chức trực tiếp giải quyết; kết quả dịch vụ; tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị —
on a five-level scale, and reports the share of people who are "hài lòng" or "rất hài lòng".
Chỉ thị of the Lào Cai Standing Committee (point 3) asks every agency to survey satisfaction
regularly and to use it in rating its staff.
"""

from __future__ import annotations

import math
import unicodedata
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from congso.common.params import FIRST_PERIOD_YEAR as FIRST_PERIOD_YEAR
from congso.common.params import Period as Period
from congso.common.params import parse_period as parse_period
from congso.common.params import period_of as period_of
from congso.common.params import previous_period as previous_period

# The five SIPAS elements (QĐ 1001/QĐ-BNV), then the officer's attitude and an overall rating.
SIPAS_KEYS: tuple[str, ...] = ("access", "procedure", "officer", "result", "feedback")
QUESTION_KEYS: tuple[str, ...] = (*SIPAS_KEYS, "attitude", "overall")
LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)
SATISFIED_LEVELS: tuple[int, ...] = (4, 5)  # hài lòng + rất hài lòng

# Vietnamese labels are the msgids of the English catalogue; the API answers Vietnamese.
SCALE: tuple[tuple[int, str], ...] = (
    (1, "Rất không hài lòng"),
    (2, "Không hài lòng"),
    (3, "Bình thường"),
    (4, "Hài lòng"),
    (5, "Rất hài lòng"),
)

ELEMENT_NAMES: dict[str, str] = {
    "access": "Tiếp cận dịch vụ",
    "procedure": "Thủ tục hành chính",
    "officer": "Công chức trực tiếp giải quyết",
    "result": "Kết quả dịch vụ",
    "feedback": "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
    "attitude": "Thái độ phục vụ của cán bộ",
    "overall": "Mức độ hài lòng chung",
}

DEFAULT_QUESTIONS: tuple[dict[str, str], ...] = (
    {
        "key": "access",
        "label": "Ông/Bà hài lòng thế nào về việc tiếp cận dịch vụ (địa điểm, nơi ngồi chờ, "
        "trang thiết bị, hướng dẫn)?",
    },
    {
        "key": "procedure",
        "label": "Ông/Bà hài lòng thế nào về thủ tục hành chính (niêm yết công khai, thành phần "
        "hồ sơ, thời hạn giải quyết)?",
    },
    {
        "key": "officer",
        "label": "Ông/Bà hài lòng thế nào về công chức trực tiếp giải quyết (hướng dẫn đầy đủ, "
        "dễ hiểu, không gây phiền hà, không đòi thêm tiền)?",
    },
    {
        "key": "result",
        "label": "Ông/Bà hài lòng thế nào về kết quả dịch vụ (đúng hạn, đúng quy định, thông "
        "tin chính xác)?",
    },
    {
        "key": "feedback",
        "label": "Ông/Bà hài lòng thế nào về việc tiếp nhận, giải quyết góp ý, phản ánh, "
        "kiến nghị?",
    },
    {"key": "attitude", "label": "Thái độ phục vụ của cán bộ có lịch sự, tôn trọng Ông/Bà không?"},
    {"key": "overall", "label": "Nhìn chung, Ông/Bà hài lòng thế nào với lần giải quyết này?"},
)

COMMENT_MAX_CHARS = 2000
DOSSIER_CODE_MAX_CHARS = 40
MIN_SAMPLE_DEFAULT = 10
PRIOR_WEIGHT_DEFAULT = 10


class AnswerError(ValueError):
    """Bad answers or text from a citizen; `message` is Vietnamese, `field` names the input."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def column(key: str, level: int) -> str:
    """Name of the rollup column counting answers `level` to question `key`."""
    return f"c_{key}_{level}"


COUNT_COLUMNS: tuple[str, ...] = tuple(column(k, lv) for k in QUESTION_KEYS for lv in LEVELS)
# Compact SIPAS figures kept beside the counts so rankings sum 4 columns instead of 36:
# satisfied answers, answers and the sum of levels over the five elements.
SIPAS_COLUMNS: tuple[str, ...] = ("s_sat", "s_ans", "s_sum")
ROLLUP_COLUMNS: tuple[str, ...] = (*COUNT_COLUMNS, *SIPAS_COLUMNS)


def sipas_increments(answers: Mapping[str, int]) -> tuple[int, int, int]:
    """(satisfied answers, answers, sum of levels) of one response over the five elements."""
    levels = [answers[k] for k in SIPAS_KEYS if answers.get(k) is not None]
    return sum(1 for v in levels if v in SATISFIED_LEVELS), len(levels), sum(levels)


def validate_questions(questions: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """A template's question list: known keys, each once, a non-empty label, 'overall' kept."""
    seen: set[str] = set()
    result: list[dict[str, str]] = []
    for item in questions:
        key = str(item.get("key", ""))
        label = clean_text(str(item.get("label", "")), max_chars=300, field="label")
        if key not in QUESTION_KEYS:
            raise AnswerError(f"Câu hỏi “{key}” không thuộc bộ câu hỏi SIPAS.", field="key")
        if key in seen:
            raise AnswerError(f"Câu hỏi “{key}” bị lặp.", field="key")
        if not label:
            raise AnswerError("Nội dung câu hỏi không được để trống.", field="label")
        seen.add(key)
        result.append({"key": key, "label": label})
    if "overall" not in seen:
        raise AnswerError("Phiếu phải có câu hỏi đánh giá chung.", field="key")
    return result


def validate_answers(answers: Any, keys: Sequence[str]) -> dict[str, int]:
    """Every question of the version answered with an integer 1..5, nothing else.

    Booleans and floats are refused (JSON `true` and `4.0` are not levels of the scale).
    """
    if not isinstance(answers, Mapping):
        raise AnswerError(
            "Câu trả lời phải là một đối tượng {mã câu hỏi: mức 1–5}.", field="answers"
        )
    unknown = sorted(set(answers) - set(keys))
    if unknown:
        raise AnswerError(f"Câu hỏi không có trong phiếu: {', '.join(unknown)}.", field="answers")
    result: dict[str, int] = {}
    for key in keys:
        if key not in answers or answers[key] is None:
            raise AnswerError(f"Chưa trả lời câu hỏi “{key}”.", field="answers")
        value = answers[key]
        if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
            raise AnswerError(
                f"Câu trả lời cho “{key}” phải là số nguyên từ 1 đến 5.", field="answers"
            )
        result[key] = value
    return result


def clean_text(value: str | None, *, max_chars: int, field: str) -> str:
    """NFC-normalise, refuse NUL and other control characters, enforce the length limit."""
    if not value:
        return ""
    if "\x00" in value:
        raise AnswerError("Nội dung chứa ký tự không hợp lệ (NUL).", field=field)
    text = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in text):
        raise AnswerError("Nội dung chứa ký tự điều khiển không hợp lệ.", field=field)
    if len(text) > max_chars:
        raise AnswerError(f"Nội dung dài quá {max_chars} ký tự.", field=field)
    return text


def clean_dossier_code(value: str | None) -> str | None:
    """A dossier code (mã hồ sơ) as printed on the receipt: upper case, no spaces."""
    text = clean_text(value, max_chars=DOSSIER_CODE_MAX_CHARS, field="dossier_code")
    text = "".join(text.split()).upper()
    if not text:
        return None
    if not all(ch.isalnum() or ch in "-./_" for ch in text) or not text.isascii():
        raise AnswerError("Mã hồ sơ chỉ gồm chữ, số và các dấu - . / _", field="dossier_code")
    return text


def parse_client_id(value: Any) -> uuid.UUID:
    """The client's idempotency key must be a UUID (any version)."""
    try:
        return uuid.UUID(str(value))
    except (ValueError, AttributeError, TypeError) as exc:
        raise AnswerError("client_id phải là một UUID hợp lệ.", field="client_id") from exc


# ---------------------------------------------------------------------------------------------
# Indices


@dataclass
class Tally:
    """Answer counts of one group (a target, unit, agency…) over a period.

    `counts[key]` holds the number of answers at levels 1..5; `responses` the number of
    responses. Built from rollup rows, never from raw responses.
    """

    responses: int = 0
    counts: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0, 0, 0] for k in QUESTION_KEYS}
    )
    s_sat: int = 0  # satisfied answers over the five SIPAS elements
    s_ans: int = 0  # answers over the five SIPAS elements
    s_sum: int = 0  # sum of levels over the five SIPAS elements

    def add_row(self, row: Mapping[str, Any]) -> None:
        """Add a rollup row: `n`, the COUNT_COLUMNS present and the SIPAS_COLUMNS (derived
        from the counts when the row has none)."""
        self.responses += int(row.get("n") or 0)
        for key in QUESTION_KEYS:
            bucket = self.counts[key]
            for index, level in enumerate(LEVELS):
                bucket[index] += int(row.get(column(key, level)) or 0)
        if "s_ans" in row:
            self.s_sat += int(row.get("s_sat") or 0)
            self.s_ans += int(row.get("s_ans") or 0)
            self.s_sum += int(row.get("s_sum") or 0)
            return
        for key in SIPAS_KEYS:
            for level in LEVELS:
                count = int(row.get(column(key, level)) or 0)
                self.s_ans += count
                self.s_sum += count * level
                self.s_sat += count if level in SATISFIED_LEVELS else 0

    def merge(self, other: Tally) -> None:
        """Add another group's counts to this one."""
        self.responses += other.responses
        self.s_sat += other.s_sat
        self.s_ans += other.s_ans
        self.s_sum += other.s_sum
        for key in QUESTION_KEYS:
            self.counts[key] = [
                a + b for a, b in zip(self.counts[key], other.counts[key], strict=True)
            ]

    def answered(self, key: str) -> int:
        return sum(self.counts[key])

    def satisfied(self, key: str) -> int:
        return sum(self.counts[key][level - 1] for level in SATISFIED_LEVELS)


def share_satisfied(tally: Tally, key: str) -> float | None:
    """SIPAS share for one question: (hài lòng + rất hài lòng) / answers, in 0..1."""
    answered = tally.answered(key)
    return tally.satisfied(key) / answered if answered else None


def mean_score(tally: Tally, key: str) -> float | None:
    """Mean level (1..5) of the answers to one question."""
    answered = tally.answered(key)
    if not answered:
        return None
    return sum(level * tally.counts[key][level - 1] for level in LEVELS) / answered


def sipas_share(tally: Tally) -> float | None:
    """The overall SIPAS index: satisfied answers over all answers to the five elements.

    As SIPAS reports it, the overall index is the mean of the five element indices; since every
    response answers every element, pooling answers gives the same value and stays defined when
    a template version leaves an element out.
    """
    return tally.s_sat / tally.s_ans if tally.s_ans else None


def sipas_mean(tally: Tally) -> float | None:
    """Mean level over all answers to the five elements."""
    return tally.s_sum / tally.s_ans if tally.s_ans else None


def smoothed_index(
    *, share: float | None, n: int, prior: float | None, weight: int = PRIOR_WEIGHT_DEFAULT
) -> float | None:
    """Bayesian average (empirical-Bayes shrinkage) of a satisfied share:

        smoothed = (n · p + m · p0) / (n + m)

    p is the group's own share, n its number of responses, p0 the share of the group it
    belongs to (the agency's for an officer or counter, the province's for an agency) and m the
    prior weight in responses. A group with few responses is pulled toward p0; with many, its
    own share dominates. With no prior, the raw share is returned.
    """
    if share is None or n <= 0:
        return None
    if prior is None or weight <= 0:
        return share
    return (n * share + weight * prior) / (n + weight)


def publishable(n: int, minimum: int = MIN_SAMPLE_DEFAULT) -> bool:
    """An index is shown only from `minimum` responses on (default 10)."""
    return n >= minimum


@dataclass(frozen=True)
class Index:
    """The published figures of one group over one period."""

    n: int
    shares: dict[str, float | None]
    means: dict[str, float | None]
    sipas: float | None
    sipas_mean: float | None
    smoothed: float | None
    published: bool


def compute_index(
    tally: Tally,
    *,
    prior: float | None,
    minimum: int = MIN_SAMPLE_DEFAULT,
    weight: int = PRIOR_WEIGHT_DEFAULT,
) -> Index:
    """All figures of a group; below the minimum sample nothing but n is published."""
    n = tally.responses
    published = publishable(n, minimum)
    if not published:
        return Index(n, {}, {}, None, None, None, False)
    share = sipas_share(tally)
    return Index(
        n=n,
        shares={k: share_satisfied(tally, k) for k in QUESTION_KEYS},
        means={k: mean_score(tally, k) for k in QUESTION_KEYS},
        sipas=share,
        sipas_mean=sipas_mean(tally),
        smoothed=smoothed_index(share=share, n=n, prior=prior, weight=weight),
        published=True,
    )


def trend(current: Index | None, previous: Index | None) -> float | None:
    """Change of the SIPAS share, in percentage points, when both periods are published."""
    if not current or not previous or not current.published or not previous.published:
        return None
    if current.sipas is None or previous.sipas is None:
        return None
    return round((current.sipas - previous.sipas) * 100, 1)


def rank(items: Iterable[tuple[Any, Index]]) -> list[tuple[int | None, Any, Index]]:
    """Order by smoothed index (published first), ties by n; unpublished rows get no rank."""
    published = [(k, i) for k, i in items if i.published and i.smoothed is not None]
    hidden = [(k, i) for k, i in items if not (i.published and i.smoothed is not None)]
    published.sort(key=lambda pair: (-(pair[1].smoothed or 0.0), -pair[1].n))
    ranked: list[tuple[int | None, Any, Index]] = [
        (position, k, i) for position, (k, i) in enumerate(published, start=1)
    ]
    ranked.extend((None, k, i) for k, i in sorted(hidden, key=lambda pair: -pair[1].n))
    return ranked


# ---------------------------------------------------------------------------------------------
# Periods


# Periods: the logic lives in congso.common.params (the one parser of query parameters);
# Period, period_of, previous_period and parse_period are imported at the top of this module.


# ---------------------------------------------------------------------------------------------
# Anomalies


@dataclass(frozen=True)
class Event:
    """One response as the anomaly checks see it (no text, no identity)."""

    response_id: int
    target_id: int
    at: datetime
    answers: tuple[int, ...]
    ip_key: int


@dataclass(frozen=True)
class Burst:
    """A window where too many similar responses arrived."""

    kind: str  # "identical" | "address"
    target_id: int
    start: datetime
    end: datetime
    response_ids: tuple[int, ...]


def find_bursts(
    events: Sequence[Event],
    *,
    key: str,
    window: timedelta,
    threshold: int,
) -> list[Burst]:
    """Windows of at most `window` holding ≥ `threshold` events of one target sharing a key:
    identical answers (key="identical") or one network address (key="address").

    Overlapping windows of one group are merged, so one stuffing episode gives one burst.
    """
    groups: dict[tuple[int, Any], list[Event]] = {}
    for event in sorted(events, key=lambda e: (e.at, e.response_id)):
        value = event.answers if key == "identical" else event.ip_key
        if key == "address" and not value:
            continue
        groups.setdefault((event.target_id, value), []).append(event)
    bursts: list[Burst] = []
    for (target_id, _value), items in groups.items():
        if len(items) < threshold:
            continue
        members: set[int] = set()
        start = end = None
        left = 0
        for right, event in enumerate(items):
            while event.at - items[left].at > window:
                left += 1
            if right - left + 1 >= threshold:
                window_items = items[left : right + 1]
                if start is not None and end is not None and window_items[0].at <= end:
                    end = event.at
                else:
                    if start is not None and end is not None:
                        bursts.append(Burst(key, target_id, start, end, tuple(sorted(members))))
                        members = set()
                    start, end = window_items[0].at, event.at
                members.update(e.response_id for e in window_items)
        if start is not None and end is not None:
            bursts.append(Burst(key, target_id, start, end, tuple(sorted(members))))
    return bursts


def percent(value: float | None) -> str:
    """0.8731 → '87,3 %' (Vietnamese decimal comma); None → '—'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value * 100:.1f} %".replace(".", ",")
