"""Server-made SVG bar chart of completion per unit (the table beside it says the same)."""

from __future__ import annotations

from dataclasses import dataclass

BAR_HEIGHT = 22
LABEL_WIDTH = 0  # labels are drawn inside the bar area, above each bar
WIDTH = 600


@dataclass(frozen=True)
class Bar:
    y: int
    label: str
    width: float
    percent: int
    text_y: int


def completion_bars(rows) -> dict:
    """Geometry for templates/dissemination/_bars.svg: one bar per unit row, 0–100 %."""
    bars = []
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT * 2)
        bars.append(
            Bar(
                y=y + BAR_HEIGHT,
                label=row.name,
                width=round(WIDTH * row.percent / 100, 1),
                percent=row.percent,
                text_y=y + BAR_HEIGHT - 5,
            )
        )
    return {"bars": bars, "width": WIDTH, "height": max(1, len(bars)) * BAR_HEIGHT * 2}
