"""Printable QR posters (A4 or A5 PDF): HTML with the QR code as inline SVG, rendered by
WeasyPrint with Liberation/DejaVu fonts so Vietnamese diacritics print correctly."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.template.loader import render_to_string

SIZES = {"a4": "A4", "a5": "A5"}


@dataclass(frozen=True)
class Poster:
    url: str
    agency: str
    unit: str
    name: str
    kind: str  # "counter" | "officer"
    code: str


def qr_svg(url: str) -> str:
    """The QR code of `url` as an inline SVG element (error correction M survives smudges)."""
    return segno.make(url, error="m", micro=False).svg_inline(scale=10, border=2, dark="#000")


def render_posters(posters: list[Poster], *, size: str) -> bytes:
    """One page per poster, as a PDF."""
    from weasyprint import HTML

    html = render_to_string(
        "surveys/poster.html",
        {
            "page_size": SIZES[size],
            "small": size == "a5",
            "posters": [(p, qr_svg(p.url)) for p in posters],
        },
    )
    return HTML(string=html).write_pdf()
