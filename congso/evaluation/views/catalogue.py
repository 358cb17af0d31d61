"""A unit's product catalogue (NĐ 335: products per job position with standard units):
list, add, change, retire or bring back, import from Excel, export to Excel."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.common.permissions import Cap
from congso.common.xlsx import build_workbook, xlsx_response
from congso.evaluation import selectors
from congso.evaluation.rules import EvaluationError
from congso.evaluation.services import catalogue
from congso.evaluation.services.imports import CATALOGUE_COLUMNS
from congso.evaluation.views._common import fail, form_post

FIELDS = ("position", "code", "name", "measure", "standard_units")


def _filters(request: HttpRequest) -> tuple[str, bool | None]:
    state = request.GET.get("trang_thai", "")
    retired = {"dang-dung": False, "ngung": True}.get(state)
    return request.GET.get("vi_tri", "").strip(), retired


def _back(unit_id: int, position: str = "") -> str:
    url = reverse("evaluation:catalogue", args=[unit_id])
    return f"{url}?{urlencode({'vi_tri': position})}" if position else url


def _catalogue(request: HttpRequest, unit, typed: dict | None = None) -> HttpResponse:
    actor = request.actor
    position, retired = _filters(request)
    products = list(
        selectors.product_list(actor=actor, unit=unit, position=position, retired=retired)
    )
    context = {
        "unit": unit,
        "products": products,
        "positions": selectors.product_positions(actor=actor, unit=unit),
        "position": position,
        "state": request.GET.get("trang_thai", ""),
        "can_manage": actor.can(Cap.EVALUATION_MANAGE, unit.pk),
        "columns": CATALOGUE_COLUMNS,
        "typed": typed,
    }
    return render(request, "evaluation/catalogue.html", context, status=400 if typed else 200)


@login_required
@require_GET
def catalogue_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _catalogue(request, selectors.unit_get(actor=request.actor, pk=pk))


@login_required
@require_GET
def catalogue_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The catalogue in the import's own columns (and a state column), so an officer can
    edit it in Excel and import it back."""
    actor = request.actor
    unit = selectors.unit_get(actor=actor, pk=pk)
    position, retired = _filters(request)
    rows = [
        (
            p.position,
            p.code,
            p.name,
            p.measure,
            p.standard_units,
            p.retired_on.strftime("%d/%m/%Y") if p.retired_on else "",
        )
        for p in selectors.product_list(actor=actor, unit=unit, position=position, retired=retired)
    ]
    content = build_workbook(
        title=str(_("Danh mục sản phẩm")),
        headers=[*CATALOGUE_COLUMNS, str(_("Ngừng sử dụng từ"))],
        rows=rows,
    )
    return xlsx_response(content, f"danh-muc-san-pham-{unit.pk}.xlsx")


@login_required
@require_POST
def product_create(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=Cap.EVALUATION_MANAGE)
    data = {name: request.POST.get(name, "") for name in FIELDS}
    try:
        catalogue.product_create(actor=request.actor, unit=unit, data=data)
    except EvaluationError as exc:  # nothing written: the form again, as typed
        fail(request, exc)
        return _catalogue(request, unit, typed=data)
    messages.success(request, _("Đã thêm sản phẩm vào danh mục."))
    return redirect(_back(unit.pk, data["position"]))


@login_required
@require_http_methods(["GET", "POST"])
def product_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    product = selectors.product_get(actor=actor, pk=pk, capability=Cap.EVALUATION_MANAGE)
    if request.method == "POST":
        data = {name: request.POST.get(name, "") for name in FIELDS}
        try:
            catalogue.product_update(actor=actor, product=product, data=data)
        except EvaluationError as exc:  # nothing written: the form again, as typed
            fail(request, exc)
            context = {"product": product, "typed": data}
            return render(request, "evaluation/product_edit.html", context, status=400)
        messages.success(request, _("Đã lưu sản phẩm."))
        return redirect(_back(product.unit_id, data["position"]))
    return render(request, "evaluation/product_edit.html", {"product": product})


def _retire(*, actor, product, retire: str):
    return catalogue.product_retire(actor=actor, product=product, retire=retire != "0")


product_retire = form_post(
    selectors.product_get,
    _retire,
    name="product",
    fields=("retire",),
    success=lambda product: (
        _("Đã ngừng sử dụng sản phẩm.") if product.retired_on else _("Đã dùng lại sản phẩm.")
    ),
    page="evaluation:catalogue",
    back=lambda product: product.unit_id,
    capability=Cap.EVALUATION_MANAGE,
)
