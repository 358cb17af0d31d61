"""Pages of codes of conduct: thin views over conduct.selectors and conduct.services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.conduct import selectors, services
from congso.conduct.forms import ClauseForm, CreateFromTemplateForm, DiffForm, PublishForm
from congso.conduct.template import TEMPLATE_BASIS, TEMPLATE_CLAUSES, TEMPLATE_TITLE

MAX_UNIT_CHOICES = 500


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _require_view(request: HttpRequest) -> None:
    if not request.actor.has(Cap.CONDUCT_VIEW):
        raise Http404


def _create_form(request: HttpRequest, data=None) -> CreateFromTemplateForm:
    units = selectors.units_without_code(actor=request.actor)[:MAX_UNIT_CHOICES]
    return CreateFromTemplateForm(data, unit_choices=[(u.pk, u.name) for u in units])


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The rules in force for me (with the attest button) and the codes I may read."""
    return render(request, "conduct/index.html", _index_context(request))


def _index_context(request: HttpRequest, create_form=None) -> dict:
    actor = request.actor
    if create_form is None and actor.has(Cap.CONDUCT_MANAGE):
        create_form = _create_form(request)
    return {
        "mine": selectors.my_code(actor=actor),
        "codes": list(selectors.code_list(actor=actor)[:MAX_UNIT_CHOICES]),
        "create_form": create_form,
        "can_report": actor.has(Cap.CONDUCT_REPORT),
    }


