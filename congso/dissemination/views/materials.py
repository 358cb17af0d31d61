"""Files of a training course: the organiser uploads and removes them, viewers of the course
and its participants download them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.dissemination import selectors, training
from congso.dissemination.files import read_limited
from congso.dissemination.forms import MaterialForm
from congso.dissemination.views.common import add_errors, read_upload
from congso.dissemination.views.training import course_context

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@login_required
@require_POST
def material_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a file to a course (the organiser: dissemination.manage on its unit)."""
    actor = request.actor
    course = selectors.course_get(actor=actor, pk=pk, capability=Cap.DISSEMINATION_MANAGE)
    form = MaterialForm(request.POST, request.FILES)
    if form.is_valid():
        data = read_upload(form.cleaned_data["file"], read_limited)
        if isinstance(data, str):
            form.add_error("file", data)
        else:
            try:
                training.material_add(
                    actor=actor, course=course, title=form.cleaned_data["title"], data=data
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Đã tải lên tài liệu."))
                return redirect("dissemination:course", pk=course.pk)
    context = course_context(request, course, material_form=form)
    return render(request, "dissemination/target.html", context, status=400)


@login_required
@require_POST
def material_delete(request: HttpRequest, pk: int) -> HttpResponse:
    material = selectors.material_manage_get(actor=request.actor, pk=pk)
    course_id = material.course_id
    training.material_delete(actor=request.actor, material=material)
    messages.success(request, _("Đã xóa tài liệu."))
    return redirect("dissemination:course", pk=course_id)


@login_required
@require_GET
def material_file(request: HttpRequest, pk: int) -> FileResponse:
    """Download a course file (viewers of the course and its participants; 404 otherwise).
    Always as an attachment, sandboxed, never sniffed."""
    material = selectors.material_get(actor=request.actor, pk=pk)
    name = f"tai-lieu-{material.pk}.{material.kind}"
    response = FileResponse(
        material.file.open("rb"),
        content_type=CONTENT_TYPES[material.kind],
        as_attachment=True,
        filename=name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    return response
