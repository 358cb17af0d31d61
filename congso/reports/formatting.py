"""Vietnamese number and date formatting for reports (1.234,5; dd/mm/yyyy)."""

from __future__ import annotations

from datetime import date


def number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and not value.is_integer():
        whole, frac = f"{value:,.1f}".split(".")
        return whole.replace(",", ".") + "," + frac
    return f"{int(value):,}".replace(",", ".")


def percent(part: int, whole: int) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


def pct_text(value: float | None) -> str:
    return "–" if value is None else number(float(value)) + "%"


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")
