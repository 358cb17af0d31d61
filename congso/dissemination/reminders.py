"""Reminders that escalate: the recipient on the start day, before the deadline and when
overdue; after N working days overdue the unit head, after 2N the head of the unit above.

Run daily by `congso dissemination send-reminders` (cron) or the db_worker task
`send_reminders_task`. Each notice has a unique key, so a rerun the same day (or a missed day
caught up) sends nothing twice. Notices are rows shown on "Việc của tôi" and mails through
Django's mail (SMTP from the environment; files under var/mail in development and the demo).
The query count does not grow with the number of recipients: per campaign, one query for the
late recipients' accounts and one bulk insert. This module is the one writer of `Notice`
(sending, and marking read by its addressee).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.accounts.models import RoleGrant
from congso.common.audit import Change, audit_record_many
from congso.common.calendar import load_calendar
from congso.common.permissions import Role
from congso.common.workdays import working_days_between
from congso.dissemination.models import Campaign, Notice, Receipt
from congso.dissemination.rollup import rebuild
from congso.dissemination.rules import ReminderStep, parse_categories, reminder_step
from congso.org.models import OrgUnit, Person

LOOK_BACK_DAYS = 120  # campaigns whose deadline passed longer ago are no longer chased


def _texts(campaign: Campaign, step: int) -> str:
    due = campaign.due_on.strftime("%d/%m/%Y")
    number = campaign.document.number
    if step == ReminderStep.START:
        return _("Văn bản %(n)s cần đọc và xác nhận trước ngày %(due)s.") % {
            "n": number,
            "due": due,
        }
    if step == ReminderStep.BEFORE_DUE:
        return _("Sắp đến hạn (%(due)s) xác nhận đã đọc văn bản %(n)s.") % {"n": number, "due": due}
    return _("Đã quá hạn (%(due)s) xác nhận đã đọc văn bản %(n)s.") % {"n": number, "due": due}


def _late_people(campaign: Campaign) -> list[tuple[int, int, str]]:
    """(person id, unit id, unit path) of active recipients who have not acknowledged."""
    people = Person.unscoped.in_subtree(campaign.unit).filter(is_active=True)
    categories = parse_categories(campaign.categories)
    if categories:
        people = people.filter(category__in=sorted(categories))
    done = Receipt.unscoped.filter(
        campaign=campaign, version_id=campaign.version_id, acknowledged_at__isnull=False
    ).values("person_id")
    return list(people.exclude(pk__in=done).values_list("pk", "unit_id", "unit__path"))


def _heads_by_unit() -> dict[int, list[int]]:
    heads: dict[int, list[int]] = defaultdict(list)
    for unit_id, user_id in RoleGrant.objects.filter(
        role=Role.UNIT_HEAD, user__is_active=True
    ).values_list("unit_id", "user_id"):
        heads[unit_id].append(user_id)
    return heads


def _head_levels(path: str, heads: dict[int, list[int]]) -> tuple[list[int], list[int], int | None]:
    """Heads of the nearest unit (itself or up) that has one, heads of the next one above,
    and the unit the first escalation is about."""
    ids = [int(p) for p in path.strip("/").split("/") if p][::-1]
    found = [(uid, heads[uid]) for uid in ids if heads.get(uid)]
    first = found[0] if found else (None, [])
    second = found[1] if len(found) > 1 else (None, [])
    return first[1], second[1], first[0]


def send_reminders(*, today: date | None = None) -> dict[str, int]:
    """Create today's notices and mail them; returns how many of each kind were sent."""
    day = today or timezone.localdate()
    campaigns = list(
        Campaign.unscoped.filter(start_on__lte=day, due_on__gte=day - timedelta(LOOK_BACK_DAYS))
        .select_related("unit", "document")
        .order_by("id")
    )
    sent = {"staff": 0, "head": 0, "parent_head": 0}
    if not campaigns:
        return sent
    # Absorb yesterday's transfers and departures into the completion rollup.
    rebuild(campaign_ids=[c.pk for c in campaigns])
    low = min(c.start_on for c in campaigns)
    high = max([c.due_on for c in campaigns] + [day])
    calendar = load_calendar(low, high)
    heads = _heads_by_unit()
    existing = set(
        Notice.objects.filter(campaign_id__in=[c.pk for c in campaigns]).values_list(
            "key", flat=True
        )
    )
    User = get_user_model()
    notices: list[Notice] = []
    changes: list[Change] = []
    for campaign in campaigns:
        step = reminder_step(
            days_to_due=working_days_between(day, campaign.due_on, calendar),
            days_since_start=working_days_between(campaign.start_on, day, calendar),
            escalate_after=campaign.escalate_after,
        )
        if not step:
            continue
        late = _late_people(campaign)
        if not late:
            continue
        prefix = f"{campaign.pk}:{campaign.version_id}"
        # The recipient's own reminder (one per rung of the person ladder).
        person_step = min(step, ReminderStep.OVERDUE)
        users = dict(
            User.objects.filter(
                person_id__in=[p for p, _u, _path in late], is_active=True
            ).values_list("person_id", "pk")
        )
        text = _texts(campaign, person_step)
        for person_id, _unit, _path in late:
            user_id = users.get(person_id)
            key = f"{prefix}:{person_step}:{user_id}:p"
            if user_id and key not in existing:
                notices.append(
                    Notice(
                        campaign=campaign,
                        version_id=campaign.version_id,
                        step=person_step,
                        user_id=user_id,
                        key=key,
                        text=text,
                    )
                )
                existing.add(key)
                sent["staff"] += 1
        # Escalations: count late people per unit head, then per head of the unit above.
        if step >= ReminderStep.HEAD:
            tally: dict[tuple[int, int, int], int] = defaultdict(int)
            for _person, _unit, path in late:
                first, second, about = _head_levels(path, heads)
                for uid in first:
                    tally[(ReminderStep.HEAD, uid, about)] += 1
                if step >= ReminderStep.PARENT_HEAD:
                    for uid in second:
                        tally[(ReminderStep.PARENT_HEAD, uid, about)] += 1
            names = dict(
                OrgUnit.unscoped.filter(pk__in={k[2] for k in tally}).values_list("pk", "name")
            )
            for (rung, user_id, about), count in sorted(tally.items()):
                key = f"{prefix}:{rung}:{user_id}:u{about}"
                if key in existing:
                    continue
                text = _(
                    "%(count)s cán bộ của %(unit)s chưa xác nhận đã đọc văn bản %(n)s "
                    "(hạn %(due)s); đề nghị đôn đốc."
                ) % {
                    "count": count,
                    "unit": names.get(about, ""),
                    "n": campaign.document.number,
                    "due": campaign.due_on.strftime("%d/%m/%Y"),
                }
                notices.append(
                    Notice(
                        campaign=campaign,
                        version_id=campaign.version_id,
                        step=rung,
                        user_id=user_id,
                        about_unit_id=about,
                        key=key,
                        text=text[:400],
                    )
                )
                existing.add(key)
                sent["head" if rung == ReminderStep.HEAD else "parent_head"] += 1
        changes.append(
            Change(
                action="dissemination.reminders",
                object_type="dissemination.campaign",
                object_id=str(campaign.pk),
                unit_id=campaign.unit_id,
                old={},
                new={"step": step, "late": len(late), "day": day},
            )
        )
    with transaction.atomic():
        Notice.objects.bulk_create(notices, batch_size=2000, ignore_conflicts=True)
        audit_record_many(actor=None, changes=changes)
    _mail(notices)
    return sent


