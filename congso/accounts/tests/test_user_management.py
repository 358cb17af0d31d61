"""Account management by administrators: within their reach only, every change audited."""

import pytest

from congso.accounts.models import RoleGrant, User
from congso.accounts.services import api_token_create
from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import actor_of, login_client, make_person

LIST = "/tai-khoan/quan-ly/"
CREATE = "/tai-khoan/quan-ly/tao-moi/"


@pytest.mark.django_db
def test_staff_member_without_the_capability_is_refused(world):
    assert login_client(world.alice).get(LIST).status_code == 403


@pytest.mark.django_db
def test_list_shows_accounts_of_own_agency_only(world):
    response = login_client(world.admin_a).get(LIST)
    names = {user.username for user in response.context["users"]}
    assert {"alice", "head_a", "admin_a"} <= names
    assert "charlie" not in names
    assert "boss" not in names


@pytest.mark.django_db
def test_search_finds_an_account_by_name_without_diacritics(world):
    response = login_client(world.admin_a).get(LIST, {"q": "nguyen thi hoa"})
    assert [user.username for user in response.context["users"]] == ["alice"]


@pytest.mark.django_db
def test_administrator_creates_an_account_for_a_staff_member_in_reach(world):
    person = make_person(world.division_a, full_name="Đỗ Thị Mai")
    response = login_client(world.admin_a).post(
        CREATE,
        {"staff_code": person.staff_code, "username": "mai.do", "password": "mot-mat-khau-dai"},
    )
    assert response.status_code == 302
    user = User.objects.get(username="mai.do")
    assert user.person_id == person.pk
    assert user.check_password("mot-mat-khau-dai")
    entry = AuditEntry.objects.get(action="accounts.user_create")
    assert "mot-mat-khau-dai" not in entry.new


@pytest.mark.django_db
def test_staff_member_of_another_agency_cannot_get_an_account_from_agency_a(world):
    person = make_person(world.agency_b, full_name="Vũ Văn Nam")
    response = login_client(world.admin_a).post(
        CREATE,
        {"staff_code": person.staff_code, "username": "nam.vu", "password": "mot-mat-khau-dai"},
    )
    assert response.status_code == 200
    assert "trong phạm vi của bạn" in response.content.decode()
    assert not User.objects.filter(username="nam.vu").exists()


@pytest.mark.django_db
def test_weak_password_and_taken_username_are_explained(world):
    person = make_person(world.agency_a, full_name="Đỗ Văn Long")
    client = login_client(world.admin_a)
    short = client.post(
        CREATE, {"staff_code": person.staff_code, "username": "long", "password": "ngan"}
    )
    assert short.context["form"].errors["password"]
    taken = client.post(
        CREATE,
        {"staff_code": person.staff_code, "username": "ALICE", "password": "mot-mat-khau-dai"},
    )
    assert "Tên đăng nhập này đã có người dùng." in taken.context["form"].errors["username"]
    assert not User.objects.filter(person=person).exists()


@pytest.mark.django_db
def test_granting_a_role_on_a_unit_in_reach_is_audited(world):
    client = login_client(world.admin_a)
    response = client.post(
        f"/tai-khoan/quan-ly/{world.alice.pk}/",
        {"role": Role.CASE_HANDLER, "unit": world.division_a.pk},
    )
    assert response.status_code == 302
    assert RoleGrant.objects.filter(
        user=world.alice, role=Role.CASE_HANDLER, unit=world.division_a
    ).exists()
    assert AuditEntry.objects.filter(action="accounts.grant_role", unit_id=world.division_a.pk)


@pytest.mark.django_db
def test_granting_a_role_on_a_unit_out_of_reach_is_404(world):
    response = login_client(world.admin_a).post(
        f"/tai-khoan/quan-ly/{world.alice.pk}/",
        {"role": Role.ADMIN, "unit": world.agency_b.pk},
    )
    assert response.status_code == 404
    assert not RoleGrant.objects.filter(user=world.alice, unit=world.agency_b).exists()


