"""The staff list import page (upload, dry run, result) and the template download.

An oversized upload is refused before its body is read: the page view is csrf_exempt so that no
middleware parses the body first, checks the declared Content-Length, installs an upload
handler that stops at the limit (for clients that send no or a false length), and only then
runs the CSRF check and the form (Django's documented pattern for custom upload handlers).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from congso.common.permissions import Cap
from congso.common.xlsx import xlsx_response
from congso.org.imports.reader import megabytes
from congso.org.imports.runner import ImportReport, staff_import, template_bytes

MULTIPART_OVERHEAD = 64 * 1024  # boundaries and the small form fields around the file
ERRORS_SHOWN = 1000  # the page lists this many problems; the command line prints them all


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp danh sách cán bộ (.xlsx)"))
    dry_run = forms.BooleanField(
        label=gettext_lazy("Kiểm tra trước, chưa ghi vào cơ sở dữ liệu"), required=False
    )


class LimitedUploadHandler(FileUploadHandler):
    """Stops the upload as soon as more than `limit` bytes of file data arrived."""

    def __init__(self, request: HttpRequest, *, limit: int) -> None:
        super().__init__(request)
        self.limit, self.received, self.exceeded = limit, 0, False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the file


def _require_import(request: HttpRequest) -> None:
    if not request.actor.has(Cap.PEOPLE_IMPORT):
        raise Http404


def _page(request: HttpRequest, form: ImportForm, **context) -> HttpResponse:
    report: ImportReport | None = context.get("report")
    status = context.pop("status", 200 if report is None or report.ok else 400)
    if request.htmx and 400 <= status < 500:
        status = 200  # htmx swaps only 2xx answers; the partial itself shows the refusal
    context |= {"form": form, "limit_mb": megabytes(settings.STAFF_IMPORT_MAX_BYTES)}
    if report is not None:
        context |= {"errors": report.errors[:ERRORS_SHOWN], "errors_more": len(report.errors)}
        context["errors_more"] -= len(context["errors"])
    name = "org/partials/import_result.html" if request.htmx else "org/import.html"
    return render(request, name, context, status=status)


def _too_big(request: HttpRequest, size: int) -> HttpResponse:
    message = _("Tệp quá lớn (%(size)s MB); chỉ nhận tệp đến %(limit)s MB.") % {
        "size": megabytes(size),
        "limit": megabytes(settings.STAFF_IMPORT_MAX_BYTES),
    }
    return _page(request, ImportForm(), refused=message, status=413)


@login_required
@csrf_exempt
def import_page(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: size checks before the body is read, then the import."""
    _require_import(request)
    if request.method != "POST":
        return _page(request, ImportForm())
    limit = settings.STAFF_IMPORT_MAX_BYTES + MULTIPART_OVERHEAD
    declared = int(request.META.get("CONTENT_LENGTH") or 0)
    if declared > limit:
        return _too_big(request, declared)
    handler = LimitedUploadHandler(request, limit=limit)
    request.upload_handlers.insert(0, handler)
    return _import_post(request, handler)


@csrf_protect
def _import_post(request: HttpRequest, handler: LimitedUploadHandler) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if handler.exceeded:
        return _too_big(request, handler.received)
    if not form.is_valid():
        return _page(request, form, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > settings.STAFF_IMPORT_MAX_BYTES:
        return _too_big(request, upload.size)
    report = staff_import(
        actor=request.actor,
        source=upload.file,
        filename=upload.name,
        size=upload.size,
        dry_run=form.cleaned_data["dry_run"],
    )
    return _page(request, ImportForm(), report=report, filename=upload.name)


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The xlsx template, listing the units the actor may import into."""
    _require_import(request)
    return xlsx_response(template_bytes(actor=request.actor), "mau-danh-sach-can-bo.xlsx")
