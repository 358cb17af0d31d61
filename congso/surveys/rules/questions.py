"""The questions and the scale (QĐ 1001/QĐ-BNV, SIPAS 2023–2026: five elements, five levels),
and the validation of a citizen's answers, comment and dossier code."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

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
