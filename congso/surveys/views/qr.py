"""QR codes of a unit's counters and officers: list, sync, posters, code reissue, receipt
tokens. Capability surveys.manage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congso.common.permissions import Cap
from congso.common.xlsx import build_workbook, xlsx_response
from congso.surveys import selectors, services
from congso.surveys.forms import TokenForm
from congso.surveys.posters import SIZES, Poster, render_posters
from congso.surveys.services.submit import kiosk_key

MANAGE = Cap.SURVEYS_MANAGE


def _poster(request: HttpRequest, target) -> Poster:
    url = request.build_absolute_uri(reverse("portal:survey_form", args=[target.code]))
    return Poster(
        url=url,
        agency=target.agency.name,
        unit=target.unit.name,
        name=selectors.target_name(target),
        kind=target.kind,
        code=target.code,
    )


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def qr_list(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=MANAGE)
    targets = list(selectors.targets_of_unit(actor=request.actor, unit=unit, capability=MANAGE))
    kiosk = {
        t.pk: request.build_absolute_uri(
            reverse("portal:survey_form", args=[t.code]) + f"?kiosk={kiosk_key(t.code)}"
        )
        for t in targets
        if t.kind == "counter"
    }
    context = {"unit": unit, "targets": targets, "kiosk": kiosk, "token_form": TokenForm()}
    return render(request, "surveys/qr_list.html", context)


@login_required
@require_POST
def qr_sync(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=MANAGE)
    made = services.targets_sync(actor=request.actor, unit=unit)
    messages.success(request, _("Đã tạo %(n)d mã khảo sát mới.") % {"n": made})
    return redirect("surveys:qr_list", pk=unit.pk)


@login_required
def poster(request: HttpRequest, pk: int, size: str) -> HttpResponse:
    if size not in SIZES:
        raise Http404
    target = selectors.target_get(actor=request.actor, pk=pk, capability=MANAGE)
    content = render_posters([_poster(request, target)], size=size)
    return _pdf(content, f"ma-qr-{target.pk}-{size}.pdf")


@login_required
def posters_batch(request: HttpRequest, pk: int, size: str) -> HttpResponse:
    if size not in SIZES:
        raise Http404
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=MANAGE)
    targets = selectors.targets_of_unit(actor=request.actor, unit=unit, capability=MANAGE)
    posters = [_poster(request, t) for t in targets.select_related("agency") if t.is_active]
    if not posters:
        raise Http404
    return _pdf(render_posters(posters, size=size), f"ma-qr-{unit.pk}-{size}.pdf")


@login_required
@require_POST
def reissue(request: HttpRequest, pk: int) -> HttpResponse:
    target = selectors.target_get(actor=request.actor, pk=pk, capability=MANAGE)
    services.target_reissue_code(actor=request.actor, target=target)
    messages.success(request, _("Đã thu hồi mã cũ và cấp mã mới. Hãy in lại áp phích."))
    return redirect("surveys:qr_list", pk=target.unit_id)


@login_required
@require_POST
def receipt_tokens(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue single-use receipt tokens (returned once, as xlsx) or switch the requirement."""
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=MANAGE)
    if "required" in request.POST:
        required = request.POST["required"] == "1"
        services.agency_set_token_requirement(actor=request.actor, agency=unit, required=required)
        messages.success(request, _("Đã cập nhật yêu cầu mã phiếu hẹn."))
        return redirect("surveys:qr_list", pk=unit.pk)
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Số mã phải từ 1 đến 5.000."))
        return redirect("surveys:qr_list", pk=unit.pk)
    tokens = services.receipt_tokens_issue(
        actor=request.actor, agency=unit, count=form.cleaned_data["count"]
    )
    content = build_workbook(title="Mã phiếu hẹn", headers=["Mã"], rows=[[t] for t in tokens])
    return xlsx_response(content, f"ma-phieu-hen-{unit.pk}.xlsx")
