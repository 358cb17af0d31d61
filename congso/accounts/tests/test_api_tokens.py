"""API keys: created on /tai-khoan/khoa-api/, shown once, stored hashed, revocable, audited."""

import pytest
from django.test import Client

from congso.accounts.models import ApiToken, hash_token
from congso.accounts.services import api_token_create
from congso.common.models import AuditEntry
from congso.common.testing import actor_of, login_client

PAGE = "/tai-khoan/khoa-api/"


def bearer(raw: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def create_via_page(client: Client, name: str = "Một cửa") -> str:
    response = client.post(PAGE, {"name": name})
    assert response.status_code == 302
    page = client.get(PAGE)
    return page.context["new_key"]


@pytest.mark.django_db
def test_new_key_is_shown_once_and_only_its_hash_is_stored(world):
    client = login_client(world.alice)
    raw = create_via_page(client)
    assert raw.startswith("cs_")
    token = ApiToken.objects.get(user=world.alice)
    assert token.key_hash == hash_token(raw)
    assert raw not in (token.name, token.prefix, token.key_hash)
    assert raw not in client.get(PAGE).content.decode()
    assert AuditEntry.objects.filter(action="accounts.token_create", object_id=str(token.pk))


@pytest.mark.django_db
def test_key_authenticates_the_api_as_its_owner(world):
    raw = create_via_page(login_client(world.alice))
    response = bearer(raw).get("/api/v1/accounts/me")
    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    assert ApiToken.objects.get(user=world.alice).last_used_at is not None


@pytest.mark.django_db
def test_submitting_the_same_name_twice_stores_one_key(world):
    client = login_client(world.alice)
    create_via_page(client)
    response = client.post(PAGE, {"name": "Một  cửa "})
    assert response.status_code == 200
    assert "đã có một khóa API đang dùng với tên này" in response.content.decode()
    assert ApiToken.objects.filter(user=world.alice).count() == 1


@pytest.mark.django_db
def test_blank_name_is_refused(world):
    response = login_client(world.alice).post(PAGE, {"name": "   "})
    assert response.status_code == 200
    assert ApiToken.objects.count() == 0


@pytest.mark.django_db
def test_revoked_key_stops_working_and_the_revocation_is_audited(world):
    client = login_client(world.alice)
    raw = create_via_page(client)
    token = ApiToken.objects.get(user=world.alice)
    confirm = client.get(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/")
    assert "Không thể hoàn tác" in confirm.content.decode()
    response = client.post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked is True
    assert token.revoked_at is not None
    assert bearer(raw).get("/api/v1/accounts/me").status_code == 401
    assert AuditEntry.objects.filter(action="accounts.token_revoke").count() == 1


@pytest.mark.django_db
def test_a_colleagues_key_cannot_be_seen_or_revoked_even_in_the_same_agency(world):
    token, _raw = api_token_create(actor=actor_of(world.head_a), user=world.head_a, name="x")
    client = login_client(world.alice)
    assert "x" not in [t.name for t in client.get(PAGE).context["tokens"]]
    assert client.post(f"/tai-khoan/khoa-api/{token.pk}/thu-hoi/").status_code == 404
    assert login_client(world.alice).get(f"/api/v1/accounts/tokens/{token.pk}").status_code == 404
    token.refresh_from_db()
    assert token.revoked is False


@pytest.mark.django_db
def test_api_lists_and_revokes_own_keys(world):
    token, raw = api_token_create(actor=actor_of(world.alice), user=world.alice, name="CI")
    client = bearer(raw)
    assert [row["name"] for row in client.get("/api/v1/accounts/tokens").json()] == ["CI"]
    response = client.post(f"/api/v1/accounts/tokens/{token.pk}/revoke")
    assert response.status_code == 200
    assert response.json()["revoked"] is True
    assert client.get("/api/v1/accounts/tokens").status_code == 401


# ------------------------------------------------ keys follow the rules of sessions (issue 8)


@pytest.mark.django_db
def test_a_key_made_before_its_owner_needed_the_second_factor_stops_when_the_role_arrives(world):
    from congso.accounts.services import grant_role
    from congso.common.permissions import Role

    # alice (staff) makes a key in an ordinary session: nobody asked her for a second factor.
    raw = create_via_page(login_client(world.alice, verified=False))
    assert bearer(raw).get("/api/v1/accounts/me").status_code == 200
    grant_role(actor=None, user=world.alice, role=Role.ADMIN, unit_id=world.agency_a.pk)
    response = bearer(raw).get("/api/v1/accounts/me")
    assert response.status_code == 401
    assert "Cần đăng nhập" in response.json()["detail"]


@pytest.mark.django_db
def test_a_key_made_after_the_second_factor_works_for_an_administrator(world):
    raw = create_via_page(login_client(world.admin_a))
    assert ApiToken.objects.get(user=world.admin_a).second_factor is True
    assert bearer(raw).get("/api/v1/accounts/me").status_code == 200


@pytest.mark.django_db
def test_changing_the_password_ends_the_api_keys(world):
    client = login_client(world.alice)
    raw = create_via_page(client)
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {
            "old_password": "mat-khau-thu-nghiem-1",
            "new_password1": "mot-mat-khau-moi-dai-2026",
            "new_password2": "mot-mat-khau-moi-dai-2026",
        },
    )
    assert response.status_code == 302
    assert bearer(raw).get("/api/v1/accounts/me").status_code == 401
    assert ApiToken.objects.get(user=world.alice).revoked
    entry = AuditEntry.objects.filter(action="accounts.password_change").last()
    assert '"api_keys_revoked":1' in entry.new


@pytest.mark.django_db
def test_a_password_set_by_any_other_path_also_ends_the_api_keys(world):
    _token, raw = api_token_create(actor=actor_of(world.alice), user=world.alice, name="CI")
    world.alice.set_password("dat-lai-boi-quan-tri-2026")
    world.alice.save()
    assert bearer(raw).get("/api/v1/accounts/me").status_code == 401
