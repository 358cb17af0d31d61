"""Pages of codes of conduct."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from congso.common.testing import actor_of, login_client, make_person, make_unit, make_user
from congso.conduct import services
from congso.conduct.models import Attestation, CodeOfConduct, CodeVersion

pytestmark = pytest.mark.django_db


def _in_force(world):
    head = actor_of(world.head_a)
    code = services.code_create_from_template(actor=head, unit=world.agency_a)
    day = timezone.localdate() - timedelta(days=30)
    services.version_publish(actor=head, version=code.versions.get(), effective_from=day)
    return head, code


def test_nav_and_index_show_my_code_and_attest_button(world):
    _in_force(world)
    response = login_client(world.alice).get(reverse("conduct:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="/quy-tac/"' in body
    assert "Tôi đã đọc và cam kết thực hiện quy chế" in body


def test_staff_attests_from_the_index_page_once(world):
    _in_force(world)
    version = CodeVersion.objects.get()
    client = login_client(world.alice)
    url = reverse("conduct:attest", args=[version.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert Attestation.objects.count() == 1
    assert "Bạn đã xác nhận đã đọc" in client.get(reverse("conduct:index")).content.decode()


def test_division_staff_read_and_attest_their_agency_code(world):
    _in_force(world)
    person = make_person(world.division_a, full_name="Vũ Thị Mai", sex="F")
    user = make_user("mai", roles=[("staff", world.division_a)], person=person)
    client = login_client(user)
    version = CodeVersion.objects.get()
    assert "Điều 11" in client.get(reverse("conduct:index")).content.decode()
    assert client.post(reverse("conduct:attest", args=[version.pk])).status_code == 302
    assert Attestation.objects.get().unit_id == world.division_a.pk


def test_attesting_another_version_is_404(world):
    head, code = _in_force(world)
    draft = services.version_draft_create(actor=head, code=code)
    response = login_client(world.alice).post(reverse("conduct:attest", args=[draft.pk]))
    assert response.status_code == 404


def test_head_creates_edits_and_publishes_a_version(world):
    client = login_client(world.head_a)
    response = client.post(reverse("conduct:code_create"), {"unit": world.agency_a.pk})
    code = CodeOfConduct.objects.get()
    assert response.url == reverse("conduct:code", args=[code.pk])
    draft = code.versions.get()
    clause = draft.clauses.get(number="Điều 11")
    response = client.post(
        reverse("conduct:clause_edit", args=[clause.pk]),
        {
            "number": "Điều 11",
            "title": "Không hút thuốc",
            "text": "Cấm hút thuốc.",
            "category": "smoking",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("conduct:clause_add", args=[draft.pk]),
        {
            "number": "Điều 18",
            "title": "Hiệu lực",
            "text": "Có hiệu lực từ ngày ký.",
            "category": "",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("conduct:publish", args=[draft.pk]), {"effective_from": "01/09/2025"}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.effective_from == date(2025, 9, 1)
    page = client.get(reverse("conduct:version", args=[draft.pk])).content.decode()
    assert "Cấm hút thuốc." in page and "Hiệu lực" in page


def test_bad_publish_date_gets_vietnamese_error_and_nothing_changes(world):
    client = login_client(world.head_a)
    client.post(reverse("conduct:code_create"), {"unit": world.agency_a.pk})
    draft = CodeVersion.objects.get()
    response = client.post(
        reverse("conduct:publish", args=[draft.pk]), {"effective_from": "31/02/2025"}
    )
    assert response.status_code == 400
    assert "dd/mm/yyyy" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_empty_clause_text_is_refused_with_400(world):
    client = login_client(world.head_a)
    client.post(reverse("conduct:code_create"), {"unit": world.agency_a.pk})
    draft = CodeVersion.objects.get()
    before = draft.clauses.count()
    response = client.post(
        reverse("conduct:clause_add", args=[draft.pk]),
        {"number": "Điều 20", "title": "x", "text": ""},
    )
    assert response.status_code == 400
    assert draft.clauses.count() == before


def test_staff_cannot_edit_clauses(world):
    _in_force(world)
    head = actor_of(world.head_a)
    draft = services.version_draft_create(actor=head, code=CodeOfConduct.objects.get())
    clause = draft.clauses.first()
    client = login_client(world.alice)
    assert client.get(reverse("conduct:clause_edit", args=[clause.pk])).status_code == 404
    assert client.post(reverse("conduct:clause_delete", args=[clause.pk])).status_code == 404


def test_diff_page_highlights_changes_and_escapes_text(world):
    head, code = _in_force(world)
    draft = services.version_draft_create(actor=head, code=code)
    clause = draft.clauses.get(number="Điều 11")
    services.clause_update(
        actor=head,
        clause=clause,
        number="Điều 11",
        title=clause.title,
        text=clause.text + " <script>alert(1)</script>",
        category=clause.category,
    )
    services.version_publish(
        actor=head, version=draft, effective_from=timezone.localdate() + timedelta(days=5)
    )
    first = CodeVersion.objects.get(number=1)
    response = login_client(world.alice).get(
        reverse("conduct:diff", args=[code.pk]), {"tu": first.pk, "den": draft.pk}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<ins>" in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>alert(1)" not in body


def test_diff_with_bad_parameters_is_400(world):
    _, code = _in_force(world)
    response = login_client(world.alice).get(reverse("conduct:diff", args=[code.pk]), {"tu": "x"})
    assert response.status_code == 400


def test_completion_counts_attested_staff_with_drill_down(world):
    _in_force(world)
    version = CodeVersion.objects.get()
    services.attestation_create(actor=actor_of(world.alice), version=version)
    make_person(world.division_a, full_name="Đỗ Văn Nam")
    client = login_client(world.head_a)
    response = client.get(reverse("conduct:completion"))
    assert response.status_code == 200
    rows = {r.name: (r.staff, r.attested) for r in response.context["rows"]}
    assert rows["Sở Nội vụ"] == (2, 1)  # alice (attested) and head_a
    assert rows["Phòng Tổ chức"] == (1, 0)
    assert response.context["total_staff"] == 3
    assert [p.full_name for p in response.context["unattested"]] == ["Trần Văn Bình"]


def test_completion_of_other_agency_is_404(world):
    client = login_client(world.head_a)
    response = client.get(reverse("conduct:completion"), {"don_vi": world.agency_b.pk})
    assert response.status_code == 404


def test_categories_and_template_pages(world):
    client = login_client(world.alice)
    assert "Văn hóa nơi công cộng" in client.get(reverse("conduct:categories")).content.decode()
    page = client.get(reverse("conduct:template")).content.decode()
    assert "4 xin" in page and "quai hậu" in page


def test_leadership_sees_province_completion_but_cannot_edit(world):
    _, code = _in_force(world)
    client = login_client(world.boss)
    response = client.get(reverse("conduct:completion"))
    assert response.status_code == 200
    assert response.context["unit"].pk == world.province.pk
    names = [row.name for row in response.context["rows"]]
    assert "Sở Nội vụ" in names and "Sở Y tế" in names
    assert client.post(reverse("conduct:draft_create", args=[code.pk])).status_code == 404


def test_staff_member_cannot_see_completion(world):
    assert login_client(world.alice).get(reverse("conduct:completion")).status_code == 404


def test_pages_are_translated_to_english(english, world):
    client = login_client(world.alice)
    client.cookies["congso_language"] = "en"
    body = client.get(reverse("conduct:categories")).content.decode()
    assert "Violation categories" in body and "Public-place culture" in body


def test_deleting_a_published_clause_is_400_and_keeps_it(world):
    _in_force(world)
    clause = CodeVersion.objects.get().clauses.first()
    response = login_client(world.head_a).post(reverse("conduct:clause_delete", args=[clause.pk]))
    assert response.status_code == 400
    assert "không sửa được" in response.content.decode()
    assert CodeVersion.objects.get().clauses.filter(pk=clause.pk).exists()


def test_creating_a_code_for_a_unit_that_has_one_is_400(world):
    client = login_client(world.head_a)
    client.post(reverse("conduct:code_create"), {"unit": world.agency_a.pk})
    response = client.post(reverse("conduct:code_create"), {"unit": world.agency_a.pk})
    assert response.status_code == 400
    assert "chưa có quy chế" in response.content.decode()
    assert CodeOfConduct.objects.count() == 1


@pytest.fixture
def english():
    """Pages in English; the language the middleware activated is reset afterwards so later
    tests (which expect Vietnamese messages) are not affected."""
    from django.utils import translation

    yield
    translation.activate("vi")


def test_completion_query_count_does_not_grow_with_units_and_staff(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _in_force(world)
    client = login_client(world.boss)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("conduct:completion")).status_code == 200
        return len(queries.captured_queries)

    before = count()
    for index in range(3):
        unit = make_unit(f"Xã Mẫu {index}", kind="commune", parent=world.province)
        make_person(unit, full_name=f"Lò Thị Mẫu {index}")
    assert count() == before
