"""Staff API about the caller: who am I, and my API keys."""

from datetime import datetime

from ninja import Router, Schema

from congso.accounts import selectors, services

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
