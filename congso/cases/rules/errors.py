"""The refusal every case rule raises."""

from __future__ import annotations


class RuleError(ValueError):
    """A rule refused an action; `message` is Vietnamese and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class TransitionForbidden(RuleError):
    """The step exists but the actor lacks its capability (the API answers 403)."""
