"""Burst checks over recent responses: flags for the supervising unit, never deletions.

Run by `congso surveys detect-anomalies` (every few minutes from cron or the task worker) and by
the demo loader. Each run reads the responses stored since the previous run, plus one window
before them so a burst that straddles two runs is still seen.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from congso.common.permissions import Cap
from congso.common.scoping import Actor, require
from congso.common.services import fields_update
from congso.org.models import OrgUnit
from congso.surveys import conf
from congso.surveys.models import (
    AnomalyCheckpoint,
    AnomalyFlag,
    AnomalyKind,
    AnomalyStatus,
    ResponseFlag,
    SurveyResponse,
)
from congso.surveys.rules import QUESTION_KEYS, Event, find_bursts
from congso.surveys.services.common import SurveyError


def anomalies_detect(*, full: bool = False) -> list[AnomalyFlag]:
    """Flag bursts among responses since the last run (all responses when `full`)."""
    window = timedelta(seconds=conf.get("CONGSO_SURVEY_BURST_WINDOW_SECONDS"))
    checkpoint, _ = AnomalyCheckpoint.objects.get_or_create(pk=1)
    start_id = 0 if full else checkpoint.last_response_id
    first_new = (
        SurveyResponse.unscoped.filter(id__gt=start_id)
        .order_by("id")
        .values_list("created_at", flat=True)
        .first()
    )
    if first_new is None:
        return []
    rows = (
        SurveyResponse.unscoped.filter(created_at__gte=first_new - window)
        .order_by("id")
        .values_list("id", "target_id", "created_at", "ip_key", *[f"a_{k}" for k in QUESTION_KEYS])
    )
    events = [
        Event(response_id=r[0], target_id=r[1], at=r[2], ip_key=r[3], answers=tuple(r[4:]))
        for r in rows.iterator(chunk_size=5000)
    ]
    if not events:
        return []
    bursts = find_bursts(
        events, key="identical", window=window, threshold=conf.get("CONGSO_SURVEY_BURST_IDENTICAL")
    ) + find_bursts(
        events, key="address", window=window, threshold=conf.get("CONGSO_SURVEY_BURST_ADDRESS")
    )
    targets = dict(
        SurveyResponse.unscoped.filter(id__in=[b.response_ids[0] for b in bursts]).values_list(
            "target_id", "agency_id"
        )
    )
    parents = dict(
        OrgUnit.unscoped.filter(id__in=set(targets.values())).values_list("id", "parent_id")
    )
    created: list[AnomalyFlag] = []
    with transaction.atomic():
        for burst in bursts:
            agency_id = targets[burst.target_id]
            overlapping = AnomalyFlag.unscoped.filter(
                target_id=burst.target_id,
                kind=burst.kind,
                window_start__lte=burst.end,
                window_end__gte=burst.start,
            ).first()
            if overlapping is not None:
                overlapping.window_start = min(overlapping.window_start, burst.start)
                overlapping.window_end = max(overlapping.window_end, burst.end)
                overlapping.count = max(overlapping.count, len(burst.response_ids))
                overlapping.save(update_fields=["window_start", "window_end", "count"])
            else:
                created.append(
                    AnomalyFlag.unscoped.create(
                        unit_id=parents.get(agency_id) or agency_id,
                        agency_id=agency_id,
                        target_id=burst.target_id,
                        kind=burst.kind,
                        window_start=burst.start,
                        window_end=burst.end,
                        count=len(burst.response_ids),
                    )
                )
            SurveyResponse.unscoped.filter(id__in=burst.response_ids).update(
                flags=F("flags").bitor(ResponseFlag.ANOMALY)
            )
        checkpoint.last_response_id = max(e.response_id for e in events)
        checkpoint.checked_at = timezone.now()
        checkpoint.save(update_fields=["last_response_id", "checked_at"])
    return created


def anomaly_review(*, actor: Actor | None, flag: AnomalyFlag, note: str) -> AnomalyFlag:
    """Mark a flag as reviewed with the reviewer's note; the responses stay as they are."""
    require(actor, Cap.SURVEYS_ANOMALIES, flag.unit_id)
    text = " ".join((note or "").split())[:500]
    if not text:
        raise SurveyError(422, "Vui lòng ghi kết quả xem xét.", field="note")
    with transaction.atomic():
        fields_update(
            actor=actor,
            obj=flag,
            action="surveys.anomaly_review",
            values={"status": AnomalyStatus.REVIEWED, "note": text},
        )
    return flag


__all__ = ["AnomalyKind", "anomalies_detect", "anomaly_review"]
