"""The audit page speaks to officials in words: action and object-type labels each app
contributes (with English translations), a readable old → new table with field labels and
choice labels, and a <select> of actions as filter; no code, field name or raw JSON
(issue 8 item 7)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from congso.common.audit import audit_record
from congso.common.audit_labels import action_choices, change_rows, registry
from congso.common.permissions import Role
from congso.common.testing import login_client, make_person, make_user

pytestmark = pytest.mark.django_db
AUDIT = reverse("common:audit")


def _shown_text(html: str) -> str:
    """What a reader sees in <main>: text between tags, without option values/attributes."""
    main = html.split('<main id="main">', 1)[-1]
    return re.sub(r"<[^>]+>", " ", main)


@pytest.fixture
def boss_client(world):
    return login_client(make_user("quantri", roles=[(Role.ADMIN, world.province)]))


def test_codes_become_words_on_the_audit_page(world, boss_client):
    from congso.org.services import person_update

    person = make_person(world.agency_a, full_name="Vũ Văn Sửa", category="cong_chuc")
    person_update(actor=None, person=person, category="vien_chuc", is_leader=True)
    audit_record(
        actor=None,
        action="conduct.attest",
        object_type="org.person",
        object_id=str(person.pk),
        unit_id=world.agency_a.pk,
        new={"version": 3, "on": "2026-03-05"},
    )
    html = boss_client.get(AUDIT).content.decode()
    text = _shown_text(html)
    assert "Sửa thông tin cán bộ" in text and "Ký cam kết thực hiện quy chế" in text
    assert f"Cán bộ số {person.pk}" in text
    assert "Công chức" in text and "Viên chức" in text  # choice labels, old → new
    assert "05/03/2026" in text
    for code in ("org.person_update", "conduct.attest", "org.person:", "cong_chuc", "vien_chuc"):
        assert code not in text, code
    assert "{" not in text and '":' not in text  # no raw JSON


def test_the_action_filter_is_a_select_of_labelled_actions(world, boss_client):
    html = boss_client.get(AUDIT).content.decode()
    select = re.search(r'<select name="hanh_dong"[^>]*>(.*?)</select>', html, re.S)
    assert select, "the action filter is a <select>"
    assert '<option value="org.person_transfer">Điều động cán bộ</option>' in select.group(1)
    assert "<optgroup" in select.group(1)
    assert '<select name="doi_tuong"' in html


def test_every_action_written_by_a_service_has_a_label():
    """Every `action="app.x"` literal in the services has a registry label."""
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[2]
    written = set()
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text("utf-8")))
    assert written, "no action found"
    assert written <= set(registry().actions), written - set(registry().actions)


def test_labels_have_english_translations():
    with translation.override("en"):
        choices = action_choices()
        labels = {code: label for _group, items in choices[1:] for code, label in items}
        assert labels["org.person_transfer"] == "Transfer a staff member"
        assert labels["org."] == "Every action: Organisation" or labels["org."].startswith("Every")
        vietnamese = re.compile(r"[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", re.I)
        assert not [label for label in labels.values() if vietnamese.search(label)]


def test_change_rows_label_fields_and_choices():
    rows = change_rows(
        "org.person", '{"category":"cong_chuc","is_leader":false}', '{"category":"vien_chuc"}'
    )
    with translation.override("vi"):
        assert [(r.label, r.old, r.new) for r in rows] == [
            ("Đối tượng", "Công chức", "Viên chức"),
            ("Lãnh đạo, quản lý", "Không", ""),
        ]
