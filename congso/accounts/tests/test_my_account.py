"""My account page, password change, and `congso create-admin`."""

import pytest
from django.core.management import CommandError, call_command

from congso.accounts.models import RoleGrant, User
from congso.common.models import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import login_client

OLD = "mat-khau-thu-nghiem-1"


@pytest.mark.django_db
def test_my_account_lists_my_roles(world):
    response = login_client(world.head_a).get("/tai-khoan/cua-toi/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Thủ trưởng đơn vị" in body
    assert "Sở Nội vụ" in body


@pytest.mark.django_db
def test_password_change_keeps_me_logged_in_and_is_audited(world):
    client = login_client(world.alice)
    response = client.post(
        "/tai-khoan/doi-mat-khau/",
        {
            "old_password": OLD,
            "new_password1": "mat-khau-moi-2026",
            "new_password2": "mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    world.alice.refresh_from_db()
    assert world.alice.check_password("mat-khau-moi-2026")
    assert client.get("/tai-khoan/cua-toi/").status_code == 200
    entry = AuditEntry.objects.get(action="accounts.password_change")
    assert "mat-khau" not in entry.new + entry.old


@pytest.mark.django_db
def test_password_change_with_a_wrong_old_password_changes_nothing(world):
    response = login_client(world.alice).post(
        "/tai-khoan/doi-mat-khau/",
        {
            "old_password": "sai",
            "new_password1": "mat-khau-moi-2026",
            "new_password2": "mat-khau-moi-2026",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    world.alice.refresh_from_db()
    assert world.alice.check_password(OLD)


@pytest.mark.django_db
def test_create_admin_makes_the_first_administrator_on_the_root(world, monkeypatch, capsys):
    monkeypatch.setenv("CONGSO_ADMIN_PASSWORD", "mat-khau-quan-tri-dau-tien")
    call_command("create_admin", "quantri")
    user = User.objects.get(username="quantri")
    assert user.check_password("mat-khau-quan-tri-dau-tien")
    assert RoleGrant.objects.filter(user=user, role=Role.ADMIN, unit=world.province).exists()
    assert "Xác thực hai bước" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="accounts.user_create", object_id=str(user.pk))


@pytest.mark.django_db
def test_create_admin_promotes_an_existing_account_on_a_given_unit(world):
    call_command("create_admin", "alice", "--unit", str(world.agency_a.pk))
    assert world.alice.grants.filter(role=Role.ADMIN, unit=world.agency_a).exists()


@pytest.mark.django_db
def test_create_admin_refuses_a_weak_password(world, monkeypatch):
    monkeypatch.setenv("CONGSO_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("create_admin", "quantri")
    assert not User.objects.filter(username="quantri").exists()


@pytest.mark.django_db
def test_create_admin_needs_the_org_tree_first():
    with pytest.raises(CommandError, match="đơn vị gốc"):
        call_command("create_admin", "quantri")
