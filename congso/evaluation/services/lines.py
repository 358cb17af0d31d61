"""Product lines of a sheet (NĐ 335: assigned and completed work converted to standard
products): checked row by row, products only from the catalogues that apply to the sheet's
unit, task points computed from them. Called inside the sheet services' transactions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from congso.common.text import nfc
from congso.evaluation import rules
from congso.evaluation.models import Product, Sheet, SheetLine
from congso.evaluation.rules import EvaluationError
from congso.org.models import OrgUnit


def catalogue_units(unit_id: int) -> list[int]:
    """The units whose catalogues apply to a sheet of `unit_id`: the unit and those above."""
    path = OrgUnit.unscoped.only("path").get(pk=unit_id).path
    return [int(pk) for pk in path.strip("/").split("/") if pk]


def offered_products(sheet: Sheet) -> list[Product]:
    """The products a new line of the sheet may name (not retired), by position and code."""
    return list(
        Product.unscoped.filter(
            unit_id__in=catalogue_units(sheet.unit_id), retired_on__isnull=True
        ).order_by("position", "code")
    )


def build_lines(sheet: Sheet, raw_lines: Sequence[Mapping[str, Any]]) -> list[SheetLine]:
    """Check every row (the error names its row) and build the lines, unsaved."""
    wanted = {raw.get("product_id") for raw in raw_lines if raw.get("product_id")}
    known = {str(p.pk): p for p in offered_products(sheet)} if wanted else {}
    if wanted:  # a line keeps the product it had, retired since or not
        kept = Product.unscoped.filter(sheetline__sheet=sheet).distinct()
        known |= {str(p.pk): p for p in kept}
    lines = []
    for number, raw in enumerate(raw_lines, start=1):
        row = raw.get("row", number)
        try:
            product = _product(raw.get("product_id"), known)
            line = rules.check_line(raw)
        except EvaluationError as exc:
            raise EvaluationError(
                _("Sản phẩm dòng %(n)s: %(message)s") % {"n": row, "message": exc.message},
                exc.field,
            ) from None
        label = nfc(str(raw.get("label") or "")).strip() or (product.name if product else "")
        if not label:
            raise EvaluationError(
                _("Sản phẩm dòng %(n)s: chọn sản phẩm trong danh mục hoặc ghi tên sản phẩm.")
                % {"n": row},
                "label",
            )
        lines.append(
            SheetLine(
                sheet=sheet,
                product=product,
                label=label[:255],
                assigned=line.assigned,
                completed=line.completed,
                quality_pct=line.quality_pct,
                timeliness_pct=line.timeliness_pct,
                major_errors=line.major_errors,
                delays=line.delays,
                objective_cause=line.objective_cause,
            )
        )
    return lines


def _product(value: object, known: Mapping[str, Product]) -> Product | None:
    if value in (None, ""):
        return None
    product = known.get(str(value))
    if product is None:
        raise EvaluationError(
            _("sản phẩm không có trong danh mục áp dụng cho đơn vị (hoặc đã ngừng sử dụng)."),
            "product",
        )
    return product


def as_rule(line: SheetLine) -> rules.Line:
    units = line.product.standard_units if line.product_id and line.product else Decimal(1)
    return rules.Line(
        line.assigned,
        line.completed,
        line.quality_pct,
        line.timeliness_pct,
        line.major_errors,
        line.delays,
        line.objective_cause,
        units,
    )


def task_points_of(lines: Sequence[SheetLine]) -> Decimal:
    return rules.task_points([as_rule(line) for line in lines])


def replace_lines(sheet: Sheet, lines: list[SheetLine]) -> None:
    sheet.lines.all().delete()
    SheetLine.objects.bulk_create(lines)


def lines_snapshot(sheet: Sheet) -> list[dict[str, Any]]:
    """The lines as the audit row keeps them."""
    return [
        {
            "product": line.product_id,
            "label": line.label,
            "assigned": str(line.assigned),
            "completed": str(line.completed),
            "quality_pct": str(line.quality_pct),
            "timeliness_pct": str(line.timeliness_pct),
            "major_errors": line.major_errors,
            "delays": line.delays,
            "objective_cause": line.objective_cause,
        }
        for line in sheet.lines.all()
    ]