@pytest.mark.django_db
def test_unit_choices_are_the_units_in_reach(world):
    response = login_client(world.admin_a).get(f"/tai-khoan/quan-ly/{world.alice.pk}/")
    choices = {value for value, _label in response.context["form"].fields["unit"].widget.choices}
    assert choices == {world.agency_a.pk, world.division_a.pk}


@pytest.mark.django_db
def test_revoking_a_role_removes_it_and_is_audited(world):
    grant = world.alice.grants.get()
    client = login_client(world.admin_a)
    response = client.post(f"/tai-khoan/quan-ly/{world.alice.pk}/phan-quyen/{grant.pk}/thu-hoi/")
    assert response.status_code == 302
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    entry = AuditEntry.objects.get(action="accounts.revoke_role")
    assert entry.object_id == str(grant.pk)
    assert "staff" in entry.old


@pytest.mark.django_db
def test_administrator_cannot_take_away_their_own_administrator_role(world):
    grant = world.admin_a.grants.get(role=Role.ADMIN)
    response = login_client(world.admin_a).post(
        f"/tai-khoan/quan-ly/{world.admin_a.pk}/phan-quyen/{grant.pk}/thu-hoi/"
    )
    assert response.status_code == 400
    assert "tự thu hồi quyền quản trị" in response.content.decode()
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


@pytest.mark.django_db
def test_disabled_account_cannot_log_in_and_its_keys_stop(world):
    from django.test import Client

    _token, raw = api_token_create(actor=actor_of(world.alice), user=world.alice, name="x")
    alice_session = login_client(world.alice)
    response = login_client(world.admin_a).post(
        f"/tai-khoan/quan-ly/{world.alice.pk}/trang-thai/", {"active": "0"}
    )
    assert response.status_code == 302
    world.alice.refresh_from_db()
    assert world.alice.is_active is False
    # The open session ends: a page that needs a login sends to the login page.
    assert alice_session.get("/tai-khoan/cua-toi/").status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get("/api/v1/accounts/me").status_code == 401
    login = Client().post(
        "/tai-khoan/dang-nhap/", {"username": "alice", "password": "mat-khau-thu-nghiem-1"}
    )
    assert login.status_code == 200
    entry = AuditEntry.objects.get(action="accounts.user_disable")
    assert entry.object_id == str(world.alice.pk)


@pytest.mark.django_db
def test_disabled_account_can_be_enabled_again(world):
    client = login_client(world.admin_a)
    client.post(f"/tai-khoan/quan-ly/{world.alice.pk}/trang-thai/", {"active": "0"})
    client.post(f"/tai-khoan/quan-ly/{world.alice.pk}/trang-thai/", {"active": "1"})
    world.alice.refresh_from_db()
    assert world.alice.is_active is True
    assert AuditEntry.objects.filter(action="accounts.user_enable").count() == 1


@pytest.mark.django_db
def test_administrator_cannot_disable_their_own_account(world):
    client = login_client(world.admin_a)
    response = client.post(
        f"/tai-khoan/quan-ly/{world.admin_a.pk}/trang-thai/", {"active": "0"}, follow=True
    )
    assert "tự khóa tài khoản" in response.content.decode()
    world.admin_a.refresh_from_db()
    assert world.admin_a.is_active is True


@pytest.mark.django_db
def test_administrator_lifts_a_lock_out(world):
    from django.test import Client

    for _ in range(5):
        Client().post("/tai-khoan/dang-nhap/", {"username": "alice", "password": "sai"})
    admin = login_client(world.admin_a)
    page = admin.get(f"/tai-khoan/quan-ly/{world.alice.pk}/")
    assert page.context["locked"] is True
    assert admin.post(f"/tai-khoan/quan-ly/{world.alice.pk}/mo-khoa/").status_code == 302
    assert admin.get(f"/tai-khoan/quan-ly/{world.alice.pk}/").context["locked"] is False
    login = Client().post(
        "/tai-khoan/dang-nhap/", {"username": "alice", "password": "mat-khau-thu-nghiem-1"}
    )
    assert login.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.login_unlock").count() == 1
