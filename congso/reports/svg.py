"""Server-made SVG bar charts for pages (no script): each is shown beside its table.

One bar per line under its label, in a narrow drawing (320 units wide) that the page scales
to its column: on a 360 px phone the labels keep a readable size, on a desktop the chart is
capped in width by the `.chart` rule of app.css."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congso.reports.data import Chart
from congso.reports.formatting import number

WIDTH = 320
ROW = 36
LABEL_CHARS = 46


def bar_svg(chart: Chart) -> SafeString:
    top = max(chart.values, default=0) or 1
    height = ROW * len(chart.labels) + 4
    room = WIDTH - 64  # the value is written after the bar
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(chart.title)}" class="chart">'
    ]
    for i, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = 2 + i * ROW
        bar = int(room * (value / top))
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        parts.append(
            f'<text x="0" y="{y + 13}" font-size="13">{escape(short)}</text>'
            f'<rect x="0" y="{y + 18}" width="{max(bar, 1)}" height="12" fill="#1f4e79"/>'
            f'<text x="{bar + 4}" y="{y + 29}" font-size="12">'
            f"{escape(number(value) + chart.suffix)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
