"""Decoupled hooks other apps listen to (style.md: signals only for decoupled hooks).

`people_changed` is sent by org.services inside the writing transaction, after the people
rows are saved, whenever a person's unit, category or active flag changes (a transfer, a
category change, leaving or returning to service, the staff import). It carries `changes`, a
list of `PersonChange`. Dissemination moves its completion counts with them, in the same
transaction, so the counts per unit stay right when people join and leave units.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal

people_changed = Signal()


@dataclass(frozen=True)
class Placement:
    """What decides whether a person is counted somewhere: unit, category, in service."""

    unit_id: int
    category: str
    is_active: bool


@dataclass(frozen=True)
class PersonChange:
    person_id: int
    old: Placement
    new: Placement


def send_people_changed(changes: list[PersonChange]) -> None:
    changed = [c for c in changes if c.old != c.new]
    if changed:
        people_changed.send(sender=PersonChange, changes=changed)
