"""Helpers shared by the dissemination views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from congso.dissemination.rules import RuleError

MAX_UNIT_CHOICES = 800


def require_cap(request: HttpRequest, capability: str) -> None:
    """Pages of a capability the actor lacks answer 404, like rows out of reach."""
    if not request.actor.has(capability):
        raise Http404


def unit_choices(units) -> list[tuple[int, str]]:
    return [(u.pk, ("— " * max(0, u.depth - 1)) + u.name) for u in units[:MAX_UNIT_CHOICES]]


def read_upload(upload, reader) -> bytes | str:
    """Bytes of an upload through a size-limited reader, or the refusal message."""
    try:
        return reader(upload)
    except RuleError as exc:
        return str(exc)


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (field errors where it names the field)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
