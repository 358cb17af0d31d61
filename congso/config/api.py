"""The one django-ninja API at /api/v1/. Each app contributes a router from its `api.py`."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from congso.accounts.api_auth import SessionOrTokenAuth
from congso.common.api import NOT_FOUND
from congso.common.api_errors import install_error_handlers

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
    """Missing and out of reach alike (common/api.py)."""
    return api.create_response(request, {"detail": str(NOT_FOUND)}, status=404)


install_error_handlers(api)


from congso.accounts.api import router as accounts_router  # noqa: E402
from congso.cases.api import public_router as cases_public_router  # noqa: E402
from congso.cases.api import router as cases_router  # noqa: E402
from congso.conduct.api import router as conduct_router  # noqa: E402
from congso.dissemination.api import router as dissemination_router  # noqa: E402
from congso.emulation.api import router as emulation_router  # noqa: E402
from congso.evaluation.api import router as evaluation_router  # noqa: E402
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
api.add_router("/dissemination/", dissemination_router, auth=staff_auth, tags=["dissemination"])
api.add_router("/surveys/", surveys_router, auth=staff_auth, tags=["surveys"])
api.add_router("/cases/", cases_router, auth=staff_auth, tags=["cases"])
api.add_router("/inspections/", inspections_router, auth=staff_auth, tags=["inspections"])
api.add_router("/evaluation/", evaluation_router, auth=staff_auth, tags=["evaluation"])
api.add_router("/emulation/", emulation_router, auth=staff_auth, tags=["emulation"])
