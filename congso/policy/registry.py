"""The register of rules: each rule's number, legal basis and effective dates.

Every rule function is registered with `@rule(...)`; `RULES` is what docs/evaluation.md and
the tests list, and `in_force(rule_id, day)` tells whether a rule applies on a day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Final, TypeVar

F = TypeVar("F", bound=Callable[..., object])


class PolicyInputError(ValueError):
    """The rules cannot decide: an input is missing or out of range. `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class RuleInfo:
    rule_id: str
    title: str
    basis: str
    effective_from: date
    effective_to: date | None
    function: str


RULES: Final[dict[str, list[RuleInfo]]] = {}


def rule(
    rule_id: str,
    title: str,
    basis: str,
    effective_from: date,
    effective_to: date | None = None,
) -> Callable[[F], F]:
    """Register a rule function under its number (a number may have one version per period)."""

    def register(function: F) -> F:
        info = RuleInfo(
            rule_id, title, basis, effective_from, effective_to, getattr(function, "__name__", "")
        )
        RULES.setdefault(rule_id, []).append(info)
        return function

    return register


def in_force(rule_id: str, day: date) -> bool:
    """Whether some version of the rule is in force on `day`."""
    return any(
        info.effective_from <= day and (info.effective_to is None or day < info.effective_to)
        for info in RULES.get(rule_id, ())
    )
