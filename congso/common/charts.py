"""Server-made SVG bar charts for staff pages (no script, so the CSP holds): one bar per row,
its label above it and its count (and share) after it, so the chart stays readable when a
360 px phone scales it down. Drawn by
templates/common/partials/bar_chart.html; every page shows the same figures in a table too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ROW = 40
BAR = 240


@dataclass(frozen=True)
class ChartBar:
    label: str
    count: int
    y: int
    width: int
    percent: int  # of the total, for the text
    tone: str  # a CSS class of app.css (.tone-good, .tone-warn, ...), or ""


def bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    scale: str = "largest",
    tones: Sequence[str] = (),
) -> dict:
    """Geometry of one chart. `scale` "largest": the largest bar is full width (a
    distribution's shape); "total": a bar's width is its share of the total (progress)."""
    total = sum(count for _label, count in rows)
    top = (total if scale == "total" else max((c for _l, c in rows), default=0)) or 1
    bars = [
        ChartBar(
            label=label,
            count=count,
            y=ROW * i,
            width=round(BAR * count / top),
            percent=round(100 * count / total) if total else 0,
            tone=tones[i % len(tones)] if tones else "",
        )
        for i, (label, count) in enumerate(rows)
    ]
    return {
        "title": title,
        "bars": bars,
        "total": total,
        "height": ROW * len(bars),
        "width": BAR,
        "count_x": BAR + 8,
        "view_width": BAR + 84,
    }
