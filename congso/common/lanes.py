"""Two middleware lanes: the staff lane and the citizen survey lane.

`settings.MIDDLEWARE` holds what every response needs (security headers, static files, the
language, host checks, X-Frame-Options, and the site-wide security headers others add there)
and ends with `StaffLane`, which runs `settings.STAFF_MIDDLEWARE` (sessions, CSRF,
authentication, second factor, messages, htmx, the actor, lock-out) around the view, except on
the citizen survey paths (`CITIZEN_LANE_PREFIXES`): the page behind a QR code, its thank-you
page and the public survey API. Those are anonymous, never read a session, a user or a message,
and are served under load by every counter of the province (docs/surveys.md, "The citizen
lane"). Anything added to MIDDLEWARE applies to both lanes; anything added to STAFF_MIDDLEWARE
to the staff lane only.

The staff middleware keep Django's semantics inside the lane: each is built around the next as
Django builds them (an exception in one becomes a response, `MiddlewareNotUsed` drops it), and
their `process_view`, `process_template_response` and `process_exception` hooks run in Django's
order, after those of MIDDLEWARE.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core import checks
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string

# The citizen survey paths: no session, no user, no CSRF cookie (docs/surveys.md).
CITIZEN_LANE_PREFIXES = ("/cong-dan/danh-gia/", "/api/v1/public/surveys/")


def is_citizen_path(path: str) -> bool:
    return path.startswith(CITIZEN_LANE_PREFIXES)


class StaffLane:
    """The last entry of MIDDLEWARE: runs STAFF_MIDDLEWARE except on the citizen paths."""

    sync_capable = True
    async_capable = False

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.direct = get_response
        self.view_hooks: list[Callable] = []
        self.template_hooks: list[Callable] = []
        self.exception_hooks: list[Callable] = []
        handler = get_response
        for path in reversed(settings.STAFF_MIDDLEWARE):
            factory = import_string(path)
            try:
                instance = factory(handler)
            except MiddlewareNotUsed:
                continue
            if hasattr(instance, "process_view"):
                self.view_hooks.insert(0, instance.process_view)
            if hasattr(instance, "process_template_response"):
                self.template_hooks.append(instance.process_template_response)
            if hasattr(instance, "process_exception"):
                self.exception_hooks.append(instance.process_exception)
            handler = convert_exception_to_response(instance)
        self.staff = handler

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_citizen_path(request.path_info):
            request.citizen_lane = True
            return self.direct(request)
        return self.staff(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(request, "citizen_lane", False):
            return None
        for hook in self.view_hooks:
            response = hook(request, view_func, view_args, view_kwargs)
            if response is not None:
                return response
        return None

    def process_template_response(self, request, response):
        if getattr(request, "citizen_lane", False):
            return response
        for hook in self.template_hooks:
            response = hook(request, response)
        return response

    def process_exception(self, request, exception):
        if getattr(request, "citizen_lane", False):
            return None
        for hook in self.exception_hooks:
            response = hook(request, exception)
            if response is not None:
                return response
        return None


# Django's and axes' own checks look for these in MIDDLEWARE only (security.W003, axes.W002 are
# silenced in settings); this check looks where they run.
REQUIRED_STAFF_MIDDLEWARE = (
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "axes.middleware.AxesMiddleware",
)


@checks.register(checks.Tags.security)
def staff_lane_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The staff lane is in MIDDLEWARE (last) and runs sessions, CSRF, auth and lock-out."""
    errors = []
    if list(settings.MIDDLEWARE)[-1:] != ["congso.common.lanes.StaffLane"]:
        errors.append(
            checks.Error(
                "congso.common.lanes.StaffLane must be the last entry of MIDDLEWARE.",
                id="congso.E001",
            )
        )
    staff = list(getattr(settings, "STAFF_MIDDLEWARE", []))
    for path in REQUIRED_STAFF_MIDDLEWARE:
        if path not in staff and path not in settings.MIDDLEWARE:
            errors.append(
                checks.Error(f"{path} is missing from STAFF_MIDDLEWARE.", id="congso.E002")
            )
    return errors
