"""Pure rules about codes of conduct (no ORM, no request)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date


def ancestor_ids(path: str) -> list[int]:
    """Unit ids on a materialised path, nearest first: '/1/5/23/' → [23, 5, 1].

    A unit without its own code of conduct follows its nearest ancestor's (QĐ 129/2007/QĐ-TTg
    art. 3: the head of each agency issues its rules; a division applies its agency's).
    """
    return [int(part) for part in reversed(path.strip("/").split("/")) if part]


def in_force(on: date, effective_from: date | None, effective_to: date | None) -> bool:
    """A published version is in force when effective_from <= on < effective_to (the end is
    exclusive, so the day a new version starts belongs to the new version only)."""
    if effective_from is None or on < effective_from:
        return False
    return effective_to is None or on < effective_to


def publish_date_problem(*, effective_from: date, previous_from: date | None) -> str | None:
    """Why a draft cannot take effect on `effective_from`, or None.

    Versions of one code follow each other without overlap: the new one must start after the
    previous one started, and publishing ends the previous one the day before (its
    `effective_to`, exclusive, becomes the new `effective_from`).
    """
    if previous_from is not None and effective_from <= previous_from:
        return "not_after_previous"
    return None


def percent(part: int, whole: int) -> int:
    """Whole-number percentage, 0 when there is nothing to count (no staff, no items)."""
    if whole <= 0:
        return 0
    return round(100 * part / whole)


# --- differences between two versions --------------------------------------------------------

_WORDS = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class ClauseText:
    """The comparable content of a clause (no ORM)."""

    number: str
    title: str
    text: str
    category: str | None = None


@dataclass(frozen=True)
class ClauseDiff:
    """One row of a version diff. `status` is added, removed, changed or same; `title` and
    `text` are lists of (op, fragment) with op "equal", "delete" or "insert"; the fragments are
    raw text, escaped by the template like any other value."""

    number: str
    status: str
    title: list[tuple[str, str]]
    text: list[tuple[str, str]]
    old_category: str | None = None
    new_category: str | None = None


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference of two texts (whitespace kept), merged into runs."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    runs: list[tuple[str, str]] = []

    def push(op: str, words: list[str]) -> None:
        text = "".join(words)
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            push("equal", a[i1:i2])
        else:
            push("delete", a[i1:i2])
            push("insert", b[j1:j2])
    return runs


def diff_versions(old: list[ClauseText], new: list[ClauseText]) -> list[ClauseDiff]:
    """Clause-level diff: clauses are matched by their number ("Điều 5"); the result follows the
    new version's order, with removed clauses placed after the clause that preceded them."""
    old_by_number = {c.number: c for c in old}
    new_numbers = {c.number for c in new}
    result: list[ClauseDiff] = []
    removed_after: dict[str | None, list[ClauseText]] = {}
    previous: str | None = None
    for clause in old:
        if clause.number not in new_numbers:
            removed_after.setdefault(previous, []).append(clause)
        else:
            previous = clause.number

    def emit_removed(anchor: str | None) -> None:
        for gone in removed_after.pop(anchor, []):
            result.append(
                ClauseDiff(
                    gone.number,
                    "removed",
                    [("delete", gone.title)],
                    [("delete", gone.text)],
                    old_category=gone.category,
                )
            )

    emit_removed(None)
    for clause in new:
        before = old_by_number.get(clause.number)
        if before is None:
            result.append(
                ClauseDiff(
                    clause.number,
                    "added",
                    [("insert", clause.title)],
                    [("insert", clause.text)],
                    new_category=clause.category,
                )
            )
        else:
            same = (before.title, before.text, before.category) == (
                clause.title,
                clause.text,
                clause.category,
            )
            result.append(
                ClauseDiff(
                    clause.number,
                    "same" if same else "changed",
                    word_diff(before.title, clause.title),
                    word_diff(before.text, clause.text),
                    old_category=before.category,
                    new_category=clause.category,
                )
            )
        emit_removed(clause.number)
    for anchor in list(removed_after):
        emit_removed(anchor)
    return result
