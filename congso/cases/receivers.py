"""Notices to unit heads about identity-custodian requests (accounts.signals).

The heads told are those whose unit-head role reaches the unit (the unit itself or a unit
above it): the reporter-protection role of their unit is changing."""

from __future__ import annotations

from django.dispatch import receiver
from django.utils.translation import gettext as _

from congso.accounts.signals import custodian_grant_event


@receiver(custodian_grant_event, dispatch_uid="cases.custodian_grant_notice")
def custodian_grant_notice(sender, *, grant, event: str, **kwargs) -> None:
    from congso.accounts.models import RoleGrant
    from congso.cases.models import Notification
    from congso.common.permissions import Role

    unit = grant.unit
    heads = sorted(
        {
            user_id
            for path, user_id in RoleGrant.objects.filter(
                role=Role.UNIT_HEAD, user__is_active=True
            ).values_list("unit__path", "user_id")
            if unit.path.startswith(path)
        }
    )
    texts = {
        "requested": _(
            "Có đề nghị giao %(user)s làm người giữ bí mật danh tính của %(unit)s; chờ người "
            "thứ hai xác nhận."
        ),
        "confirmed": _("%(user)s đã được xác nhận là người giữ bí mật danh tính của %(unit)s."),
        "refused": _(
            "Đề nghị giao %(user)s làm người giữ bí mật danh tính của %(unit)s bị từ chối."
        ),
    }
    text = (texts[event] % {"user": grant.user.username, "unit": unit.name})[:300]
    Notification.objects.bulk_create(
        [Notification(user_id=user_id, level=1, text=text) for user_id in heads]
    )
