"""Remediation tasks: the list (with overdue markers) and reporting a task done."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.inspections import selectors, services
from congso.inspections.forms import CompleteTaskForm
from congso.inspections.rules import task_overdue
from congso.inspections.views.common import error_text

PAGE_SIZE = 50


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    return render(request, "inspections/tasks.html", _tasks_context(request))


def _tasks_context(request: HttpRequest, **extra) -> dict:
    actor = request.actor
    if not (actor.has(Cap.INSPECTIONS_VIEW) or actor.has(Cap.INSPECTIONS_REMEDIATE)):
        raise Http404
    overdue_only = request.GET.get("qua_han") == "1"
    tasks = selectors.task_list(actor=actor, overdue_only=overdue_only)
    page = Paginator(tasks, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = [
        (t, task_overdue(status=t.status, due_on=t.due_on, today=today)) for t in page.object_list
    ]
    return {"page": page, "rows": rows, "overdue_only": overdue_only, **extra}


@login_required
@require_POST
def task_complete(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.task_get(actor=request.actor, pk=pk)
    form = CompleteTaskForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi kết quả khắc phục."))
        services.task_complete(actor=request.actor, task=task, note=form.cleaned_data["note"])
    except ValidationError as exc:
        context = _tasks_context(request, error=error_text(exc))
        return render(request, "inspections/tasks.html", context, status=400)
    messages.success(request, _("Đã ghi nhận hoàn thành việc khắc phục."))
    return redirect("inspections:tasks")
