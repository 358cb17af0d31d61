"""Staff API about the caller."""

from ninja import Router, Schema

router = Router()


class MeOut(Schema):
    username: str
    display_name: str
    person_id: int | None
    roles: list[str]


@router.get("/me", response=MeOut, summary="Tài khoản đang gọi API")
def me(request):
    actor = request.auth
    return MeOut(
        username=actor.username,
        display_name=actor.display_name,
        person_id=actor.person_id,
        roles=sorted(actor.roles),
    )
