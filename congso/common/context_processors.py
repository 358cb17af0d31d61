"""Template context shared by every staff page."""

from __future__ import annotations

from django.apps import apps
from django.urls import reverse

from congso.common.inbox import unread_count
from congso.common.nav import entry_allowed

INBOX_URL_NAME = "common:my_tasks"


def layout(request):
    """Navigation entries the current actor may use.

    Each app declares `nav_entries = [(check, url name, label), ...]` on its AppConfig, so
    adding a page to the menu never touches a shared file. `check` is the view's own guard
    (a capability, or a `common.nav.Guard` naming the function the view calls): an entry is
    shown only when its page opens.
    """
    actor = getattr(request, "actor", None)
    nav = []
    pending = getattr(request, "second_factor_pending", False)
    if actor is not None and actor.is_authenticated and not pending:
        for config in apps.get_app_configs():
            for check, url_name, label in getattr(config, "nav_entries", ()):
                if entry_allowed(actor, check):
                    url = reverse(url_name)
                    item = {"url": url, "label": label, "active": False, "badge": 0}
                    if url_name == INBOX_URL_NAME:  # unread notices next to 'Việc của tôi'
                        item["badge"] = unread_count(actor)
                    nav.append(item)
    # Highlight only the most specific entry: /to-chuc/can-bo/ is "Cán bộ", not also "Tổ chức".
    matches = [item for item in nav if request.path.startswith(item["url"])]
    if matches:
        max(matches, key=lambda item: len(item["url"]))["active"] = True
    return {"nav_items": nav, "actor": actor}
