"""Stage deadlines per case type: the one writer of `CaseTypeConfig`."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from congso.cases.choices import CaseSource
from congso.cases.models import CaseTypeConfig
from congso.cases.rules import RuleError, check_config_days
from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.common.services import fields_update


def may_configure(actor: Actor | None) -> bool:
    """Deadlines apply to every unit alike, so only a province-wide reach may change them."""
    return actor is None or (
        actor.has(Cap.CASES_CONFIGURE) and actor.unit_ids(Cap.CASES_CONFIGURE) is None
    )


def case_type_config_update(
    *, actor: Actor | None, source: str, values: Mapping[str, int | None]
) -> CaseTypeConfig:
    """Set (a number) or clear (None: back to the default) the deadlines of one case type.

    Fields missing from `values` keep their value. Audited old → new; nothing is written (and
    nothing audited) when no value changes."""
    if not may_configure(actor):
        raise PermissionDenied
    if source not in CaseSource.values:
        raise RuleError(_("Loại vụ việc không hợp lệ."))
    checked = check_config_days(values)
    with transaction.atomic():
        config, _created = CaseTypeConfig.objects.select_for_update().get_or_create(source=source)
        fields_update(
            actor=actor,
            obj=config,
            action="cases.case_type_config_update",
            values=checked,
            context={"source": source},
        )
    return config
