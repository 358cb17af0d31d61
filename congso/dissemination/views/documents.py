"""Documents, campaigns and completion: thin views over selectors and services."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.common.permissions import Cap
from congso.common.xlsx import build_workbook, xlsx_response
from congso.dissemination import charts, selectors, services
from congso.dissemination.files import read_limited
from congso.dissemination.forms import CampaignForm, DocumentForm, VersionForm
from congso.dissemination.views.common import add_errors, read_upload, require_cap, unit_choices


def _status_labels() -> dict[str, str]:
    """Labels of a recipient's status, translated once per request (not once per person)."""
    return {
        "unread": _("Chưa mở"),
        "opened": _("Đã mở, chưa xác nhận"),
        "on_time": _("Đã xác nhận đúng hạn"),
        "late": _("Đã xác nhận quá hạn"),
    }


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Documents and campaigns in the actor's reach."""
    require_cap(request, Cap.DISSEMINATION_VIEW)
    actor = request.actor
    context = {
        "documents": list(selectors.document_list(actor=actor)[:200]),
        "campaigns": list(selectors.campaign_list(actor=actor)[:200]),
        "can_manage": actor.has(Cap.DISSEMINATION_MANAGE),
        "can_report": actor.has(Cap.DISSEMINATION_REPORT),
    }
    return render(request, "dissemination/index.html", context)


def _document_form(request, data=None, files=None) -> DocumentForm:
    units = selectors.sendable_units(actor=request.actor)
    return DocumentForm(data, files, unit_choices=unit_choices(units))


