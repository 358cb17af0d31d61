"""The people list (search, filters, paging, htmx live search) and its xlsx export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from congso.common.permissions import Cap
from congso.org import selectors
from congso.org.forms import PeopleFilterForm
from congso.org.models import Sex, StaffCategory
from congso.org.views.common import partial_request
from congso.org.views.export import xlsx_stream

PAGE_SIZE = 50
EXPORT_MAX_ROWS = 50_000


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
    template = "org/partials/people_results.html" if partial_request(request) else "org/people.html"
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
        (_("Mã cán bộ"), 14),
        (_("Họ và tên"), 30),
        (_("Giới tính"), 10),
        (_("Năm sinh"), 10),
        (pgettext("staff category", "Đối tượng"), 18),
        (_("Đơn vị"), 40),
        (_("Chức vụ"), 28),
        (_("Lãnh đạo, quản lý"), 12),
        (_("Đảng viên"), 10),
        (_("Đang công tác"), 12),
    ]
    return xlsx_stream(
        title=_("Cán bộ"),
        headers=[h for h, _w in headers],
        widths=[w for _h, w in headers],
        rows=_export_rows(people),
        filename=f"can-bo-{timezone.localdate():%Y%m%d}.xlsx",
    )
