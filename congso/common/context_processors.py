"""Template context shared by every staff page."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse


def layout(request):
    """Navigation entries the current actor may use.

    Each app declares `nav_entries = [(capability, url name, label), ...]` on its AppConfig,
    so adding a page to the menu never touches a shared file. A capability of None shows the
    entry to every signed-in staff member (one with a person record: "Việc của tôi" is about
    their own work; a social monitor's menu lists only what it can act on).
    """
    actor = getattr(request, "actor", None)
    nav = []
    pending = getattr(request, "second_factor_pending", False)
    if actor is not None and actor.is_authenticated and not pending:
        for config in apps.get_app_configs():
            for capability, url_name, label in getattr(config, "nav_entries", ()):
                if (capability is None and actor.person_id) or (
                    capability is not None and actor.has(capability)
                ):
                    url = reverse(url_name)
                    nav.append({"url": url, "label": label, "active": False})
    # Highlight only the most specific entry: /to-chuc/can-bo/ is "Cán bộ", not also "Tổ chức".
    matches = [item for item in nav if request.path.startswith(item["url"])]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return {"nav_items": nav, "actor": actor}
