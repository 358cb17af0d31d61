"""Helpers shared by the org page modules."""

from __future__ import annotations

from django.http import HttpRequest


def partial_request(request: HttpRequest) -> bool:
    """An htmx request for a fragment (a history restore needs the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request
