"""The product catalogue of a unit, edited on its page: add, change, retire, bring back.
Every change is audited with old and new values; a refused input writes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.evaluation import rules
from congso.evaluation.models import Product
from congso.evaluation.rules import EvaluationError
from congso.org.models import OrgUnit


def _clean(raw: Mapping[str, Any]) -> dict[str, Any]:
    clean, errors = rules.check_product(raw)
    if errors:
        field, message = errors[0]
        raise EvaluationError(
            _("“%(field)s”: %(message)s")
            % {"field": rules.product_label(field), "message": message},
            field,
        )
    return clean


def _values(product: Product) -> dict[str, Any]:
    return {
        "position": product.position,
        "code": product.code,
        "name": product.name,
        "measure": product.measure,
        "standard_units": str(product.standard_units),
        "retired_on": product.retired_on.isoformat() if product.retired_on else None,
    }


def _duplicate(unit_id: int, code: str, exclude: int | None = None) -> None:
    rows = Product.unscoped.filter(unit_id=unit_id, code=code)
    if exclude:
        rows = rows.exclude(pk=exclude)
    if rows.exists():
        raise EvaluationError(
            _("Mã sản phẩm “%(code)s” đã có trong danh mục của đơn vị.") % {"code": code}, "code"
        )


def product_create(*, actor: Actor | None, unit: OrgUnit, data: Mapping[str, Any]) -> Product:
    """Add one product to the unit's catalogue (the code is unique in the unit)."""
    require(actor, Cap.EVALUATION_MANAGE, unit.pk)
    clean = _clean(data)
    _duplicate(unit.pk, clean["code"])
    try:
        with transaction.atomic():
            product = Product.unscoped.create(unit=unit, **clean)
            audit_record(
                actor=actor, action="evaluation.product_create", obj=product, new=_values(product)
            )
    except IntegrityError:  # the same code saved by someone else meanwhile
        _duplicate(unit.pk, clean["code"])
        raise
    return product


def product_update(*, actor: Actor | None, product: Product, data: Mapping[str, Any]) -> Product:
    """Change a product. Lines already on sheets keep pointing to it: their task points are
    not recomputed (a finalised sheet changes only through its own amendment)."""
    require(actor, Cap.EVALUATION_MANAGE, product.unit_id)
    clean = _clean(data)
    _duplicate(product.unit_id, clean["code"], exclude=product.pk)
    with transaction.atomic():
        product = Product.unscoped.select_for_update().get(pk=product.pk)
        old = _values(product)
        for name, value in clean.items():
            setattr(product, name, value)
        product.save()
        audit_record(
            actor=actor,
            action="evaluation.product_update",
            obj=product,
            old=old,
            new=_values(product),
        )
    return product


def product_retire(
    *, actor: Actor | None, product: Product, retire: bool = True, on: date | None = None
) -> Product:
    """Retire a product (no new line may name it) or bring it back (`retire=False`)."""
    require(actor, Cap.EVALUATION_MANAGE, product.unit_id)
    with transaction.atomic():
        product = Product.unscoped.select_for_update().get(pk=product.pk)
        if (product.retired_on is not None) == retire:
            raise EvaluationError(
                _("Sản phẩm đã ngừng sử dụng.") if retire else _("Sản phẩm đang được sử dụng."),
                "retired_on",
            )
        old = _values(product)
        product.retired_on = (on or timezone.localdate()) if retire else None
        product.save(update_fields=["retired_on"])
        audit_record(
            actor=actor,
            action="evaluation.product_retire" if retire else "evaluation.product_restore",
            obj=product,
            old=old,
            new=_values(product),
        )
    return product