@login_required
@require_http_methods(["GET", "POST"])
def document_create(request: HttpRequest) -> HttpResponse:
    require_cap(request, Cap.DISSEMINATION_MANAGE)
    if request.method == "GET":
        form = _document_form(request)
        return render(request, "dissemination/document_form.html", {"form": form})
    form = _document_form(request, request.POST, request.FILES)
    if form.is_valid():
        data = read_upload(form.cleaned_data["file"], read_limited)
        if isinstance(data, str):
            form.add_error("file", data)
        else:
            unit = selectors.managed_unit_get(actor=request.actor, pk=form.cleaned_data["unit"])
            fields = {k: v for k, v in form.cleaned_data.items() if k not in ("unit", "file")}
            try:
                document = services.document_create(
                    actor=request.actor, unit=unit, data=data, **fields
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Đã lưu văn bản."))
                return redirect("dissemination:document", pk=document.pk)
    return render(request, "dissemination/document_form.html", {"form": form}, status=400)


def _document_context(request, document, **extra) -> dict:
    actor = request.actor
    can_manage = actor.can(Cap.DISSEMINATION_MANAGE, document.unit_id)
    return {
        "document": document,
        "versions": list(selectors.version_list(document=document)),
        "campaigns": list(selectors.campaign_list(actor=actor).filter(document=document)[:100]),
        "can_manage": can_manage,
        "can_send": actor.has(Cap.DISSEMINATION_MANAGE),
        "version_form": VersionForm() if can_manage else None,
        **extra,
    }


@login_required
@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(actor=request.actor, pk=pk)
    return render(request, "dissemination/document.html", _document_context(request, document))


@login_required
@require_POST
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_get(
        actor=request.actor, pk=pk, capability=Cap.DISSEMINATION_MANAGE
    )
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        data = read_upload(form.cleaned_data["file"], read_limited)
        if isinstance(data, str):
            form.add_error("file", data)
        else:
            try:
                services.version_add(
                    actor=request.actor,
                    document=document,
                    data=data,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(
                    request, _("Đã lưu phiên bản mới; mọi người nhận cần xác nhận lại.")
                )
                return redirect("dissemination:document", pk=document.pk)
    context = _document_context(request, document, version_form=form)
    return render(request, "dissemination/document.html", context, status=400)


@login_required
@require_GET
def version_file(request: HttpRequest, pk: int) -> FileResponse:
    version = selectors.version_get(actor=request.actor, pk=pk)
    return _pdf_response(version)


def _pdf_response(version) -> FileResponse:
    response = FileResponse(
        version.file.open("rb"), content_type="application/pdf", filename="van-ban.pdf"
    )
    response["Content-Disposition"] = "inline; filename=van-ban.pdf"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response


def _campaign_form(request, data=None) -> CampaignForm:
    units = selectors.sendable_units(actor=request.actor)
    initial = {"start_on": timezone.localdate()}
    return CampaignForm(data, unit_choices=unit_choices(units), initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a document down the org tree (the sender needs dissemination.manage there)."""
    actor = request.actor
    require_cap(request, Cap.DISSEMINATION_MANAGE)
    document = selectors.document_get(actor=actor, pk=pk)
    form = _campaign_form(request, request.POST if request.method == "POST" else None)
    if request.method == "GET":
        return render(
            request, "dissemination/campaign_form.html", {"form": form, "document": document}
        )
    # A unit outside the sender's scope answers 404 before the form is checked.
    unit = selectors.managed_unit_get(actor=actor, pk=request.POST.get("unit"))
    if form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "unit"}
        try:
            campaign = services.campaign_send(actor=actor, document=document, unit=unit, **fields)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã gửi văn bản đến đơn vị."))
            return redirect("dissemination:campaign", pk=campaign.pk)
    context = {"form": form, "document": document}
    return render(request, "dissemination/campaign_form.html", context, status=400)


def _drill_unit(request, campaign):
    actor = request.actor
    unit_pk = request.GET.get("don_vi")
    if unit_pk:
        return selectors.report_unit_get(actor=actor, pk=unit_pk)
    root = selectors.report_root(actor=actor)
    if root is None or not (
        root.path.startswith(campaign.unit.path) or campaign.unit.path.startswith(root.path)
    ):
        # The actor reports on a unit inside the campaign's subtree, or the campaign's unit.
        return selectors.report_unit_get(actor=actor, pk=campaign.unit_id)
    return root


@login_required
@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Completion of a campaign per unit, with drill-down (?don_vi=) to the person."""
    actor = request.actor
    campaign = selectors.campaign_get(actor=actor, pk=pk, capability=Cap.DISSEMINATION_REPORT)
    unit = _drill_unit(request, campaign)
    rows = selectors.campaign_completion(actor=actor, campaign=campaign, unit=unit)
    total = sum(r.recipients for r in rows)
    done = sum(r.acknowledged for r in rows)
    people = selectors.people_status(actor=actor, campaign=campaign, unit=unit)
    labels = _status_labels()
    context = {
        "campaign": campaign,
        "unit": unit,
        "rows": rows,
        "total": total,
        "done": done,
        "on_time": sum(r.on_time for r in rows),
        "percent": selectors.percent(done, total),
        "people": [(p, labels[p.status]) for p in people],
        "chart": charts.completion_bars(rows),
        "parent_id": unit.parent_id
        if unit.pk != campaign.unit_id and actor.can(Cap.DISSEMINATION_REPORT, unit.parent_id)
        else None,
        "today": timezone.localdate(),
    }
    return render(request, "dissemination/campaign.html", context)


@login_required
@require_GET
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recipient of the shown unit's subtree with their status, as xlsx."""
    actor = request.actor
    campaign = selectors.campaign_get(actor=actor, pk=pk, capability=Cap.DISSEMINATION_REPORT)
    unit = _drill_unit(request, campaign)
    labels = _status_labels()
    rows = (
        (
            s.person.staff_code,
            s.person.full_name,
            s.person.unit.name,
            labels[s.status],
            timezone.localtime(s.receipt.opened_at) if s.receipt else None,
            timezone.localtime(s.receipt.acknowledged_at)
            if s.receipt and s.receipt.acknowledged_at
            else None,
        )
        for s in selectors.people_status_all(actor=actor, campaign=campaign, unit=unit)
    )
    content = build_workbook(
        title=_("Quán triệt"),
        headers=[
            _("Mã cán bộ"),
            _("Họ và tên"),
            _("Đơn vị"),
            _("Tình trạng"),
            _("Mở lúc"),
            _("Xác nhận lúc"),
        ],
        rows=rows,
    )
    return xlsx_response(content, f"quan-triet-{campaign.pk}.xlsx")


@login_required
@require_GET
def campaign_recipients(request: HttpRequest, pk: int) -> HttpResponse:
    """Who receives the campaign on a date in a unit, and why each person does or does not."""
    actor = request.actor
    campaign = selectors.campaign_get(actor=actor, pk=pk, capability=Cap.DISSEMINATION_REPORT)
    unit = _drill_unit(request, campaign)
    try:
        day = date.fromisoformat(request.GET.get("ngay", ""))
    except ValueError:
        day = timezone.localdate()
    explanations = selectors.explain_recipients(actor=actor, campaign=campaign, unit=unit, day=day)
    context = {"campaign": campaign, "unit": unit, "day": day, "explanations": explanations}
    return render(request, "dissemination/recipients.html", context)


@login_required
@require_GET
def completion(request: HttpRequest) -> HttpResponse:
    """Every campaign reaching a unit's subtree with its completion there, year over year."""
    actor = request.actor
    require_cap(request, Cap.DISSEMINATION_REPORT)
    unit_pk = request.GET.get("don_vi")
    unit = (
        selectors.report_unit_get(actor=actor, pk=unit_pk)
        if unit_pk
        else selectors.report_root(actor=actor)
    )
    summaries = selectors.overview(actor=actor, unit=unit) if unit is not None else []
    years: dict[int, list[int]] = {}
    for s in summaries:
        totals = years.setdefault(s.campaign.start_on.year, [0, 0, 0])
        totals[0] += 1
        totals[1] += s.recipients
        totals[2] += s.acknowledged
    by_year = [
        (year, n, total, done, selectors.percent(done, total))
        for year, (n, total, done) in sorted(years.items())
    ]
    context = {"unit": unit, "summaries": summaries, "by_year": by_year}
    return render(request, "dissemination/completion.html", context)
