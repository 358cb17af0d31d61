"""Formatting of survey figures in templates (no logic: formatting only)."""

from __future__ import annotations

from django import template

from congso.surveys.rules import percent

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    """0.873 → '87,3 %'."""
    return percent(value)


@register.filter
def width(value: float | None) -> str:
    """A share as a CSS width percentage ('0' when unknown)."""
    if value is None:
        return "0"
    return f"{max(0.0, min(1.0, value)) * 100:.1f}"


@register.filter
def score(value: float | None) -> str:
    """Mean level with one decimal, Vietnamese comma."""
    if value is None:
        return "—"
    return f"{value:.2f}".replace(".", ",")
