"""Anomaly checks: bursts of identical answers or of responses from one address (ballot
stuffing) at one target within a window."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

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
