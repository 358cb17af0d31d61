"""Staff API about the caller (who am I, my API keys) and identity-custodian requests."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from congso.accounts import selectors, services
from congso.common.api import ErrorOut
from congso.common.permissions import Cap

router = Router()


class MeOut(Schema):
    username: str
    display_name: str
    person_id: int | None
    roles: list[str]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


@router.get("/me", response=MeOut, url_name="accounts_me", summary="Tài khoản đang gọi API")
def me(request):
    actor = request.auth
    return MeOut(
        username=actor.username,
        display_name=actor.display_name,
        person_id=actor.person_id,
        roles=sorted(actor.roles),
    )


@router.get(
    "/tokens",
    response=list[TokenOut],
    url_name="accounts_token_list",
    summary="Các khóa API của tài khoản đang gọi",
)
def token_list(request):
    return list(selectors.token_list(actor=request.auth))


@router.get(
    "/tokens/{token_id}",
    response=TokenOut,
    url_name="accounts_token_get",
    summary="Một khóa API của mình",
)
def token_get(request, token_id: int):
    return selectors.token_get(actor=request.auth, pk=token_id)


@router.post(
    "/tokens/{token_id}/revoke",
    response=TokenOut,
    url_name="accounts_token_revoke",
    summary="Thu hồi một khóa API của mình",
)
def token_revoke(request, token_id: int):
    token = selectors.token_get(actor=request.auth, pk=token_id)
    services.api_token_revoke(actor=request.auth, token=token)
    return token


# ------------------------------------------------ identity custodians (Luật Tố cáo art. 47)


class CustodianGrantOut(Schema):
    id: int
    user: str = Field(alias="user.username")
    unit_id: int
    unit: str = Field(alias="unit.name")
    reason: str
    state: str
    requested_by: str = Field(alias="requested_by.username")
    requested_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None
    decision_note: str

    @staticmethod
    def resolve_decided_by(obj) -> str | None:
        return obj.decided_by.username if obj.decided_by_id else None


class CustodianRequestIn(Schema):
    username: str = Field(max_length=150)
    unit_id: int
    reason: str = Field(max_length=2000)


class CustodianDecisionIn(Schema):
    confirm: bool
    note: str = Field("", max_length=2000)


def _message(error: ValidationError) -> str:
    return " ".join(error.messages)


@router.get(
    "/custodian-grants",
    response={200: list[CustodianGrantOut], 403: ErrorOut},
    url_name="accounts_custodian_list",
    summary="Đề nghị giao người giữ bí mật danh tính (quản trị, Ủy ban Kiểm tra của Đảng)",
)
def custodian_list(request):
    if not request.auth.has(Cap.IDENTITY_GRANTS_VIEW):
        return Status(403, {"detail": _("Bạn không có quyền xem danh sách này.")})
    return Status(200, list(selectors.custodian_grant_list(actor=request.auth)[:500]))


@router.post(
    "/custodian-grants",
    response={201: CustodianGrantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    url_name="accounts_custodian_request",
    summary="Đề nghị giao vai trò người giữ bí mật danh tính (chờ người thứ hai xác nhận)",
)
def custodian_request(request, payload: CustodianRequestIn):
    actor = request.auth
    if not actor.has(Cap.ACCOUNTS_MANAGE):
        return Status(403, {"detail": _("Bạn không quản lý tài khoản.")})
    unit = selectors.grantable_unit_get(actor=actor, pk=payload.unit_id)
    try:
        user = selectors.custodian_candidate(actor=actor, username=payload.username)
        grant = services.custodian_grant_request(
            actor=actor, user=user, unit_id=unit.pk, reason=payload.reason
        )
    except ValidationError as error:
        return Status(422, {"detail": _message(error)})
    return Status(201, selectors.custodian_grant_get(actor=actor, pk=grant.pk))


@router.get(
    "/custodian-grants/{grant_id}",
    response=CustodianGrantOut,
    url_name="accounts_custodian_get",
    summary="Một đề nghị giao người giữ bí mật danh tính",
)
def custodian_get(request, grant_id: int):
    return selectors.custodian_grant_get(actor=request.auth, pk=grant_id)


@router.post(
    "/custodian-grants/{grant_id}/decision",
    response={200: CustodianGrantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    url_name="accounts_custodian_decide",
    summary="Người thứ hai xác nhận hoặc từ chối đề nghị",
)
def custodian_decide(request, grant_id: int, payload: CustodianDecisionIn):
    actor = request.auth
    grant = selectors.custodian_grant_get(actor=actor, pk=grant_id)
    try:
        services.custodian_grant_decide(
            actor=actor, request=grant, confirm=payload.confirm, note=payload.note
        )
    except PermissionDenied as error:
        return Status(403, {"detail": str(error) or _("Bạn không có quyền xác nhận đề nghị này.")})
    except ValidationError as error:
        return Status(422, {"detail": _message(error)})
    return Status(200, selectors.custodian_grant_get(actor=actor, pk=grant_id))
