"""Helpers shared by the inspection services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Message of a refused inspection service (the page shows it).
NO_INSPECTION_RIGHT = gettext_lazy("Bạn không có quyền kiểm tra đơn vị này.")


def person_in_unit(person, unit) -> bool:
    """True when the person currently works in `unit` or one of its sub-units."""
    return person.unit.path.startswith(unit.path)


def require_person_in_unit(person, unit, field: str) -> None:
    if person is None or not person_in_unit(person, unit):
        raise ValidationError({field: _("Cán bộ này không thuộc đơn vị được kiểm tra.")})


def visit_ref(visit) -> str:
    """The reference cases and award freezes keep for a visit."""
    return f"inspections.visit:{visit.pk}"
