"""Who a system job notifies: the holders of a role on given units. A system read (no actor:
the daily reminder jobs run as the system), so it is not a selector."""

from __future__ import annotations

from congso.accounts.models import RoleGrant


def grant_users(*, unit_ids, roles) -> list[tuple[int, int]]:
    """(unit id, user id) of active users holding one of `roles` granted on exactly these
    units (one query)."""
    return list(
        RoleGrant.objects.filter(
            unit_id__in=sorted(set(unit_ids)), role__in=list(roles), user__is_active=True
        ).values_list("unit_id", "user_id")
    )
