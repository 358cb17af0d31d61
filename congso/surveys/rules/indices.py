"""Indices: tallies, the share of satisfied answers (SIPAS), smoothing toward a prior, the
minimum sample before a figure is published, trends, rankings and the percentage format."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from congso.surveys.rules.questions import (
    LEVELS,
    MIN_SAMPLE_DEFAULT,
    PRIOR_WEIGHT_DEFAULT,
    QUESTION_KEYS,
    SATISFIED_LEVELS,
    SIPAS_KEYS,
    column,
)

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


def percent(value: float | None) -> str:
    """0.8731 → '87,3 %' (Vietnamese decimal comma); None → '—'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value * 100:.1f} %".replace(".", ",")
