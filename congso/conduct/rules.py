"""Pure rules about codes of conduct (no ORM, no request)."""

from __future__ import annotations

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
