"""The refusal every case rule raises."""

from __future__ import annotations

from collections.abc import Mapping


class RuleError(ValueError):
    """A rule refused an action; `message` is Vietnamese and safe to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FieldErrors(RuleError):
    """Several refused fields at once: `errors` maps a field name to its Vietnamese message
    (every message already names the field by its human label)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = dict(errors)


class ReceiptConflict(RuleError):
    """A `client_id` already used for a report with other content (the API answers 409)."""


class TransitionForbidden(RuleError):
    """The step exists but the actor lacks its capability (the API answers 403)."""