def _mail(notices: list[Notice]) -> int:
    """One mail per notice to users with an address (one connection for all)."""
    if not notices:
        return 0
    User = get_user_model()
    addresses = dict(
        User.objects.filter(pk__in={n.user_id for n in notices})
        .exclude(email="")
        .values_list("pk", "email")
    )
    subject = _("[Công Sở] Nhắc việc quán triệt văn bản")
    messages = [
        EmailMessage(subject, n.text, settings.DEFAULT_FROM_EMAIL, [addresses[n.user_id]])
        for n in notices
        if n.user_id in addresses
    ]
    if not messages:
        return 0
    with get_connection(fail_silently=True) as connection:
        return connection.send_messages(messages) or 0


def head_notices(*, actor, days: int = 30):
    """The actor's unread escalations of the last `days` days (for 'Việc của tôi'; marking
    one read takes it off the list)."""
    if actor is None or actor.user_id is None:
        return []
    since = timezone.now() - timedelta(days=days)
    return list(
        Notice.objects.filter(
            user_id=actor.user_id,
            step__gte=ReminderStep.HEAD,
            created_at__gte=since,
            read_at__isnull=True,
        )
        .select_related("campaign")
        .order_by("-created_at")[:20]
    )


def notice_mark_read(*, actor, pk) -> Notice:
    """Mark one of the actor's own notices read (404 for anyone else's, or no such notice).
    Marking it again keeps the first time."""
    if actor is None or actor.user_id is None:
        raise Http404
    try:
        notice = Notice.objects.get(pk=int(pk), user_id=actor.user_id)
    except (Notice.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notices_mark_all_read(*, actor) -> int:
    """Mark every unread notice of the actor read; returns how many."""
    if actor is None or actor.user_id is None:
        return 0
    return Notice.objects.filter(user_id=actor.user_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )


__all__ = ["head_notices", "notice_mark_read", "notices_mark_all_read", "send_reminders"]
