"""The one django-ninja API at /api/v1/. Each app contributes a router from its `api.py`."""

import logging

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
)
from django.http import Http404
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from congso.accounts.api_auth import SessionOrTokenAuth

logger = logging.getLogger("congso.api")

api = NinjaAPI(
    title="Công Sở API",
    version="1",
    description="API của hệ thống Công Sở: phong trào thi đua thực hiện văn hóa công sở.",
    urls_namespace="api",
)


def _location(error: dict) -> str:
    parts = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path", "form")]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    """Input that does not fit an operation's schema: 422 with a Vietnamese message naming the
    fields (the machine-readable list stays under "errors")."""
    fields = sorted({_location(error) for error in exc.errors if _location(error)})
    detail = _("Dữ liệu gửi lên không hợp lệ.")
    if fields:
        detail = _("Dữ liệu gửi lên không hợp lệ ở: %(fields)s.") % {"fields": ", ".join(fields)}
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


@api.exception_handler(AuthenticationError)
def authentication_error(request, exc: AuthenticationError):
    return api.create_response(
        request, {"detail": _("Cần đăng nhập hoặc khóa API hợp lệ.")}, status=401
    )


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)


# Errors Django would answer with an HTML page, and anything unexpected: the API answers JSON
# with a Vietnamese message, the same with DEBUG on (the demo) as in production, never a
# traceback (django-ninja's default handler returns one as text when DEBUG is on).


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    detail = str(exc) or _("Bạn không có quyền thực hiện thao tác này.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(RequestDataTooBig)
def body_too_big(request, exc: RequestDataTooBig):
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    detail = _("Dữ liệu gửi lên quá lớn (tối đa %(size)s MB).") % {"size": size}
    return api.create_response(request, {"detail": detail}, status=413)


@api.exception_handler(TooManyFieldsSent)
@api.exception_handler(MultiPartParserError)
@api.exception_handler(SuspiciousOperation)
@api.exception_handler(BadRequest)
def bad_request(request, exc: Exception):
    return api.create_response(
        request, {"detail": _("Yêu cầu không hợp lệ (dữ liệu gửi lên sai định dạng).")}, status=400
    )


@api.exception_handler(Exception)
def unexpected_error(request, exc: Exception):
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return api.create_response(
        request,
        {"detail": _("Lỗi hệ thống. Vui lòng thử lại sau; nếu còn lỗi, báo quản trị viên.")},
        status=500,
    )


from congso.accounts.api import router as accounts_router  # noqa: E402
from congso.cases.api import public_router as cases_public_router  # noqa: E402
from congso.cases.api import router as cases_router  # noqa: E402
from congso.conduct.api import router as conduct_router  # noqa: E402
from congso.inspections.api import router as inspections_router  # noqa: E402
from congso.org.api import router as org_router  # noqa: E402
from congso.portal.api import public_router as portal_public_router  # noqa: E402
from congso.surveys.api import public_router as surveys_public_router  # noqa: E402
from congso.surveys.api import router as surveys_router  # noqa: E402

staff_auth = SessionOrTokenAuth()
api.add_router("/public/", portal_public_router, tags=["public"])
api.add_router("/public/surveys/", surveys_public_router, tags=["public"])
api.add_router("/public/reports", cases_public_router, tags=["public"])
api.add_router("/accounts/", accounts_router, auth=staff_auth, tags=["accounts"])
api.add_router("/org/", org_router, auth=staff_auth, tags=["org"])
api.add_router("/conduct/", conduct_router, auth=staff_auth, tags=["conduct"])
api.add_router("/surveys/", surveys_router, auth=staff_auth, tags=["surveys"])
api.add_router("/cases/", cases_router, auth=staff_auth, tags=["cases"])
api.add_router("/inspections/", inspections_router, auth=staff_auth, tags=["inspections"])
