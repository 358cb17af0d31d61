"""Reads of the reports app: the unit a report covers, within the actor's reach."""

from __future__ import annotations

from django.http import Http404

from congso.common.permissions import Cap
from congso.common.scoping import Actor
from congso.org.selectors import unit_list


def report_root(*, actor: Actor):
    """The highest unit the actor may report on (the province for leadership), or 404."""
    reach = actor.unit_ids(Cap.REPORTS_VIEW)
    units = unit_list(actor=actor)
    if reach is not None:
        units = units.filter(id__in=reach)
    root = units.order_by("depth", "sort_key").first()
    if root is None:
        raise Http404
    return root


def report_unit(*, actor: Actor, pk):
    """A unit inside the actor's report root (the drill-down), or 404."""
    from congso.org.selectors import unit_get

    root = report_root(actor=actor)
    unit = unit_get(actor=actor, pk=pk)
    if not unit.path.startswith(root.path):
        raise Http404
    return unit


def report_officer(*, actor: Actor, pk):
    """A rated officer (survey target) inside the actor's report root, or 404."""
    from congso.surveys.selectors import target_get

    root = report_root(actor=actor)
    target = target_get(actor=actor, pk=pk)
    if target.kind != "officer" or not target.unit.path.startswith(root.path):
        raise Http404
    return target
