"""The product lines of a sheet as the page sends and shows them (no JavaScript needed).

Rows are numbered `l<i>_<field>` for i < `line_rows`; a row with nothing typed is skipped, a
row with "xóa" ticked is removed. The service checks every value (rules.check_line)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from congso.evaluation import rules
from congso.evaluation.models import SheetLine
from congso.evaluation.services.lines import as_rule

BLANK_ROWS = 3
MAX_ROWS = 60
FIELDS = (
    "product",
    "label",
    "assigned",
    "completed",
    "quality_pct",
    "timeliness_pct",
    "major_errors",
    "delays",
)
TYPED = ("product", "label", "assigned", "completed", "quality_pct", "timeliness_pct")


def lines_from_post(post: Mapping[str, str]) -> list[dict]:
    """The rows typed on the page, in order, as the service takes them."""
    try:
        count = min(int(post.get("line_rows") or 0), MAX_ROWS)
    except ValueError:
        count = 0
    lines = []
    for i in range(max(count, 0)):
        raw = {name: (post.get(f"l{i}_{name}") or "").strip() for name in FIELDS}
        if post.get(f"l{i}_delete") or not any(raw[name] for name in TYPED):
            continue
        product = raw.pop("product")
        raw["product_id"] = int(product) if product.isdigit() else product or None
        raw["objective_cause"] = bool(post.get(f"l{i}_objective_cause"))
        raw["row"] = len(lines) + 1
        lines.append(raw)
    return lines


@dataclass(frozen=True)
class Row:
    """One row of the lines table: the stored line (or a blank one) and its computed score."""

    index: int
    line: SheetLine | SimpleNamespace | None
    score: Decimal | None


def line_rows(lines: Sequence[SheetLine], *, blank: int) -> list[Row]:
    rows = [Row(i, line, rules.line_score(as_rule(line))) for i, line in enumerate(lines)]
    rows += [Row(len(lines) + j, None, None) for j in range(blank)]
    return rows


def typed_rows(raw_lines: Sequence[Mapping], *, blank: int) -> list[Row]:
    """The rows as typed in a refused post, to show again (no score: not checked)."""
    rows = []
    for i, raw in enumerate(raw_lines):
        product = raw.get("product_id")
        line = SimpleNamespace(
            product_id=product if isinstance(product, int) else None,
            label=raw.get("label", ""),
            assigned=raw.get("assigned", ""),
            completed=raw.get("completed", ""),
            quality_pct=raw.get("quality_pct", ""),
            timeliness_pct=raw.get("timeliness_pct", ""),
            major_errors=raw.get("major_errors", ""),
            delays=raw.get("delays", ""),
            objective_cause=raw.get("objective_cause", False),
        )
        rows.append(Row(i, line, None))
    rows += [Row(len(rows) + j, None, None) for j in range(blank)]
    return rows
