"""Exports and imports of evaluation pages: xlsx and DOCX documents, Excel imports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from congso.common.permissions import Cap
from congso.common.xlsx import xlsx_response
from congso.evaluation import documents, selectors
from congso.evaluation.services.imports import ImportErrors
from congso.evaluation.services.imports import catalogue_import as do_catalogue
from congso.evaluation.services.imports import leave_import as do_leave

MAX_UPLOAD = 5 * 1024 * 1024


def _docx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=documents.DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def run_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(actor=request.actor, pk=pk)
    results = list(selectors.result_list(actor=request.actor, run=run))
    return xlsx_response(
        documents.run_xlsx(run, results), f"xep-loai-{run.year}-{run.unit_id}.xlsx"
    )


@login_required
@require_GET
def run_docx(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get(actor=request.actor, pk=pk)
    results = list(selectors.result_list(actor=request.actor, run=run))
    content = documents.run_docx(run, results, timezone.localdate())
    return _docx(content, f"danh-sach-xep-loai-{run.year}-{run.unit_id}.docx")


@login_required
@require_GET
def result_docx(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.result_get(actor=request.actor, pk=pk)
    content = documents.result_docx(result, timezone.localdate())
    return _docx(content, f"phieu-ket-qua-{result.run.year}-{result.person_id}.docx")


def _import(request: HttpRequest, pk: int, service, label, back: str) -> HttpResponse:
    unit = selectors.unit_get(actor=request.actor, pk=pk, capability=Cap.EVALUATION_MANAGE)
    upload = request.FILES.get("file")
    if upload is None or upload.size > MAX_UPLOAD:
        messages.error(request, _("Hãy chọn tệp Excel (.xlsx) không quá 5 MB."))
        return redirect(back, pk=unit.pk)
    try:
        count = service(actor=request.actor, unit=unit, content=upload.read())
        messages.success(
            request, _("%(label)s: đã nhập %(n)s dòng.") % {"label": label, "n": count}
        )
    except ImportErrors as exc:
        messages.error(request, _("Không nhập dòng nào. ") + " ".join(exc.lines()[:20]))
    except PermissionDenied:
        messages.error(request, _("Bạn không có quyền thực hiện việc này."))
    return redirect(back, pk=unit.pk)


@login_required
@require_POST
def catalogue_import(request: HttpRequest, pk: int) -> HttpResponse:
    return _import(request, pk, do_catalogue, _("Danh mục sản phẩm"), "evaluation:catalogue")


@login_required
@require_POST
def leave_import(request: HttpRequest, pk: int) -> HttpResponse:
    return _import(request, pk, do_leave, _("Thời gian nghỉ"), "evaluation:unit")
