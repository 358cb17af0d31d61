"""Pure planning of an import: valid rows + what the database holds → what to write.

Matching is by staff code. A known person is updated field by field (only what changed), and
transferred when the row names another unit: the open assignment is closed on the row's start
date (or the import day) and a new one opens that day, as `org.services.person_transfer` does.
When that day is the very day the open assignment started, the row corrects the unit of that
assignment instead (an empty assignment [d, d) would record nothing true).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from congso.org.imports.columns import COLUMN_BY_KEY
from congso.org.imports.rules import RowError, StaffRow

# Person fields an import may change (the unit is a transfer, not an update).
COMPARED_FIELDS = (
    "full_name",
    "sex",
    "birth_year",
    "category",
    "is_party_member",
    "position",
    "is_leader",
    "serves_citizens",
    "is_active",
)


@dataclass(frozen=True)
class ExistingPerson:
    """What the database holds about a person whose staff code is in the file."""

    id: int
    unit_id: int
    values: Mapping[str, Any]
    open_start: date | None = None


@dataclass(frozen=True)
class Update:
    row: StaffRow
    person: ExistingPerson
    old: dict[str, Any]
    new: dict[str, Any]
    transfer_on: date | None = None  # set when the unit changes
    # The transfer day is the day the open assignment started: the unit of that assignment was
    # wrong (a mistaken earlier import), so it is corrected in place instead of closed.
    correction: bool = False


@dataclass
class Plan:
    creates: list[StaffRow] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def transferred(self) -> int:
        return sum(1 for update in self.updates if update.transfer_on is not None)


def plan_import(
    *,
    rows: Iterable[StaffRow],
    existing: Mapping[str, ExistingPerson],
    can_import: Callable[[int], bool],
    today: date,
) -> Plan:
    """Sort rows into creations, updates (with transfers) and unchanged ones.

    A person who works in a unit outside the actor's reach is an error, never written: the
    actor may not move or edit people of another agency by naming them in a file. The message
    says only that the code cannot be used here: not whose it is, nor where (decision in
    docs/staff-import.md; staff codes are unique in the province, so a code already issued
    can never be created again, which is all the answer tells).
    """
    plan = Plan()
    for row in rows:
        person = existing.get(row.staff_code)
        if person is None:
            plan.creates.append(row)
            continue
        if not can_import(person.unit_id):
            plan.errors.append(
                RowError(
                    row.row,
                    COLUMN_BY_KEY["staff_code"].header,
                    _(
                        "Không dùng được mã cán bộ %(code)s trong tệp này. Hãy kiểm tra lại mã; "
                        "nếu người này chuyển đến từ đơn vị khác, đơn vị đó làm thủ tục điều "
                        "chuyển."
                    )
                    % {"code": row.staff_code},
                )
            )
            continue
        new_values = row.person_fields()
        changed = [name for name in COMPARED_FIELDS if new_values[name] != person.values[name]]
        transfer_on = None
        if row.unit_id != person.unit_id:
            transfer_on = row.start_date or today
            if person.open_start is not None and transfer_on < person.open_start:
                plan.errors.append(
                    RowError(
                        row.row,
                        COLUMN_BY_KEY["start_date"].header,
                        _(
                            "Người này chuyển đơn vị: ngày bắt đầu ở đơn vị mới (%(on)s) không "
                            "được trước ngày bắt đầu ở đơn vị hiện tại (%(since)s)."
                        )
                        % {
                            "on": transfer_on.strftime("%d/%m/%Y"),
                            "since": person.open_start.strftime("%d/%m/%Y"),
                        },
                    )
                )
                continue
        if not changed and transfer_on is None:
            plan.unchanged += 1
            continue
        plan.updates.append(
            Update(
                row=row,
                person=person,
                old={name: person.values[name] for name in changed},
                new={name: new_values[name] for name in changed},
                transfer_on=transfer_on,
                correction=transfer_on is not None and transfer_on == person.open_start,
            )
        )
    return plan
