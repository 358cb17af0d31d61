"""The identity-custodian role (Luật Tố cáo art. 47): nobody grants it to themself, it takes
effect only when a second authorised person confirms, the unit head is told, and the Party's
inspection committee reads the list."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from congso.accounts.models import CustodianGrant, RoleGrant
from congso.accounts.services import (
    api_token_create,
    custodian_grant_decide,
    custodian_grant_request,
    grant_role,
)
from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import actor_of, login_client, make_user

REASON = "Quyết định phân công số 12/QĐ-TTr ngày 02/01/2026"
LIST = "/tai-khoan/giu-bi-mat-danh-tinh/"


@pytest.fixture
def people(world):
    class People:
        qt1 = make_user("qt1", roles=[(Role.ADMIN, world.agency_a)])
        qt2 = make_user("qt2", roles=[(Role.ADMIN, world.agency_a)])
        ktd = make_user("ktd", roles=[(Role.PARTY_INSPECTION, world.province)])
        root_admin = make_user("quantri", roles=[(Role.ADMIN, world.province)])

    return People


def is_custodian(user, unit) -> bool:
    return RoleGrant.objects.filter(user=user, role=Role.IDENTITY_CUSTODIAN, unit=unit).exists()


@pytest.mark.django_db
def test_an_administrator_cannot_grant_themself_the_custodian_role(world, people):
    # The tester's path: quantri granted itself custodian on the root unit.
    client = login_client(people.root_admin)
    page = f"/tai-khoan/quan-ly/{people.root_admin.pk}/"
    response = client.post(page, {"role": Role.IDENTITY_CUSTODIAN, "unit": world.province.pk})
    assert response.status_code == 200  # the form refuses: the role is not offered
    assert not is_custodian(people.root_admin, world.province)
    with pytest.raises(ValidationError):
        grant_role(
            actor=actor_of(people.root_admin),
            user=people.root_admin,
            role=Role.IDENTITY_CUSTODIAN,
            unit_id=world.province.pk,
        )
    with pytest.raises(ValidationError, match="tự đề nghị"):
        custodian_grant_request(
            actor=actor_of(people.root_admin),
            user=people.root_admin,
            unit_id=world.province.pk,
            reason=REASON,
        )
    assert not is_custodian(people.root_admin, world.province)


@pytest.mark.django_db
def test_an_administrator_cannot_grant_the_custodian_role_to_someone_else_directly(world, people):
    with pytest.raises(ValidationError):
        grant_role(
            actor=actor_of(people.qt1),
            user=world.alice,
            role=Role.IDENTITY_CUSTODIAN,
            unit_id=world.agency_a.pk,
        )
    assert not is_custodian(world.alice, world.agency_a)


@pytest.mark.django_db
def test_a_request_takes_effect_only_when_a_second_person_confirms(world, people):
    request = custodian_grant_request(
        actor=actor_of(people.qt1), user=world.alice, unit_id=world.agency_a.pk, reason=REASON
    )
    assert not is_custodian(world.alice, world.agency_a)
    with pytest.raises(ValidationError, match="người thứ hai"):
        custodian_grant_decide(actor=actor_of(people.qt1), request=request, confirm=True)
    assert not is_custodian(world.alice, world.agency_a)
    custodian_grant_decide(actor=actor_of(people.qt2), request=request, confirm=True)
    assert is_custodian(world.alice, world.agency_a)
    request.refresh_from_db()
    assert (request.state, request.decided_by_id) == ("confirmed", people.qt2.pk)
    actions = list(
        AuditEntry.objects.filter(action__startswith="accounts.").values_list("action", flat=True)
    )
    assert "accounts.custodian_request" in actions
    assert "accounts.custodian_confirm" in actions
    assert actions[-1] == "accounts.grant_role"


@pytest.mark.django_db
def test_the_person_to_be_granted_cannot_confirm_their_own_request(world, people):
    request = custodian_grant_request(
        actor=actor_of(people.qt1), user=people.qt2, unit_id=world.agency_a.pk, reason=REASON
    )
    with pytest.raises(ValidationError):
        custodian_grant_decide(actor=actor_of(people.qt2), request=request, confirm=True)
    assert not is_custodian(people.qt2, world.agency_a)


@pytest.mark.django_db
def test_confirming_needs_the_second_factor(world, people):
    from django.core.exceptions import PermissionDenied

    request = custodian_grant_request(
        actor=actor_of(people.qt1), user=world.alice, unit_id=world.agency_a.pk, reason=REASON
    )
    with pytest.raises(PermissionDenied):
        custodian_grant_decide(
            actor=actor_of(people.ktd, verified=False), request=request, confirm=True
        )
    assert not is_custodian(world.alice, world.agency_a)


@pytest.mark.django_db
@pytest.mark.parametrize("reason", ["", "    ", "\u200b" * 30, " \u200b \u200c \u2060 " * 10])
def test_a_request_without_a_visible_reason_is_refused(world, people, reason):
    with pytest.raises(ValidationError, match="lý do"):
        custodian_grant_request(
            actor=actor_of(people.qt1), user=world.alice, unit_id=world.agency_a.pk, reason=reason
        )
    assert not CustodianGrant.unscoped.exists()


@pytest.mark.django_db
def test_a_refusal_needs_a_reason_and_grants_nothing(world, people):
    request = custodian_grant_request(
        actor=actor_of(people.qt1), user=world.alice, unit_id=world.agency_a.pk, reason=REASON
    )
    with pytest.raises(ValidationError):
        custodian_grant_decide(actor=actor_of(people.ktd), request=request, confirm=False)
    custodian_grant_decide(
        actor=actor_of(people.ktd),
        request=request,
        confirm=False,
        note="Chưa có quyết định phân công bằng văn bản",
    )
    request.refresh_from_db()
    assert request.state == "refused"
    assert not is_custodian(world.alice, world.agency_a)
    assert AuditEntry.objects.filter(action="accounts.custodian_refuse").exists()
    with pytest.raises(ValidationError, match="đã được xử lý"):
        custodian_grant_decide(actor=actor_of(people.qt2), request=request, confirm=True)


@pytest.mark.django_db
def test_the_unit_head_is_told_of_the_request_and_the_decision(world, people):
    from congso.cases.models import Notification

    request = custodian_grant_request(
        actor=actor_of(people.qt1), user=world.alice, unit_id=world.agency_a.pk, reason=REASON
    )
    custodian_grant_decide(actor=actor_of(people.ktd), request=request, confirm=True)
    texts = list(Notification.objects.filter(user=world.head_a).values_list("text", flat=True))
    assert len(texts) == 2
    assert all("alice" in t and "người giữ bí mật danh tính" in t for t in texts)
    # The head of another agency is not told.
    assert not Notification.objects.filter(user=world.charlie).exists()


@pytest.mark.django_db
def test_the_party_inspection_committee_reads_the_list_and_the_reveal_log(world, people):
    request = custodian_grant_request(
        actor=actor_of(people.qt1), user=world.alice, unit_id=world.agency_a.pk, reason=REASON
    )
    client = login_client(people.ktd)
    page = client.get(LIST)
    assert page.status_code == 200
    assert "alice" in page.content.decode() and "Chờ xác nhận" in page.content.decode()
    assert client.get("/vu-viec/danh-tinh/").status_code == 200
    response = client.post(f"{LIST}{request.pk}/", {"decision": "confirm", "note": ""})
    assert response.status_code == 302
    assert is_custodian(world.alice, world.agency_a)
    assert "Đang giữ vai trò" in client.get(LIST).content.decode()


@pytest.mark.django_db
def test_the_request_page_sends_a_request_and_grants_nothing(world, people):
    client = login_client(people.qt1)
    response = client.post(
        f"{LIST}de-nghi/", {"username": "alice", "unit": world.agency_a.pk, "reason": REASON}
    )
    assert response.status_code == 302
    assert CustodianGrant.unscoped.get().state == "pending"
    assert not is_custodian(world.alice, world.agency_a)


@pytest.mark.django_db
def test_users_without_the_oversight_capability_cannot_read_the_list(world):
    assert login_client(world.head_a).get(LIST).status_code == 403
    assert login_client(world.alice).get(LIST).status_code == 403


@pytest.mark.django_db
def test_the_api_requests_lists_and_confirms_with_two_people(world, people):
    from django.test import Client

    def bearer(user) -> Client:
        _token, raw = api_token_create(actor=actor_of(user), user=user, name="api")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    first, second = bearer(people.qt1), bearer(people.ktd)
    body = {"username": "alice", "unit_id": world.agency_a.pk, "reason": REASON}
    created = first.post(
        "/api/v1/accounts/custodian-grants", json.dumps(body), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    grant_id = created.json()["id"]
    assert created.json()["state"] == "pending"
    decision = f"/api/v1/accounts/custodian-grants/{grant_id}/decision"
    own = first.post(decision, json.dumps({"confirm": True}), content_type="application/json")
    assert own.status_code == 422
    assert not is_custodian(world.alice, world.agency_a)
    listed = second.get("/api/v1/accounts/custodian-grants").json()
    assert [row["id"] for row in listed] == [grant_id]
    done = second.post(decision, json.dumps({"confirm": True}), content_type="application/json")
    assert done.status_code == 200
    assert done.json()["decided_by"] == "ktd"
    assert is_custodian(world.alice, world.agency_a)
