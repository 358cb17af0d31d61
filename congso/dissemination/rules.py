"""Pure rules of dissemination (no ORM, no request), with their legal basis.

Directive of the Lào Cai Party Committee on the movement "Cán bộ, công chức, viên chức thi đua
thực hiện văn hóa công sở", point 1: every Party organisation, agency and commune brings
QĐ 1847/QĐ-TTg (27/12/2018, Đề án Văn hóa công vụ), QĐ 733/QĐ-TTg (14/6/2019, the movement's
plan), the directive itself and those that follow to every cán bộ, đảng viên, công chức and
viên chức; point 2: propagate and train. Deadlines count working days (NĐ 45/2013/NĐ-CP art. 3;
common/workdays.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

PDF_MAGIC = b"%PDF-"
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # a scanned decision of a few dozen pages fits
DEFAULT_WORKING_DAYS = 10  # from start to deadline, when the sender gives no date
DEFAULT_ESCALATE_AFTER = 3  # working days overdue before the unit head is told
MAX_QUESTIONS = 10


class RuleError(ValueError):
    """A rule refused the input; the message is already translated for the user."""


def looks_like_pdf(head: bytes) -> bool:
    """A PDF starts with "%PDF-" (ISO 32000-1 §7.5.2), whatever the file is named."""
    return head[:1024].lstrip(b"\x00\t\n\r ").startswith(PDF_MAGIC)


def too_large(size: int | None, limit: int = MAX_DOCUMENT_BYTES) -> bool:
    return size is not None and size > limit


def parse_categories(value: str) -> frozenset[str]:
    """Stored as "cong_chuc,vien_chuc"; empty means every category of staff."""
    return frozenset(part for part in (value or "").split(",") if part)


def join_categories(values) -> str:
    return ",".join(sorted(set(values)))


def unit_ids_of_path(path: str) -> list[int]:
    """ "/1/4/9/" -> [1, 4, 9]: the unit and its ancestors (materialised path)."""
    return [int(part) for part in path.strip("/").split("/") if part]


class Reason:
    """Why a person is or is not a recipient of a campaign on a day (codes, shown translated)."""

    RECIPIENT = "recipient"
    OUTSIDE_UNIT = "outside_unit"
    CATEGORY = "category"
    NOT_STARTED = "not_started"
    INACTIVE = "inactive"


@dataclass(frozen=True)
class Targeting:
    """A campaign's target: a subtree (by path), chosen categories (empty = all), a start."""

    unit_path: str
    categories: frozenset[str]
    start_on: date


def recipient_reason(
    target: Targeting, *, unit_path: str | None, category: str, active: bool, day: date
) -> str:
    """Targeting is by unit: whoever works (on `day`) in the subtree and is of a chosen
    category receives the campaign; someone who leaves the subtree drops out."""
    if day < target.start_on:
        return Reason.NOT_STARTED
    if not active:
        return Reason.INACTIVE
    if unit_path is None or not unit_path.startswith(target.unit_path):
        return Reason.OUTSIDE_UNIT
    if target.categories and category not in target.categories:
        return Reason.CATEGORY
    return Reason.RECIPIENT


def campaign_dates_problem(start_on: date, due_on: date) -> str | None:
    """A deadline on or before the start leaves no time to read: refused."""
    if due_on <= start_on:
        return "due_before_start"
    return None


def answers_correct(questions: list[dict], answers: list[int | None]) -> bool:
    """Every comprehension question answered with its correct choice."""
    if len(answers) != len(questions):
        return False
    return all(
        a is not None and a == q.get("answer") for q, a in zip(questions, answers, strict=True)
    )


def acknowledged_on_time(acknowledged_on: date, due_on: date) -> bool:
    return acknowledged_on <= due_on


def percent(part: int, whole: int) -> int:
    """Whole percent, rounded down, so 100 % means everyone (never 99.6 shown as 100)."""
    if whole <= 0:
        return 0
    return part * 100 // whole


def session_open(now: datetime, starts_at: datetime, ends_at: datetime) -> bool:
    """A session's QR code admits attendees only while it runs (start to end, inclusive)."""
    return starts_at <= now <= ends_at


class ReminderStep:
    """Steps of the reminder ladder, each taken once per person and campaign version."""

    START = 1  # on the start day
    BEFORE_DUE = 2  # two working days before the deadline
    OVERDUE = 3  # the day after the deadline
    HEAD = 4  # N working days overdue: the unit head
    PARENT_HEAD = 5  # 2N working days overdue: the head of the unit above


def reminder_step(*, days_to_due: int, days_since_start: int, escalate_after: int) -> int:
    """The highest step due today, from working days left to the deadline (negative when
    overdue) and since the start. 0 when nothing is due yet."""
    if days_since_start < 0:
        return 0
    if days_to_due < 0:
        overdue = -days_to_due
        if overdue >= 2 * escalate_after:
            return ReminderStep.PARENT_HEAD
        if overdue >= escalate_after:
            return ReminderStep.HEAD
        return ReminderStep.OVERDUE
    if days_to_due <= 2:
        return ReminderStep.BEFORE_DUE
    return ReminderStep.START


def quiz_score(questions: list[dict], answers: list[int | None]) -> int:
    """Percent of questions answered with their correct choice (rounded down)."""
    if not questions:
        return 0
    right = sum(
        1
        for index, q in enumerate(questions)
        if index < len(answers) and answers[index] is not None and answers[index] == q.get("answer")
    )
    return percent(right, len(questions))


def quiz_passed(score: int, pass_mark: int | None) -> bool | None:
    """None when the course has no pass mark (attendance alone counts)."""
    if pass_mark is None:
        return None
    return score >= pass_mark
