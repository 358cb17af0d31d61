"""Server-made SVG bar charts for pages (no script): each is shown beside its table."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from congso.reports.data import Chart
from congso.reports.formatting import number


def bar_svg(chart: Chart) -> SafeString:
    row, label_w, width = 22, 220, 640
    top = max(chart.values, default=0) or 1
    height = row * len(chart.labels) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(chart.title)}" class="chart">'
    ]
    for i, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = 4 + i * row
        bar = int((width - label_w - 70) * (value / top))
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="0" y="{y + 15}" font-size="12">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{max(bar, 1)}" height="{row - 6}" '
            'fill="#1f4e79"/>'
            f'<text x="{label_w + bar + 4}" y="{y + 15}" font-size="12">'
            f"{escape(number(value) + chart.suffix)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
