"""Menu entries: shown only when the page they lead to opens for the actor.

An app's `nav_entries` item is `(check, url name, label)`. `check` is a capability name (the
view's guard is `actor.has(capability)`) or a `Guard`: the dotted path of the very function
the view calls to decide whether it answers or 404s, so the menu and the page cannot disagree
(a menu entry that leads to 404 was issue 8 item 3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Guard:
    """`path` names a function `(actor) -> bool`, imported when first asked (AppConfig classes
    are read before models are ready)."""

    path: str

    def __call__(self, actor: Any) -> bool:
        return bool(import_string(self.path)(actor))


def entry_allowed(actor: Any, check: str | Guard) -> bool:
    if isinstance(check, Guard):
        return check(actor)
    return actor.has(check)
