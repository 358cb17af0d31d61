"""The org tree (drill-down, htmx expansion) and the unit page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from congso.common.charts import bar_chart
from congso.common.permissions import Cap
from congso.org import selectors
from congso.org.forms import TreeFilterForm
from congso.org.models import OrgUnit
from congso.org.views.common import partial_request


@dataclass(frozen=True)
class TreeNode:
    unit: OrgUnit
    head_count: int
    in_force: bool
    has_children: bool

    @property
    def last_day(self):
        """Last day in force (valid_to is exclusive: the successor's first day)."""
        return self.unit.valid_to - timedelta(days=1) if self.unit.valid_to else None


def _nodes(request: HttpRequest, units: list[OrgUnit], day, include_expired: bool):
    actor = request.actor
    counts = selectors.head_counts(actor=actor, units=units)
    parents = selectors.units_with_children(
        actor=actor, units=units, on=day, include_expired=include_expired
    )
    return [TreeNode(u, counts[u.pk], u.is_valid_on(day), u.pk in parents) for u in units]


@login_required
@require_GET
def tree(request: HttpRequest) -> HttpResponse:
    """The org tree from the actor's roots (or from `goc`), one level at a time."""
    form = TreeFilterForm(request.GET)
    day, include_expired = form.day(), bool(form.cleaned_data.get("het_hieu_luc"))
    root_pk = form.cleaned_data.get("goc")
    root = selectors.unit_get(actor=request.actor, pk=root_pk) if root_pk else None
    units = list(
        selectors.unit_children(
            actor=request.actor, unit=root, on=day, include_expired=include_expired
        )
    )
    context = {
        "form": form,
        "root": root,
        "nodes": _nodes(request, units, day, include_expired),
        "day": day,
        "include_expired": include_expired,
        "ancestors": selectors.unit_ancestors(actor=request.actor, unit=root) if root else [],
    }
    template = "org/partials/tree_nodes.html" if partial_request(request) else "org/tree.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _category_chart(categories: list[selectors.CategoryCount]) -> dict:
    """The server-made SVG bar chart of staff by category (common.charts)."""
    return bar_chart([(c.label, c.count) for c in categories], title=_("Cán bộ theo đối tượng"))


@login_required
@require_GET
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor, day = request.actor, timezone.localdate()
    unit = selectors.unit_get(actor=actor, pk=pk)
    children = list(selectors.unit_children(actor=actor, unit=unit, include_expired=True))
    counts = selectors.head_counts(actor=actor, units=[unit, *children])
    context = {
        "unit": unit,
        "in_force": unit.is_valid_on(day),
        "last_day": unit.valid_to - timedelta(days=1) if unit.valid_to else None,
        "ancestors": selectors.unit_ancestors(actor=actor, unit=unit),
        "children": [TreeNode(c, counts[c.pk], c.is_valid_on(day), False) for c in children],
        "head_count": counts[unit.pk],
        "counters": list(selectors.counter_list(actor=actor, unit=unit)),
        "chart": _category_chart(selectors.category_counts(actor=actor, unit=unit)),
        "can_list_people": actor.can(Cap.PEOPLE_VIEW, unit.pk),
    }
    return render(request, "org/unit_detail.html", context)
