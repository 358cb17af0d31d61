"""Staff pages of the org tree and people: thin views over org.selectors and org.services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from congso.accounts.permissions import Cap
from congso.common.xlsx import build_workbook, xlsx_response
from congso.org import selectors, services
from congso.org.forms import PeopleFilterForm, PersonEditForm, TransferForm, TreeFilterForm
from congso.org.models import OrgUnit, Person, Sex, StaffCategory

ORG = Cap.ORG_VIEW
PAGE_SIZE = 50
EXPORT_MAX_ROWS = 50_000


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


def _partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore needs the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


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
    template = "org/partials/tree_nodes.html" if _partial(request) else "org/tree.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _category_chart(categories: list[selectors.CategoryCount]) -> dict:
    """Geometry of the server-made SVG bar chart (28 px a row, bars 240 px at most)."""
    width = 240
    bars = [
        {"label": c.label, "count": c.count, "y": 28 * i, "width": round(width * c.percent / 100)}
        for i, c in enumerate(categories)
    ]
    return {"bars": bars, "height": 28 * len(bars), "width": width, "count_x": 140 + width + 10}


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


def _people_form(request: HttpRequest) -> PeopleFilterForm:
    options = selectors.unit_options(
        actor=request.actor, capability=Cap.PEOPLE_VIEW, on=timezone.localdate()
    )
    return PeopleFilterForm(request.GET, unit_choices=options)


def _filtered_people(request: HttpRequest, form: PeopleFilterForm):
    filters = form.filters()
    unit_id = filters.pop("unit_id")
    unit = selectors.unit_get(actor=request.actor, pk=unit_id) if unit_id else None
    return selectors.person_list(actor=request.actor, unit=unit, **filters)


@login_required
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    """The people list: search, filters, Vietnamese order, 50 a page; htmx gets the table."""
    form = _people_form(request)
    page = Paginator(_filtered_people(request, form), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "org/partials/people_results.html" if _partial(request) else "org/people.html"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _export_rows(people):
    sexes, categories = dict(Sex.choices), dict(StaffCategory.choices)
    yes = _("Có")
    for (
        code,
        name,
        sex,
        year,
        category,
        unit,
        position,
        leader,
        party,
        active,
    ) in selectors.person_export_rows(people=people):
        yield (
            code,
            name,
            str(sexes.get(sex, sex)),
            year,
            str(categories.get(category, category)),
            unit,
            position,
            yes if leader else "",
            yes if party else "",
            yes if active else "",
        )


@login_required
@require_GET
def people_export(request: HttpRequest) -> HttpResponse:
    """The current filtered list as xlsx (refused above EXPORT_MAX_ROWS rows)."""
    people = _filtered_people(request, _people_form(request))
    if people.count() > EXPORT_MAX_ROWS:
        messages.error(
            request,
            _("Danh sách có hơn %(n)s người; hãy lọc theo đơn vị trước khi xuất Excel.")
            % {"n": f"{EXPORT_MAX_ROWS:,}".replace(",", ".")},
        )
        return redirect(f"{reverse('org:people')}?{request.GET.urlencode()}")
    headers = [
        _("Mã cán bộ"),
        _("Họ và tên"),
        _("Giới tính"),
        _("Năm sinh"),
        _("Đối tượng"),
        _("Đơn vị"),
        _("Chức vụ"),
        _("Lãnh đạo, quản lý"),
        _("Đảng viên"),
        _("Đang công tác"),
    ]
    content = build_workbook(title=_("Cán bộ"), headers=headers, rows=_export_rows(people))
    return xlsx_response(content, f"can-bo-{timezone.localdate():%Y%m%d}.xlsx")


def _transfer_form(request: HttpRequest, person: Person, data=None) -> TransferForm:
    actor, today = request.actor, timezone.localdate()
    choices = selectors.unit_options(actor=actor, capability=Cap.PEOPLE_MANAGE, on=today)
    current = selectors.open_assignment(actor=actor, person=person)
    validity = dict(
        (u.pk, (u.valid_from, u.valid_to))
        for u in selectors.unit_list(actor=actor).filter(pk__in=[pk for pk, _n in choices])
    )
    return TransferForm(
        data,
        unit_choices=[(pk, name) for pk, name in choices if pk != person.unit_id],
        current_unit_id=person.unit_id,
        current_start=current.start_date if current else None,
        unit_validity=validity,
    )


def _edit_form(person: Person, data=None) -> PersonEditForm:
    initial = {name: getattr(person, name) for name in PersonEditForm.base_fields}
    return PersonEditForm(data, initial=initial)


def _render_person(request: HttpRequest, person: Person, *, status: int = 200, **forms):
    actor = request.actor
    can_manage = actor.can(Cap.PEOPLE_MANAGE, person.unit_id)
    # end_date is exclusive (the day the next assignment starts); people read the last day.
    history = [
        (a, a.end_date - timedelta(days=1) if a.end_date else None, actor.can(ORG, a.unit_id))
        for a in selectors.assignment_history(actor=actor, person=person)
    ]
    context = {
        "person": person,
        "history": history,
        "unit_linked": actor.can(Cap.ORG_VIEW, person.unit_id),
        "can_manage": can_manage,
        "transfer_form": forms.get("transfer_form")
        or (can_manage and _transfer_form(request, person)),
        "edit_form": forms.get("edit_form") or (can_manage and _edit_form(person)),
    }
    return render(request, "org/person_detail.html", context, status=status)


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_person(request, selectors.person_get(actor=request.actor, pk=pk))


def _managed_person(request: HttpRequest, pk: int) -> Person:
    """The person (404 when not visible), then 403 without people.manage on their unit."""
    person = selectors.person_get(actor=request.actor, pk=pk)
    if not request.actor.can(Cap.PEOPLE_MANAGE, person.unit_id):
        raise PermissionDenied
    return person


@login_required
def person_transfer(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk)
    if request.method != "POST":
        return redirect(f"{reverse('org:person', args=[person.pk])}#dieu-dong")
    form = _transfer_form(request, person, data=request.POST)
    if not form.is_valid():
        return _render_person(request, person, status=400, transfer_form=form)
    data = form.cleaned_data
    to_unit = selectors.unit_get(actor=request.actor, pk=data["to_unit"])
    services.person_transfer(
        actor=request.actor,
        person=person,
        to_unit=to_unit,
        on=data["on"],
        position=data["position"] or None,
    )
    messages.success(request, _("Đã điều động cán bộ sang %(unit)s.") % {"unit": to_unit.name})
    return redirect("org:person", pk=person.pk)


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _managed_person(request, pk)
    if request.method != "POST":
        return redirect(f"{reverse('org:person', args=[person.pk])}#sua-thong-tin")
    form = _edit_form(person, data=request.POST)
    if form.is_valid():
        try:
            services.person_update(actor=request.actor, person=person, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            person = selectors.person_get(actor=request.actor, pk=pk)  # drop unsaved edits
        else:
            messages.success(request, _("Đã lưu thông tin cán bộ."))
            return redirect("org:person", pk=person.pk)
    return _render_person(request, person, status=400, edit_form=form)
