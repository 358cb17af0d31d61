"""Staff API of dissemination, under /api/v1/dissemination/, scoped like the pages.

Managers read documents and completion; a staff member lists what they must read and
acknowledges for themself (the person is always the caller's own record)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Router, Schema
from ninja.errors import HttpError

from congso.common.api import ErrorOut
from congso.common.permissions import Cap
from congso.dissemination import selectors, services

router = Router()


class DocumentOut(Schema):
    id: int
    unit_id: int
    number: str
    issued_on: date
    issuer: str
    title: str
    summary: str
    key_points: list[str]
    version: int | None


class UnitCompletionOut(Schema):
    unit_id: int
    name: str
    recipients: int
    acknowledged: int
    on_time: int
    percent: int


class CompletionOut(Schema):
    campaign_id: int
    unit_id: int
    recipients: int
    acknowledged: int
    percent: int
    units: list[UnitCompletionOut]


class MyCampaignOut(Schema):
    id: int
    title: str
    document_number: str
    due_on: date
    opened: bool
    acknowledged_at: datetime | None


class AcknowledgeIn(Schema):
    answers: list[int] = []


@router.get(
    "/documents/{document_id}",
    url_name="dissemination_document",
    response=DocumentOut,
    summary="Một văn bản",
)
def document_detail(request, document_id: int):
    d = selectors.document_get(actor=request.auth, pk=document_id)
    return {
        "id": d.pk,
        "unit_id": d.unit_id,
        "number": d.number,
        "issued_on": d.issued_on,
        "issuer": d.issuer,
        "title": d.title,
        "summary": d.summary,
        "key_points": d.key_point_list(),
        "version": d.current_version.number if d.current_version else None,
    }


@router.get(
    "/campaigns/{campaign_id}/completion",
    url_name="dissemination_completion",
    response=CompletionOut,
    summary="Tiến độ quán triệt của một đợt, theo đơn vị",
)
def completion(request, campaign_id: int, unit_id: int | None = None):
    actor = request.auth
    campaign = selectors.campaign_get(
        actor=actor, pk=campaign_id, capability=Cap.DISSEMINATION_REPORT
    )
    unit = (
        selectors.report_unit_get(actor=actor, pk=unit_id)
        if unit_id
        else selectors.report_unit_get(actor=actor, pk=campaign.unit_id)
        if actor.can(Cap.DISSEMINATION_REPORT, campaign.unit_id)
        else selectors.report_root(actor=actor)
    )
    if unit is None:
        raise Http404
    rows = selectors.campaign_completion(actor=actor, campaign=campaign, unit=unit)
    total = sum(r.recipients for r in rows)
    done = sum(r.acknowledged for r in rows)
    return {
        "campaign_id": campaign.pk,
        "unit_id": unit.pk,
        "recipients": total,
        "acknowledged": done,
        "percent": selectors.percent(done, total),
        "units": [
            {
                "unit_id": r.unit_id,
                "name": r.name,
                "recipients": r.recipients,
                "acknowledged": r.acknowledged,
                "on_time": r.on_time,
                "percent": r.percent,
            }
            for r in rows
        ],
    }


def _mine(item) -> dict:
    c = item.campaign
    return {
        "id": c.pk,
        "title": c.title,
        "document_number": c.document.number,
        "due_on": c.due_on,
        "opened": item.opened,
        "acknowledged_at": item.receipt.acknowledged_at if item.receipt else None,
    }


@router.get("/my/campaigns", response=list[MyCampaignOut], summary="Văn bản tôi cần đọc")
def my_campaigns(request):
    return [_mine(item) for item in selectors.my_campaigns(actor=request.auth)]


@router.post(
    "/my/campaigns/{campaign_id}/acknowledge",
    url_name="dissemination_acknowledge",
    response={200: MyCampaignOut, 400: ErrorOut},
    summary="Xác nhận đã đọc (cho chính mình; phải mở văn bản trước)",
)
def acknowledge(request, campaign_id: int, payload: AcknowledgeIn):
    mine = selectors.my_campaign_get(actor=request.auth, pk=campaign_id)
    try:
        services.acknowledge(actor=request.auth, campaign=mine.campaign, answers=payload.answers)
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from None
    return _mine(selectors.my_campaign_get(actor=request.auth, pk=campaign_id))


# Sessions and training (api_training.py) share the /dissemination/ prefix.
from congso.dissemination.api_training import router as training_router  # noqa: E402

router.add_router("", training_router)
