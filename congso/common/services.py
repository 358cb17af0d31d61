"""Shared write steps (`fields_update`), and writes on shared tables: the working-day calendar
(holidays and make-up days).

The calendar is province-wide reference data, so only an actor whose `calendar.manage` reaches
the whole province may change it; every change writes an audit row keyed by the date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from congso.common.audit import audit_record
from congso.common.models import Holiday
from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.common.text import nfc


def _plain(obj: models.Model, name: str) -> Any:
    """A field's stored value: the id for a foreign key (no query), the value otherwise."""
    field = obj._meta.get_field(name)
    if isinstance(field, models.Field) and field.is_relation:
        return getattr(obj, field.attname)
    return getattr(obj, name)


def fields_update(
    *,
    actor: Actor | None,
    obj: models.Model,
    action: str,
    values: Mapping[str, Any],
    also: Mapping[str, Any] | None = None,
    context: Mapping[str, Any] | None = None,
    prepare: Callable[[Any], object] | None = None,
    snapshot: Callable[[Any], Mapping[str, Any]] | None = None,
    save_fields: Iterable[str] | Literal["all"] | None = None,
    audit_whole: bool = False,
    audit_object: tuple[str, str] | None = None,
) -> dict[str, tuple[Any, Any]]:
    """The "set the fields, save, audit old → new" step of every service that edits a row.

    Sets each field of `values`, then runs `prepare(obj)` when given (normalise, derive, and
    validate: it may raise, before anything is saved). When at least one value changes, also
    sets `also` (timestamps, not audited), saves (`save_fields`: by default only the changed
    fields and `also`; "all" saves the whole row) and writes one audit row with the old and
    new values of the changed fields (`context` added to both, to name the row). Nothing is
    saved or audited when no value changes. Call it inside the service's transaction, after
    the permission and state checks. Returns {name: (old, new)} of the changed values.

    What is compared is, by default, each field of `values`; with `snapshot` it is the dict
    `snapshot(obj)` gives before and after (values as the audit log shows them, derived ones
    included); `audit_whole` then puts the whole snapshots in the audit row instead of the
    changed entries. `audit_object` (object type, object id) names the row in the audit log
    when its primary key is not its name (a calendar day).
    """
    before = dict(snapshot(obj)) if snapshot else {}
    plain_before = {} if snapshot else {name: _plain(obj, name) for name in values}
    for name, value in values.items():
        setattr(obj, name, value)
    if prepare is not None:
        prepare(obj)
    if snapshot:
        after = dict(snapshot(obj))
        changed = {k: (before.get(k), v) for k, v in after.items() if v != before.get(k)}
    else:
        changed = {}
        for name, old in plain_before.items():
            new = _plain(obj, name)
            if new != old:
                changed[name] = (old, new)
    if not changed:
        return changed
    for name, value in (also or {}).items():
        setattr(obj, name, value)
    if save_fields == "all":
        obj.save()
    else:
        obj.save(update_fields=[*(changed if save_fields is None else save_fields), *(also or {})])
    if audit_whole:
        old_values, new_values = before, after
    else:
        old_values = {name: pair[0] for name, pair in changed.items()}
        new_values = {name: pair[1] for name, pair in changed.items()}
    object_type, object_id = audit_object or ("", "")
    audit_record(
        actor=actor,
        action=action,
        obj=None if audit_object else obj,
        object_type=object_type,
        object_id=object_id,
        old={**(context or {}), **old_values},
        new={**(context or {}), **new_values},
    )
    return changed


# Migration 0002 marks entries the Government had not announced yet with this suffix.
PROJECTED_SUFFIX = " — dự kiến, cần xác nhận"


def holiday_is_projected(basis: str) -> bool:
    """True for an entry that is a projection (dự kiến), not yet an official notice."""
    return "dự kiến" in (basis or "")


def _basis(basis: str, projected: bool) -> str:
    text = nfc(basis).replace(PROJECTED_SUFFIX.strip(), "").strip(" —")
    if projected and not holiday_is_projected(text):
        text = f"{text}{PROJECTED_SUFFIX}" if text else PROJECTED_SUFFIX.strip(" —")
    return text[:300]


def _require_province(actor: Actor | None) -> None:
    if actor is not None and not actor.can(Cap.CALENDAR_MANAGE, None):
        raise PermissionDenied


def _snapshot(holiday: Holiday) -> dict[str, Any]:
    return {
        "date": holiday.date,
        "kind": holiday.kind,
        "name": holiday.name,
        "basis": holiday.basis,
    }


def _check_free(day: date, *, exclude_pk: int | None = None) -> None:
    taken = Holiday.objects.filter(date=day)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"date": _("Ngày %(day)s đã có trong lịch.") % {"day": day.strftime("%d/%m/%Y")}}
        )


def holiday_create(
    *, actor: Actor | None, day: date, kind: str, name: str, basis: str = "", projected: bool
) -> Holiday:
    """Add a public holiday or a make-up working day."""
    _require_province(actor)
    with transaction.atomic():
        _check_free(day)
        holiday = Holiday(date=day, kind=kind, name=nfc(name), basis=_basis(basis, projected))
        holiday.full_clean()
        holiday.save()
        audit_record(
            actor=actor,
            action="common.holiday_create",
            object_type="common.holiday",
            object_id=day.isoformat(),
            new=_snapshot(holiday),
        )
    return holiday


def holiday_update(
    *,
    actor: Actor | None,
    holiday: Holiday,
    day: date,
    kind: str,
    name: str,
    basis: str = "",
    projected: bool,
) -> Holiday:
    """Change a calendar entry (its date too); no audit row when nothing changed."""
    _require_province(actor)
    with transaction.atomic():
        _check_free(day, exclude_pk=holiday.pk)
        fields_update(
            actor=actor,
            obj=holiday,
            action="common.holiday_update",
            values={
                "date": day,
                "kind": kind,
                "name": nfc(name),
                "basis": _basis(basis, projected),
            },
            prepare=lambda entry: entry.full_clean(validate_unique=False),
            snapshot=_snapshot,
            save_fields=["date", "kind", "name", "basis"],
            audit_object=("common.holiday", holiday.date.isoformat()),
        )
    return holiday


def holiday_delete(*, actor: Actor | None, holiday: Holiday) -> None:
    """Remove a calendar entry; the audit row keeps what it was."""
    _require_province(actor)
    with transaction.atomic():
        old = _snapshot(holiday)
        holiday.delete()
        audit_record(
            actor=actor,
            action="common.holiday_delete",
            object_type="common.holiday",
            object_id=old["date"].isoformat(),
            old=old,
        )
