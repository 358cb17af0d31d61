"""The shapes every report section returns: figures with their trace, tables, narrative."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    """One number of the report and how to check it (the query and the rows' filter)."""

    key: str
    label: str
    value: int | float | str | None
    trace: str
    unit: str = ""

    @property
    def shown(self) -> str:
        from congso.reports.formatting import number

        if self.value is None or not self.unit:
            return number(self.value)
        return number(self.value) + ("%" if self.unit == "%" else f" {self.unit}")


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]
    trace: str = ""


@dataclass
class Chart:
    """A bar chart drawn server-side (PNG for the DOCX, SVG for pages)."""

    title: str
    labels: list[str]
    values: list[float]
    suffix: str = ""


@dataclass
class SectionData:
    """What one section of the report says: `available` False means the capability has no
    data for the year (or its app is not installed) and `absent_reason` says so plainly."""

    key: str
    point: int
    title: str
    available: bool = True
    absent_reason: str = ""
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    narrative: str = ""
    strengths: list[str] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)
    proposals: list[str] = field(default_factory=list)

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)
