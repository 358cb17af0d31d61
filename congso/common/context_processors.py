"""Template context shared by every staff page."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse


def layout(request):
    """Navigation entries the current actor may use.

    Each app declares `nav_entries = [(capability, url name, label), ...]` on its AppConfig,
    so adding a page to the menu never touches a shared file.
    """
    actor = getattr(request, "actor", None)
    nav = []
    pending = getattr(request, "second_factor_pending", False)
    if actor is not None and actor.is_authenticated and not pending:
        for config in apps.get_app_configs():
            for capability, url_name, label in getattr(config, "nav_entries", ()):
                if actor.has(capability):
                    url = reverse(url_name)
                    nav.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {"nav_items": nav, "actor": actor}
