"""The catalogue of titles and forms, their versioned bonus coefficients and the base salary:
pages of the province's emulation officer (everyone else gets 404)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.emulation import selectors, services
from congso.emulation.models import AwardKind, CertificateDesign, Rule, Subject
from congso.emulation.rules import EmulationError
from congso.emulation.services import catalogue
from congso.emulation.views._common import fail, parse_day, to_int


def _editor(request: HttpRequest) -> None:
    if not catalogue.may_edit(request.actor):
        raise Http404


def _day_field(request: HttpRequest, name: str = "valid_from"):
    day = parse_day(request.POST.get(name, ""))
    if day is None:
        raise EmulationError(_("Ngày áp dụng không đúng dạng ngày (dd/mm/yyyy)."), field=name)
    return day


def _choices() -> dict:
    return {
        "kinds": AwardKind.choices,
        "subjects": Subject.choices,
        "rules": Rule.choices,
        "designs": CertificateDesign.choices,
    }


@login_required
@require_GET
def catalogue_page(request: HttpRequest) -> HttpResponse:
    _editor(request)
    context = {
        "titles": selectors.catalogue_with_coefficients(),
        "salaries": selectors.base_salaries(),
        **_choices(),
    }
    return render(request, "emulation/catalogue.html", context)


@login_required
@require_POST
def title_create(request: HttpRequest) -> HttpResponse:
    _editor(request)
    post = request.POST
    try:
        title = services.title_create(
            actor=request.actor,
            code=post.get("code", ""),
            name=post.get("name", ""),
            kind=post.get("kind", ""),
            subject=post.get("subject", ""),
            rule=post.get("rule", ""),
            basis=post.get("basis", ""),
            issuer=post.get("issuer", ""),
            vote_threshold_pct=catalogue.parse_decimal(
                post.get("vote_threshold_pct", ""),
                field="vote_threshold_pct",
                label=_("Tỷ lệ phiếu đồng ý tối thiểu"),
            ),
            certificate=post.get("certificate", ""),
            coefficient=catalogue.parse_decimal(
                post.get("coefficient", ""), field="coefficient", label=_("Hệ số tiền thưởng")
            ),
            valid_from=_day_field(request),
            sort=to_int(post.get("sort")),
        )
    except EmulationError as exc:
        fail(request, exc)
        return redirect("emulation:catalogue")
    messages.success(request, _("Đã thêm “%(name)s” vào danh mục.") % {"name": title.name})
    return redirect("emulation:catalogue_title", title.pk)


@login_required
@require_GET
def title_page(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    title = selectors.catalogue_title(pk=pk)
    context = {
        "title": title,
        "coefficients": title.coefficients.order_by("-valid_from"),
        **_choices(),
    }
    return render(request, "emulation/catalogue_title.html", context)


@login_required
@require_POST
def title_update(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    title = selectors.catalogue_title(pk=pk)
    post = request.POST
    try:
        services.title_update(
            actor=request.actor,
            title=title,
            name=post.get("name", ""),
            basis=post.get("basis", ""),
            issuer=post.get("issuer", ""),
            vote_threshold_pct=catalogue.parse_decimal(
                post.get("vote_threshold_pct", ""),
                field="vote_threshold_pct",
                label=_("Tỷ lệ phiếu đồng ý tối thiểu"),
            ),
            certificate=post.get("certificate", ""),
            active=bool(post.get("active")),
            sort=to_int(post.get("sort"), title.sort),
        )
    except EmulationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã lưu danh hiệu, hình thức khen thưởng."))
    return redirect("emulation:catalogue_title", title.pk)


@login_required
@require_POST
def coefficient_add(request: HttpRequest, pk: int) -> HttpResponse:
    _editor(request)
    title = selectors.catalogue_title(pk=pk)
    try:
        services.coefficient_add(
            actor=request.actor,
            title=title,
            valid_from=_day_field(request),
            coefficient=catalogue.parse_decimal(
                request.POST.get("coefficient", ""),
                field="coefficient",
                label=_("Hệ số tiền thưởng"),
            ),
        )
    except EmulationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã thêm hệ số tiền thưởng theo ngày áp dụng."))
    return redirect("emulation:catalogue_title", title.pk)


@login_required
@require_POST
def base_salary_add(request: HttpRequest) -> HttpResponse:
    _editor(request)
    raw = request.POST.get("amount", "").replace(".", "").replace(" ", "").strip()
    try:
        if not raw.isdigit():
            raise EmulationError(
                _("Mức lương cơ sở phải là số đồng dương (ví dụ 2.340.000)."), field="amount"
            )
        services.base_salary_add(
            actor=request.actor, valid_from=_day_field(request), amount=int(raw)
        )
    except EmulationError as exc:
        fail(request, exc)
    else:
        messages.success(request, _("Đã thêm mức lương cơ sở theo ngày áp dụng."))
    return redirect("emulation:catalogue")
