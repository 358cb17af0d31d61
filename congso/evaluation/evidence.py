"""The evidence this app shows beside each sheet, as `evaluation_evidence` providers
(common/evidence.py): confirmed violations with their clause, the smoothed satisfaction index
from citizens' ratings with its sample size, attestation of the code of conduct. Each runs a
fixed number of queries and reads through the actor's scope."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congso.cases.choices import CaseKind
from congso.cases.models import Case
from congso.cases.rules import FINDING_STATES
from congso.common.evidence import EvidenceItem
from congso.common.permissions import Cap
from congso.conduct.models import Attestation
from congso.surveys.selectors import officer_indices


def violations(actor, person_ids, start: date, end: date) -> dict[int, list[EvidenceItem]]:
    rows = (
        Case.objects.for_actor(actor, Cap.CASES_VIEW)
        .filter(
            person_id__in=list(person_ids),
            kind=CaseKind.MISCONDUCT,
            state__in=list(FINDING_STATES),
            reversed=False,
            confirmed_on__isnull=False,
        )
        .filter(
            Q(occurred_on__gte=start, occurred_on__lt=end)
            | Q(occurred_on__isnull=True, confirmed_on__gte=start, confirmed_on__lt=end)
        )
        .select_related("clause", "category")
        .order_by("occurred_on", "id")
    )
    found: dict[int, list[EvidenceItem]] = defaultdict(list)
    for case in rows:
        clause = str(case.clause) if case.clause else _("chưa gắn điều khoản")
        day = (case.occurred_on or case.confirmed_on).strftime("%d/%m/%Y")
        category = case.category.name if case.category else ""
        found[case.person_id].append(
            EvidenceItem(
                label=_("Vi phạm đã kết luận"),
                value=f"{case.code} ({day}): {category} — {clause}",
                url=reverse("cases:case", args=[case.pk])
                if actor.can(Cap.CASES_VIEW, case.unit_id)
                else None,
            )
        )
    return found


def satisfaction(actor, person_ids, start: date, end: date) -> dict[int, list[EvidenceItem]]:
    found: dict[int, list[EvidenceItem]] = {}
    for pid, index in officer_indices(
        actor=actor, person_ids=person_ids, start=start, end=end
    ).items():
        if index.published and index.smoothed is not None:
            value = _("%(share)s %% hài lòng (làm mịn), %(n)s lượt đánh giá") % {
                "share": f"{index.smoothed * 100:.1f}".replace(".", ","),
                "n": index.n,
            }
        else:
            value = _("Chưa đủ mẫu: %(n)s lượt đánh giá") % {"n": index.n}
        found[pid] = [EvidenceItem(label=_("Mức độ hài lòng của người dân"), value=value)]
    return found


def attestation(actor, person_ids, start: date, end: date) -> dict[int, list[EvidenceItem]]:
    limit = timezone.make_aware(datetime.combine(end, time.min), timezone.get_current_timezone())
    latest: dict[int, datetime] = {}
    for pid, at in (
        (
            Attestation.objects.for_actor(actor, Cap.CONDUCT_REPORT)
            | Attestation.objects.for_actor(actor, Cap.CONDUCT_ATTEST)
        )
        .filter(person_id__in=list(person_ids), at__lt=limit)
        .values_list("person_id", "at")
    ):
        if pid not in latest or at > latest[pid]:
            latest[pid] = at
    ids = list(person_ids)
    return {
        pid: [
            EvidenceItem(
                label=_("Xác nhận đã đọc quy chế văn hóa công sở"),
                value=timezone.localtime(latest[pid]).strftime("%d/%m/%Y")
                if pid in latest
                else _("Chưa xác nhận"),
            )
        ]
        for pid in ids
    }
