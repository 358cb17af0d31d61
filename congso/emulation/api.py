"""Staff API of emulation (/api/v1/emulation/), scoped like the pages: a unit's eligibility
for a title with the reasons, a proposal with its file and tally, an award."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from congso.common.api import ErrorOut
from congso.common.permissions import Cap
from congso.emulation import selectors
from congso.emulation.models import AwardTitle

router = Router()


class ReasonOut(Schema):
    code: str
    text_vi: str
    basis: str
    blocks: bool


class EligibilityOut(Schema):
    title: str
    subject_name: str
    person_id: int | None
    unit_id: int
    eligible: bool
    reasons: list[ReasonOut]


class ProposalOut(Schema):
    id: int
    year: int
    title: str
    subject_name: str
    person_id: int | None
    unit_id: int
    state: str
    achievement: str
    reasons: list[ReasonOut]
    agree: int | None
    members: int | None


class AwardOut(Schema):
    id: int
    decision: str
    year: int
    title: str
    subject_name: str
    amount: int
    code: str
    revoked_on: str | None


@router.get(
    "/units/{unit_id}/eligibility",
    url_name="emulation_eligibility",
    response={200: list[EligibilityOut], 404: ErrorOut},
    summary="Ai đủ điều kiện danh hiệu nào, vì sao (theo đơn vị, năm)",
)
def eligibility(request: HttpRequest, unit_id: int, year: int, title: str = "ldtt"):
    actor = request.auth
    unit = selectors.unit_get(actor=actor, pk=unit_id, capability=Cap.EMULATION_PROPOSE)
    chosen = AwardTitle.objects.filter(code=title, active=True).first()
    if chosen is None:
        return Status(404, {"detail": _("Không có danh hiệu này trong danh mục.")})
    rows = selectors.eligibility(actor=actor, unit=unit, year=year, titles=[chosen])
    return Status(
        200,
        [
            {
                "title": r.title.code,
                "subject_name": r.subject_name,
                "person_id": r.person_id,
                "unit_id": r.unit_id,
                "eligible": r.eligibility.eligible,
                "reasons": list(r.eligibility.reasons),
            }
            for r in rows
        ],
    )


@router.get(
    "/proposals/{proposal_id}",
    url_name="emulation_proposal",
    response={200: ProposalOut, 404: ErrorOut},
    summary="Một đề nghị khen thưởng với hồ sơ và kết quả bỏ phiếu",
)
def proposal_detail(request: HttpRequest, proposal_id: int):
    p = selectors.proposal_get(actor=request.auth, pk=proposal_id)
    ballot = selectors.ballot_of(proposal=p)
    return Status(
        200,
        {
            "id": p.pk,
            "year": p.year,
            "title": p.title.code,
            "subject_name": p.subject_name,
            "person_id": p.person_id,
            "unit_id": p.unit_id,
            "state": p.state,
            "achievement": p.achievement,
            "reasons": [{"blocks": False, **r} for r in p.dossier.get("reasons", [])],
            "agree": ballot.agree if ballot else None,
            "members": ballot.members if ballot else None,
        },
    )


@router.get(
    "/awards/{award_id}",
    url_name="emulation_award",
    response={200: AwardOut, 404: ErrorOut},
    summary="Một khen thưởng (quyết định, tiền thưởng, mã xác thực)",
)
def award_detail(request: HttpRequest, award_id: int):
    a = selectors.award_get(actor=request.auth, pk=award_id)
    return Status(
        200,
        {
            "id": a.pk,
            "decision": a.decision.ref,
            "year": a.decision.year,
            "title": a.title.code,
            "subject_name": a.subject_name,
            "amount": a.amount,
            "code": a.code,
            "revoked_on": a.revoked_on.isoformat() if a.revoked_on else None,
        },
    )
