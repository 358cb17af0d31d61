"""'Việc của tôi': everything waiting for the signed-in person, gathered from every app.

Each app lists `my_tasks = ["dotted.path.to.provider", ...]` on its AppConfig, as it lists
`nav_entries` and `person_panels`, so a new capability adds its own items without touching a
shared file. A provider is called as `provider(actor)` and returns an iterable of `TaskItem` for
the actor's own person (never someone else's work); it must run a fixed number of queries,
whatever the number of items. `collect` merges and sorts them: overdue first, then by due date,
items without a due date last.

Notices (reminders, escalations) come the same way: `my_notices = ["dotted.path"]` names a
function `provider(actor) -> NoticeFeed` (the actor's own recent notices, read or not, and where
to mark them all read) and `unread_notices = ["dotted.path"]` a function `count(actor) -> int`
(one query); the page lists the feeds and the menu shows the sum of the counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class TaskItem:
    """One thing waiting for the person: what kind of work, what, where to do it, by when."""

    kind: str  # translated label of the kind of work, e.g. "Xác nhận đã đọc văn bản"
    title: str  # translated, names the document, sheet or session
    url: str
    due: date | None = None

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


Provider = Callable[[object], Iterable[TaskItem]]


def providers() -> list[Provider]:
    """Every provider declared by an installed app, in app order."""
    found: list[Provider] = []
    for config in apps.get_app_configs():
        for path in getattr(config, "my_tasks", ()):
            found.append(import_string(path))
    return found


def collect(actor, *, today: date | None = None) -> list[TaskItem]:
    """All items for the actor's person, overdue first, then by due date (undated last)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    items = [item for provider in providers() for item in provider(actor)]
    return sorted(
        items,
        key=lambda item: (
            not item.overdue(today),
            item.due is None,
            item.due or today,
            item.title,
        ),
    )


@dataclass(frozen=True)
class NoticeItem:
    """One notice to the person: its text, when, where it leads, whether it was read and
    where to POST to mark it read."""

    text: str
    created_at: datetime
    url: str
    read: bool
    read_url: str


@dataclass(frozen=True)
class NoticeFeed:
    """One app's recent notices for the person, and where to POST to mark them all read."""

    items: list[NoticeItem]
    read_all_url: str

    @property
    def unread(self) -> int:
        return sum(1 for item in self.items if not item.read)


def _declared(attribute: str) -> list[Callable]:
    return [
        import_string(path)
        for config in apps.get_app_configs()
        for path in getattr(config, attribute, ())
    ]


def notice_feeds(actor) -> list[NoticeFeed]:
    """Every app's notice feed for the actor (empty feeds left out)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return []
    feeds = [provider(actor) for provider in _declared("my_notices")]
    return [feed for feed in feeds if feed.items]


def unread_count(actor) -> int:
    """Unread notices of the actor across the apps (for the menu): one query per app."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return 0
    return sum(count(actor) for count in _declared("unread_notices"))


def has_inbox(actor) -> bool:
    """'Việc của tôi' is in the menu of people with work of their own (a person record); an
    organisation's account (the social monitor) has its own home instead."""
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "person_id", None))
