"""Visits: scheduling, the checklist with results and photos, findings, conclusion."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.inspections import selectors, services
from congso.inspections.forms import (
    AssessForm,
    FindingForm,
    FinishForm,
    PhotoForm,
    SubjectForm,
    TaskForm,
    VisitForm,
)
from congso.inspections.models import FindingKind, VisitStatus
from congso.inspections.views.common import error_text, int_param


@login_required
def visit_create(request: HttpRequest) -> HttpResponse:
    """Schedule a visit: from a plan (?ke_hoach=) or a surprise visit."""
    actor = request.actor
    if not actor.has(Cap.INSPECTIONS_MANAGE):
        raise Http404
    plan_id = int_param(request.GET.get("ke_hoach") or request.POST.get("ke_hoach"))
    plan = selectors.plan_get(actor=actor, pk=plan_id) if plan_id else None
    targets = (
        list(selectors.plan_targets(plan=plan))
        if plan
        else list(selectors.target_options(actor=actor))
    )
    units = [plan.unit] if plan else list(selectors.inspecting_unit_options(actor=actor))
    team = list(selectors.inspector_options(actor=actor, plan=plan))
    initial = {"kind": "scheduled" if plan else "surprise"}
    form = VisitForm(
        request.POST or None,
        targets=targets,
        inspecting_units=units,
        inspectors=team,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by_id = {u.pk: u for u in [*targets, *units]}
        people = {p.pk: p for p in team}
        target = selectors.unit_get(actor=actor, pk=data["target"])
        try:
            visit = services.visit_schedule(
                actor=actor,
                target=target,
                visit_on=data["visit_on"],
                kind=data["kind"],
                inspecting_unit=by_id[data["inspecting_unit"]],
                plan=plan,
                purpose=data["purpose"],
                inspectors=[people[i] for i in data["inspectors"]],
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Đã lên lịch cuộc kiểm tra."))
            return redirect("inspections:visit", pk=visit.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "inspections/visit_form.html", {"form": form, "plan": plan}, status=status
    )


def _visit_context(request: HttpRequest, visit, **forms) -> dict:
    actor = request.actor
    items = selectors.visit_items(visit=visit)
    can_manage = actor.can(Cap.INSPECTIONS_MANAGE, visit.unit_id)
    people = list(selectors.people_of(actor=actor, unit=visit.unit)) if can_manage else []
    in_progress = visit.status == VisitStatus.IN_PROGRESS
    return {
        "visit": visit,
        "items": items,
        "findings": selectors.visit_findings(visit=visit),
        "inspectors": selectors.visit_people(visit=visit, field="inspectors"),
        "subjects": selectors.visit_people(visit=visit, field="subjects"),
        "can_manage": can_manage,
        "in_progress": in_progress,
        "results": AssessForm.base_fields["result"].choices,
        "finding_form": forms.get("finding_form")
        or (FindingForm(people=people, items=items) if can_manage and in_progress else None),
        "task_form": TaskForm(people=people) if can_manage and in_progress else None,
        "finish_form": forms.get("finish_form")
        or (FinishForm() if can_manage and in_progress else None),
        "subject_form": SubjectForm(people=people)
        if can_manage and visit.status != VisitStatus.DONE
        else None,
        "pending": sum(1 for i in items if not i.result),
        "photo_form": PhotoForm() if can_manage and in_progress else None,
    }


def _visit_error(request: HttpRequest, visit, message: str) -> HttpResponse:
    """The visit page again, with the refusal, answered 400 (nothing was written)."""
    context = _visit_context(request, visit)
    context["error"] = message
    return render(request, "inspections/visit_detail.html", context, status=400)


@login_required
@require_GET
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(actor=request.actor, pk=pk)
    return render(request, "inspections/visit_detail.html", _visit_context(request, visit))


@login_required
@require_POST
def visit_start(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(actor=request.actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    try:
        visit = services.visit_start(actor=request.actor, visit=visit)
    except ValidationError as exc:
        return _visit_error(request, visit, error_text(exc))
    if visit.version is None:
        messages.warning(
            request, _("Đơn vị chưa có quy chế văn hóa công sở có hiệu lực vào ngày kiểm tra.")
        )
    return redirect("inspections:visit", pk=visit.pk)


@login_required
@require_POST
def visit_finish(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.visit_get(actor=request.actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    form = FinishForm(request.POST)
    if form.is_valid():
        try:
            services.visit_finish(actor=request.actor, visit=visit, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Đã kết thúc cuộc kiểm tra."))
            return redirect("inspections:visit", pk=visit.pk)
    context = _visit_context(request, visit, finish_form=form)
    return render(request, "inspections/visit_detail.html", context, status=400)


@login_required
@require_POST
def subject_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    visit = selectors.visit_get(actor=actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    form = SubjectForm(request.POST, people=selectors.people_of(actor=actor, unit=visit.unit))
    if not form.is_valid():
        return _visit_error(request, visit, _("Hãy chọn một cán bộ của đơn vị được kiểm tra."))
    person = selectors.person_get(actor=actor, pk=form.cleaned_data["person"])
    try:
        services.visit_add_subject(actor=actor, visit=visit, person=person)
    except ValidationError as exc:
        return _visit_error(request, visit, error_text(exc))
    return redirect("inspections:visit", pk=visit.pk)


@login_required
@require_POST
def item_assess(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(actor=request.actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    form = AssessForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy chọn kết quả kiểm tra."))
        services.item_assess(actor=request.actor, item=item, **form.cleaned_data)
    except ValidationError as exc:
        return _visit_error(request, item.visit, f"{item.clause.number}: {error_text(exc)}")
    return redirect(f"{_visit_url(item.visit_id)}#muc-{item.pk}")


def _visit_url(pk: int) -> str:
    return reverse("inspections:visit", args=[pk])


@login_required
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.item_get(actor=request.actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    form = PhotoForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy chọn một tệp ảnh."))
        services.photo_add(actor=request.actor, item=item, upload=form.cleaned_data["photo"])
    except ValidationError as exc:
        context = _visit_context(request, item.visit)
        context["photo_error"] = (item.pk, error_text(exc))
        return render(request, "inspections/visit_detail.html", context, status=400)
    messages.success(request, _("Đã lưu ảnh (đã xóa thông tin vị trí, EXIF)."))
    return redirect(f"{_visit_url(item.visit_id)}#muc-{item.pk}")


@login_required
@require_GET
def photo_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The stored (re-encoded) photo, served only to those who may see the visit."""
    photo = selectors.photo_get(actor=request.actor, pk=pk)
    try:
        handle = default_storage.open(photo.file.name, "rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def finding_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    visit = selectors.visit_get(actor=actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    items = selectors.visit_items(visit=visit)
    people = selectors.people_of(actor=actor, unit=visit.unit)
    form = FindingForm(request.POST, people=people, items=items)
    if form.is_valid():
        data = form.cleaned_data
        by_item = {i.pk: i for i in items}
        person = selectors.person_get(actor=actor, pk=data["person"]) if data["person"] else None
        try:
            services.finding_record(
                actor=actor,
                visit=visit,
                kind=data["kind"],
                description=data["description"],
                person=person if data["kind"] == FindingKind.PERSON else None,
                category=data["category"],
                item=by_item.get(data["item"]),
            )
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("Đã ghi kết luận."))
            return redirect("inspections:visit", pk=visit.pk)
    context = _visit_context(request, visit, finding_form=form)
    return render(request, "inspections/visit_detail.html", context, status=400)


