"""The one django-ninja API at /api/v1/. Each app contributes a router from its `api.py`."""

from ninja import NinjaAPI

from congso.accounts.api_auth import SessionOrTokenAuth

api = NinjaAPI(
    title="Công Sở API",
    version="1",
    description="API của hệ thống Công Sở: phong trào thi đua thực hiện văn hóa công sở.",
    urls_namespace="api",
)

from congso.accounts.api import router as accounts_router  # noqa: E402
from congso.cases.api import public_router as cases_public_router  # noqa: E402
from congso.cases.api import router as cases_router  # noqa: E402
from congso.conduct.api import router as conduct_router  # noqa: E402
from congso.inspections.api import router as inspections_router  # noqa: E402
from congso.portal.api import public_router as portal_public_router  # noqa: E402
from congso.org.api import router as org_router  # noqa: E402
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
