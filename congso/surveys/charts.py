"""Chart data for the dashboards (rendered by Chart.js from a json_script block)."""

from __future__ import annotations

from datetime import date

from congso.surveys.rules import ELEMENT_NAMES, QUESTION_KEYS, Index


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def dashboard_charts(index: Index, monthly: list[tuple[date, Index]]) -> dict:
    """Shares per element (bar) and the monthly SIPAS share with its n (line)."""
    return {
        "elements": {
            "labels": [ELEMENT_NAMES[k] for k in QUESTION_KEYS],
            "values": [_pct(index.shares.get(k)) for k in QUESTION_KEYS],
        },
        "trend": {
            "labels": [m.strftime("%m/%Y") for m, _i in monthly],
            "values": [_pct(i.sipas) if i.published else None for _m, i in monthly],
            "n": [i.n for _m, i in monthly],
        },
    }
