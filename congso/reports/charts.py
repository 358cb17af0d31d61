"""Bar charts drawn server-side with Pillow (PNG for the DOCX): no plotting library needed."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from congso.reports.data import Chart
from congso.reports.formatting import number

FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation")


@lru_cache(maxsize=4)
def _font(size: int):
    for directory in FONT_DIRS:
        path = Path(directory) / "LiberationSerif-Regular.ttf"
        if path.exists():
            return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def bar_png(chart: Chart, *, width: int = 1600) -> bytes:
    """Horizontal bars, one per label, the value written at the end of each bar."""
    font = _font(38)
    row, pad = 64, 24
    label_w = min(720, max((int(font.getlength(label)) for label in chart.labels), default=0) + pad)
    height = pad * 2 + row * len(chart.labels)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    top = max((v for v in chart.values), default=0) or 1
    span = width - label_w - 200
    for i, (label, value) in enumerate(zip(chart.labels, chart.values, strict=True)):
        y = pad + i * row
        text = label
        while font.getlength(text) > label_w - pad and len(text) > 4:
            text = text[:-2]
        if text != label:
            text = text.rstrip() + "…"
        draw.text((pad // 2, y + 10), text, fill="black", font=font)
        bar = int(span * (value / top))
        draw.rectangle((label_w, y + 8, label_w + max(bar, 2), y + row - 8), fill="#1f4e79")
        draw.text(
            (label_w + bar + 12, y + 10), number(value) + chart.suffix, fill="black", font=font
        )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