@login_required
@require_GET
def categories(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    return render(request, "conduct/categories.html", {"categories": selectors.category_list()})


@login_required
@require_GET
def template(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    names = dict(selectors.category_list().values_list("code", "name"))
    clauses = [(c, names.get(c.category or "", "")) for c in TEMPLATE_CLAUSES]
    context = {"title": TEMPLATE_TITLE, "basis": TEMPLATE_BASIS, "clauses": clauses}
    return render(request, "conduct/template.html", context)


@login_required
@require_POST
def code_create(request: HttpRequest) -> HttpResponse:
    form = _create_form(request, request.POST)
    if not form.is_valid():
        form.add_error(None, _("Hãy chọn một đơn vị chưa có quy chế."))
        context = _index_context(request, create_form=form)
        return render(request, "conduct/index.html", context, status=400)
    unit = selectors.managed_unit_get(actor=request.actor, pk=form.cleaned_data["unit"])
    code = services.code_create_from_template(actor=request.actor, unit=unit)
    messages.success(request, _("Đã tạo dự thảo quy chế từ quy chế mẫu của tỉnh."))
    return redirect("conduct:code", pk=code.pk)


@login_required
@require_GET
def code_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A code: its versions (the one in force marked), the comparison form."""
    actor = request.actor
    code = selectors.code_get(actor=actor, pk=pk)
    versions = list(selectors.version_list(actor=actor, code=code))
    current = selectors.current_version(actor=actor, code=code, on=timezone.localdate())
    published = [v for v in versions if v.is_published]
    context = {
        "code": code,
        "versions": versions,
        "current": current,
        "has_draft": any(not v.is_published for v in versions),
        "can_manage": actor.can(Cap.CONDUCT_MANAGE, code.unit_id),
        "diff_choices": published,
        "diff_from": published[1].pk if len(published) > 1 else None,
        "diff_to": published[0].pk if published else None,
    }
    return render(request, "conduct/code_detail.html", context)


@login_required
@require_POST
def draft_create(request: HttpRequest, pk: int) -> HttpResponse:
    code = selectors.code_get(actor=request.actor, pk=pk, capability=Cap.CONDUCT_MANAGE)
    draft = services.version_draft_create(actor=request.actor, code=code)
    return redirect("conduct:version", pk=draft.pk)


@login_required
@require_GET
def version_diff(request: HttpRequest, pk: int) -> HttpResponse:
    """Clause-level differences between two versions of the same code."""
    actor = request.actor
    code = selectors.code_get(actor=actor, pk=pk)
    form = DiffForm(request.GET)
    if not form.is_valid():
        return render(request, "conduct/diff.html", {"code": code, "form": form}, status=400)
    old = selectors.version_get(actor=actor, pk=form.cleaned_data["tu"])
    new = selectors.version_get(actor=actor, pk=form.cleaned_data["den"])
    if old.code_id != code.pk or new.code_id != code.pk:
        raise Http404
    rows = selectors.version_diff(old=old, new=new)
    context = {"code": code, "form": form, "old": old, "new": new, "rows": rows}
    return render(request, "conduct/diff.html", context)


def _version_context(request: HttpRequest, version, **extra) -> dict:
    actor = request.actor
    can_edit = not version.is_published and actor.can(Cap.CONDUCT_MANAGE, version.unit_id)
    return {
        "version": version,
        "code": version.code,
        "clauses": list(selectors.clause_list(version=version)),
        "can_edit": can_edit,
        "clause_form": ClauseForm() if can_edit else None,
        "publish_form": PublishForm(initial={"effective_from": timezone.localdate()})
        if can_edit
        else None,
        **extra,
    }


@login_required
@require_GET
def version_detail(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(actor=request.actor, pk=pk)
    return render(request, "conduct/version_detail.html", _version_context(request, version))


@login_required
@require_POST
def clause_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(actor=request.actor, pk=pk, capability=Cap.CONDUCT_MANAGE)
    form = ClauseForm(request.POST)
    if form.is_valid():
        try:
            services.clause_create(actor=request.actor, version=version, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã thêm điều khoản."))
            return redirect("conduct:version", pk=version.pk)
    context = _version_context(request, version, clause_form=form)
    return render(request, "conduct/version_detail.html", context, status=400)


@login_required
@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(actor=request.actor, pk=pk, capability=Cap.CONDUCT_MANAGE)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            services.version_publish(actor=request.actor, version=version, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã ban hành phiên bản quy chế."))
            return redirect("conduct:code", pk=version.code_id)
    context = _version_context(request, version, publish_form=form)
    return render(request, "conduct/version_detail.html", context, status=400)


@login_required
def clause_edit(request: HttpRequest, pk: int) -> HttpResponse:
    clause = selectors.clause_get(actor=request.actor, pk=pk, capability=Cap.CONDUCT_MANAGE)
    initial = {
        "number": clause.number,
        "title": clause.title,
        "text": clause.text,
        "category": clause.category,
    }
    form = ClauseForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.clause_update(actor=request.actor, clause=clause, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Đã lưu điều khoản."))
                return redirect("conduct:version", pk=clause.version_id)
        status = 400
    return render(
        request, "conduct/clause_edit.html", {"clause": clause, "form": form}, status=status
    )


@login_required
@require_POST
def clause_delete(request: HttpRequest, pk: int) -> HttpResponse:
    clause = selectors.clause_get(actor=request.actor, pk=pk, capability=Cap.CONDUCT_MANAGE)
    try:
        services.clause_delete(actor=request.actor, clause=clause)
    except ValidationError as exc:
        context = _version_context(request, clause.version, error=" ".join(_errors(exc)))
        return render(request, "conduct/version_detail.html", context, status=400)
    messages.success(request, _("Đã xóa điều khoản khỏi dự thảo."))
    return redirect("conduct:version", pk=clause.version_id)


@login_required
@require_POST
def attest(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff member attests the version in force for them (any other id: 404)."""
    mine = selectors.my_code(actor=request.actor)
    if mine.version is None or mine.version.pk != pk:
        raise Http404
    services.attestation_create(actor=request.actor, version=mine.version)
    messages.success(request, _("Cảm ơn bạn đã xác nhận đã đọc quy chế văn hóa công sở."))
    return redirect("conduct:index")


@login_required
@require_GET
def completion(request: HttpRequest) -> HttpResponse:
    """Attestation completion for a unit and its children, with drill-down (?don_vi=)."""
    actor = request.actor
    if not actor.has(Cap.CONDUCT_REPORT):
        raise Http404
    unit_pk = request.GET.get("don_vi")
    if unit_pk:
        unit = selectors.report_unit_get(actor=actor, pk=unit_pk)
    else:
        unit = selectors.completion_root(actor=actor)
    if unit is None:
        raise Http404
    rows = selectors.attestation_completion(actor=actor, unit=unit)
    context = {
        "unit": unit,
        "rows": rows,
        "total_staff": sum(r.staff for r in rows),
        "total_attested": sum(r.attested for r in rows),
        "unattested": selectors.unattested_people(actor=actor, unit=unit),
        "parent_id": unit.parent_id if actor.can(Cap.CONDUCT_REPORT, unit.parent_id) else None,
    }
    return render(request, "conduct/completion.html", context)