@login_required
@require_POST
def finding_case(request: HttpRequest, pk: int) -> HttpResponse:
    finding = selectors.finding_get(actor=request.actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    try:
        services.finding_to_case(actor=request.actor, finding=finding)
    except ValidationError as exc:
        return _visit_error(request, finding.visit, error_text(exc))
    return redirect("inspections:visit", pk=finding.visit_id)


@login_required
@require_POST
def task_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request.actor
    finding = selectors.finding_get(actor=actor, pk=pk, capability=Cap.INSPECTIONS_MANAGE)
    form = TaskForm(request.POST, people=selectors.people_of(actor=actor, unit=finding.visit.unit))
    try:
        if not form.is_valid():
            raise ValidationError(
                _("Hãy nhập việc cần khắc phục, người chủ trì và thời hạn (1–90 ngày làm việc).")
            )
        data = form.cleaned_data
        owner = selectors.person_get(actor=actor, pk=data["owner"])
        services.task_create(
            actor=actor,
            finding=finding,
            title=data["title"],
            owner=owner,
            working_days=data["working_days"],
        )
    except ValidationError as exc:
        return _visit_error(request, finding.visit, error_text(exc))
    messages.success(request, _("Đã giao việc khắc phục."))
    return redirect("inspections:visit", pk=finding.visit_id)
