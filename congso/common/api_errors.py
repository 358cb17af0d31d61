"""Error answers of the API for what Django would answer with an HTML page, and for anything
unexpected: JSON with a Vietnamese `detail`, the same with DEBUG on (the demo) as in
production, never a traceback (django-ninja's default handler returns one as text when DEBUG
is on). Installed on the one API by config/api.py (docs/operations.md §Errors)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
)
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

logger = logging.getLogger("congso.api")


def install_error_handlers(api) -> None:
    def permission_denied(request, exc: PermissionDenied):
        detail = str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
        return api.create_response(request, {"detail": detail}, status=403)

    def body_too_big(request, exc: RequestDataTooBig):
        size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
        detail = _("Dữ liệu gửi lên quá lớn (tối đa %(size)s MB).") % {"size": size}
        return api.create_response(request, {"detail": detail}, status=413)

    def bad_request(request, exc: Exception):
        detail = _("Yêu cầu không hợp lệ (dữ liệu gửi lên sai định dạng).")
        return api.create_response(request, {"detail": detail}, status=400)

    def unexpected_error(request, exc: Exception):
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        detail = _("Lỗi hệ thống. Vui lòng thử lại sau; nếu còn lỗi, báo quản trị viên.")
        return api.create_response(request, {"detail": detail}, status=500)

    api.add_exception_handler(PermissionDenied, permission_denied)
    api.add_exception_handler(RequestDataTooBig, body_too_big)
    for error in (TooManyFieldsSent, MultiPartParserError, SuspiciousOperation, BadRequest):
        api.add_exception_handler(error, bad_request)
    api.add_exception_handler(Exception, unexpected_error)
