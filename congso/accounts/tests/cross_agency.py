"""Accounts rows of another agency answer 404 (see common/tests/test_cross_agency.py)."""

from __future__ import annotations

import itertools

from congso.accounts.models import ApiToken, CustodianGrant, RoleGrant, User
from congso.accounts.services import api_token_create, grant_role
from congso.common.permissions import Role
from congso.common.testing import CrossAgencyRoute, actor_of, make_person, make_user

_n = itertools.count(1)


def user_in(world, unit) -> User:
    """A staff member of `unit` with a login and the staff role there."""
    number = next(_n)
    person = make_person(unit, full_name=f"Phạm Văn Khách {number}")
    return make_user(f"khach{number}", roles=[(Role.STAFF, unit)], person=person)


def grant_of_user_in(world, unit) -> RoleGrant:
    return user_in(world, unit).grants.get()


def grant_on_unit_for_alice(world, unit) -> RoleGrant:
    """Alice (agency A, in reach) holds a role on `unit`: that grant stays out of reach."""

    return grant_role(actor=None, user=world.alice, role=Role.CASE_HANDLER, unit_id=unit.pk)


def token_of_user_in(world, unit) -> ApiToken:
    user = user_in(world, unit)
    token, _raw = api_token_create(actor=actor_of(user), user=user, name="Một cửa")
    return token


def custodian_request_in(world, unit) -> CustodianGrant:
    """A pending request to make a staff member of `unit` its identity custodian."""
    requester = make_user(f"quantri{next(_n)}", roles=[(Role.ADMIN, unit)])
    return CustodianGrant.unscoped.create(
        user=user_in(world, unit),
        unit=unit,
        reason="Quyết định phân công số 1/QĐ",
        requested_by=requester,
    )


def _grant_revoke(grant: RoleGrant) -> str:
    return f"/tai-khoan/quan-ly/{grant.user_id}/phan-quyen/{grant.pk}/thu-hoi/"


ROUTES = [
    CrossAgencyRoute(
        model=User,
        make=user_in,
        pages=[
            lambda user: f"/tai-khoan/quan-ly/{user.pk}/",
            lambda user: f"/tai-khoan/quan-ly/{user.pk}/trang-thai/",
            lambda user: f"/tai-khoan/quan-ly/{user.pk}/mo-khoa/",
        ],
        url_names=["accounts:user_detail", "accounts:user_set_active", "accounts:user_unlock"],
    ),
    CrossAgencyRoute(
        model=RoleGrant,
        make=grant_of_user_in,
        pages=[_grant_revoke],
        url_names=["accounts:grant_revoke"],
    ),
    CrossAgencyRoute(
        model=RoleGrant,
        make=grant_on_unit_for_alice,
        pages=[_grant_revoke],
        url_names=["accounts:grant_revoke"],
    ),
    CrossAgencyRoute(
        model=ApiToken,
        make=token_of_user_in,
        pages=[lambda token: f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/"],
        url_names=["accounts:api_token_revoke"],
    ),
    CrossAgencyRoute(
        model=ApiToken,
        make=token_of_user_in,
        api=[lambda token: f"/api/v1/accounts/tokens/{token.pk}"],
        url_names=["api:accounts_token_get"],
        methods=("get",),  # the operation answers GET only
    ),
    CrossAgencyRoute(
        model=ApiToken,
        make=token_of_user_in,
        api=[lambda token: f"/api/v1/accounts/tokens/{token.pk}/revoke"],
        url_names=["api:accounts_token_revoke"],
        methods=("post",),  # the operation answers POST only
    ),
    CrossAgencyRoute(
        model=CustodianGrant,
        make=custodian_request_in,
        pages=[lambda grant: f"/tai-khoan/giu-bi-mat-danh-tinh/{grant.pk}/"],
        api=[lambda grant: f"/api/v1/accounts/custodian-grants/{grant.pk}"],
        url_names=["accounts:custodian_decide", "api:accounts_custodian_get"],
        methods=("get",),
    ),
    CrossAgencyRoute(
        model=CustodianGrant,
        make=custodian_request_in,
        pages=[lambda grant: f"/tai-khoan/giu-bi-mat-danh-tinh/{grant.pk}/"],
        api=[lambda grant: f"/api/v1/accounts/custodian-grants/{grant.pk}/decision"],
        url_names=["accounts:custodian_decide", "api:accounts_custodian_decide"],
        methods=("post",),
    ),
]
