"""Org pages: tree drill-down, unit page, people list (search, order, paging, export),
person page (self access, transfer, edit) and their scoping."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from congso.common.models import AuditEntry
from congso.common.testing import actor_of, login_client, make_person, make_unit
from congso.org.models import Assignment, Person
from congso.org.services import counter_create, person_transfer
from congso.org.views import people, tree, unit_detail

pytestmark = pytest.mark.django_db


PERSON_LINK = re.compile(r'href="/to-chuc/can-bo/\d+/"')


def text(response) -> str:
    """The page's main content (the header carries the logged-in user's name)."""
    return response.content.decode().split('<main id="main">', 1)[-1]


# --- tree --------------------------------------------------------------------------------


def test_tree_starts_at_the_actors_roots(world):
    boss_page = text(login_client(world.boss).get(reverse("org:tree")))
    head_page = text(login_client(world.head_a).get(reverse("org:tree")))
    assert "Tỉnh Thử Nghiệm" in boss_page
    assert "Tỉnh Thử Nghiệm" not in head_page
    assert "Sở Nội vụ" in head_page
    assert "Sở Y tế" not in head_page


def test_tree_drill_down_shows_children_with_subtree_head_counts(world):
    make_person(world.division_a, full_name="Phạm Thị Lan")
    client = login_client(world.boss)
    page = text(client.get(reverse("org:tree"), {"goc": world.province.pk}))
    # agency A: alice, head_a and the division's person; agency B: charlie.
    assert "Sở Nội vụ" in page and "Sở Y tế" in page
    assert "3 cán bộ" in page and "1 cán bộ" in page
    assert f"kids-{world.agency_a.pk}" in page  # A has a child to expand
    assert f"kids-{world.agency_b.pk}" not in page  # B has none


def test_tree_htmx_request_gets_only_the_children_of_the_node(world):
    client = login_client(world.boss)
    response = client.get(
        reverse("org:tree"), {"goc": world.agency_a.pk}, headers={"HX-Request": "true"}
    )
    body = text(response)
    assert "<html" not in body
    assert "Phòng Tổ chức" in body
    assert "Sở Y tế" not in body
    assert "HX-Request" in response["Vary"]


def test_tree_hides_units_not_in_force_unless_asked(world):
    today = timezone.localdate()
    make_unit(
        "Sở Cũ Đã Hợp Nhất",
        parent=world.province,
        valid_from=date(2010, 1, 1),
        valid_to=date(2025, 7, 1),
    )
    client = login_client(world.boss)
    url = reverse("org:tree")
    assert "Sở Cũ Đã Hợp Nhất" not in text(client.get(url, {"goc": world.province.pk}))
    greyed = text(client.get(url, {"goc": world.province.pk, "het_hieu_luc": "on"}))
    assert "Sở Cũ Đã Hợp Nhất" in greyed
    assert "org-node expired" in greyed and "01/01/2010 – 30/06/2025" in greyed
    past = text(client.get(url, {"goc": world.province.pk, "ngay": "01/05/2024"}))
    assert "Sở Cũ Đã Hợp Nhất" in past and "org-node expired" not in past
    assert today.strftime("%d/%m/%Y") in text(client.get(url))


def test_tree_of_another_agencys_unit_is_404(world):
    client = login_client(world.head_a)
    assert client.get(reverse("org:tree"), {"goc": world.agency_b.pk}).status_code == 404


# --- unit page ---------------------------------------------------------------------------


def test_unit_page_shows_facts_children_counters_and_chart(world):
    counter_create(actor=None, unit=world.agency_a, name="Quầy một cửa số 1")
    make_person(world.division_a, full_name="Phạm Thị Lan", category="vien_chuc")
    page = text(login_client(world.head_a).get(reverse("org:unit", args=[world.agency_a.pk])))
    assert "SNV" in page and "Cơ quan nhà nước" in page
    assert "Phòng Tổ chức" in page
    assert "Quầy một cửa số 1" in page
    assert "<svg" in page and "Viên chức: 1" in page and "Công chức: 2" in page
    assert f"{reverse('org:people')}?don_vi={world.agency_a.pk}" in page


def test_unit_page_shows_ancestors_outside_reach_as_text(world):
    page = text(login_client(world.head_a).get(reverse("org:unit", args=[world.division_a.pk])))
    crumbs = page.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Tỉnh Thử Nghiệm" in crumbs
    assert reverse("org:unit", args=[world.province.pk]) not in crumbs
    assert reverse("org:unit", args=[world.agency_a.pk]) in crumbs


def test_unit_page_of_another_agency_is_404(world):
    client = login_client(world.head_a)
    assert client.get(reverse("org:unit", args=[world.agency_b.pk])).status_code == 404


# --- people list -------------------------------------------------------------------------


def test_search_ignores_diacritics_and_case(world):
    make_person(world.agency_a, full_name="Nguyễn Văn A", staff_code="SNV-0042")
    make_person(world.agency_a, full_name="Nguyễn Văn Bảo")
    client = login_client(world.head_a)
    page = text(client.get(reverse("org:people"), {"q": "nguyen van a"}))
    assert "Nguyễn Văn A" in page and "Nguyễn Văn Bảo" not in page
    by_code = text(client.get(reverse("org:people"), {"q": "snv-0042"}))
    assert "Nguyễn Văn A" in by_code and "Trần Văn Bình" not in by_code


def test_people_are_listed_in_vietnamese_order_given_name_first(world):
    """Given name first; â after a and đ after d (plain ASCII order would mix them)."""
    for name in ["Đỗ Văn Đức", "Lê Thị Ánh", "Phạm Văn Dũng", "Vũ Thị An", "Hoàng Văn Ân"]:
        make_person(world.division_a, full_name=name)
    page = text(login_client(world.head_a).get(reverse("org:people")))
    expected = [
        "Vũ Thị An",
        "Lê Thị Ánh",
        "Hoàng Văn Ân",
        "Trần Văn Bình",
        "Phạm Văn Dũng",
        "Đỗ Văn Đức",
        "Nguyễn Thị Hoa",
    ]
    positions = [page.index(name) for name in expected]
    assert positions == sorted(positions)


def test_people_filters_by_unit_with_subunits_category_and_status(world):
    make_person(world.division_a, full_name="Phạm Thị Lan", category="vien_chuc")
    make_person(world.agency_a, full_name="Lý Văn Nghỉ", is_active=False)
    client = login_client(world.head_a)
    url = reverse("org:people")
    by_unit = text(client.get(url, {"don_vi": world.agency_a.pk}))
    assert "Phạm Thị Lan" in by_unit and "Nguyễn Thị Hoa" in by_unit
    division = text(client.get(url, {"don_vi": world.division_a.pk}))
    assert "Phạm Thị Lan" in division and "Nguyễn Thị Hoa" not in division
    vien_chuc = text(client.get(url, {"doi_tuong": "vien_chuc"}))
    assert "Phạm Thị Lan" in vien_chuc and "Trần Văn Bình" not in vien_chuc
    assert "Lý Văn Nghỉ" not in text(client.get(url))
    retired = text(client.get(url, {"trang_thai": "nghi"}))
    assert "Lý Văn Nghỉ" in retired and "Phạm Thị Lan" not in retired


def test_people_list_never_shows_another_agency(world):
    client = login_client(world.head_a)
    assert "Lê Văn Cường" not in text(client.get(reverse("org:people")))
    assert client.get(reverse("org:people"), {"don_vi": world.agency_b.pk}).status_code == 404
    export = client.get(reverse("org:people_export"), {"don_vi": world.agency_b.pk})
    assert export.status_code == 404


def test_people_list_pages_by_fifty_with_counts(world):
    for i in range(58):
        make_person(world.division_a, full_name=f"Phạm Văn Người{i:02d}")
    client = login_client(world.head_a)
    first = text(client.get(reverse("org:people")))
    assert len(PERSON_LINK.findall(first)) == 50
    assert "Hiển thị 1–50 trong 60 cán bộ" in first
    second = text(client.get(reverse("org:people"), {"page": 2}))
    assert len(PERSON_LINK.findall(second)) == 10
    assert "Hiển thị 51–60 trong 60 cán bộ" in second and "Trang 2/2" in second


def test_people_htmx_request_gets_the_results_fragment(world):
    client = login_client(world.head_a)
    response = client.get(reverse("org:people"), {"q": "hoa"}, headers={"HX-Request": "true"})
    body = text(response)
    assert "<html" not in body and "<form" not in body
    assert "Nguyễn Thị Hoa" in body and "Trần Văn Bình" not in body


def _list_queries(world, django_assert_num_queries) -> None:
    """Queries of the people view itself (the actor is built by middleware beforehand):
    unit options of the filter, the count for the pager, the page rows with their units."""
    from django.test import RequestFactory
    from django_htmx.middleware import HtmxDetails

    request = RequestFactory().get(reverse("org:people"), {"q": "", "page": 1})
    request.user, request.actor = world.boss, actor_of(world.boss)
    request.htmx = HtmxDetails(request)
    with django_assert_num_queries(3):
        response = people(request)
    assert response.status_code == 200


def test_people_list_query_count_does_not_grow_with_the_page(world, django_assert_num_queries):
    _list_queries(world, django_assert_num_queries)
    for i in range(70):
        make_person(world.agency_b, full_name=f"Lê Thị Người{i:02d}")
    _list_queries(world, django_assert_num_queries)


def test_export_contains_the_filtered_list_with_formulas_neutralised(world):
    make_person(world.agency_a, full_name='=HYPERLINK("http://x") Văn', staff_code="X1")
    client = login_client(world.head_a)
    response = client.get(reverse("org:people_export"), {"doi_tuong": "cong_chuc"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Mã cán bộ", "Họ và tên")
    names = [row[1] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x") Văn' in names
    assert "Nguyễn Thị Hoa" in names and "Lê Văn Cường" not in names
    assert len(rows) == 1 + 3


# --- person page -------------------------------------------------------------------------


def test_staff_member_sees_own_page_but_not_a_colleagues(world):
    client = login_client(world.alice)
    own = client.get(reverse("org:person", args=[world.alice.person_id]))
    assert own.status_code == 200 and "Nguyễn Thị Hoa" in text(own)
    assert "Điều động" not in text(own)  # no people.manage
    colleague = client.get(reverse("org:person", args=[world.head_a.person_id]))
    assert colleague.status_code == 404


def test_person_page_shows_facts_and_history_with_dates(world):
    person = Person.objects.get(pk=world.alice.person_id)

    person_transfer(actor=None, person=person, to_unit=world.division_a, on=date(2025, 9, 15))
    page = text(login_client(world.head_a).get(reverse("org:person", args=[person.pk])))
    assert "01/07/2025" in page and "14/09/2025" in page and "15/09/2025" in page
    assert "Phòng Tổ chức" in page and "Công chức" in page


def test_person_page_of_another_agency_is_404(world):
    client = login_client(world.head_a)
    assert client.get(reverse("org:person", args=[world.charlie.person_id])).status_code == 404


def test_transfer_moves_the_person_and_is_audited(world):
    client = login_client(world.admin_a)
    pk = world.alice.person_id
    url = reverse("org:person_transfer", args=[pk])
    data = {"to_unit": world.division_a.pk, "on": "2025-10-01", "position": "Chuyên viên"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert client.post(url, data).status_code == 400  # the same form again changes nothing
    person = Person.objects.get(pk=pk)
    assert person.unit_id == world.division_a.pk and person.position == "Chuyên viên"
    assert Assignment.objects.filter(person=person).count() == 2
    assert AuditEntry.objects.filter(action="org.person_transfer", object_id=str(pk)).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"on": "2025-10-01"}, "Trường này là bắt buộc."),
        ({"to_unit": "A", "on": "2025-10-01"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"to_unit": "SELF", "on": "2025-10-01"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"to_unit": "DIV", "on": "2025-06-01"}, "phải sau ngày bắt đầu công tác hiện tại"),
        ({"to_unit": "DIV", "on": "31/02/2025"}, "Nhập một ngày hợp lệ"),
        ({"to_unit": "B", "on": "2025-10-01"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_transfer_refuses_bad_input_in_vietnamese(world, data, message):
    ids = {"DIV": world.division_a.pk, "SELF": world.agency_a.pk, "B": world.agency_b.pk}
    data = {k: ids.get(v, v) for k, v in data.items()}
    client = login_client(world.admin_a)
    response = client.post(reverse("org:person_transfer", args=[world.alice.person_id]), data)
    assert response.status_code == 400
    assert message in text(response)
    assert Person.objects.get(pk=world.alice.person_id).unit_id == world.agency_a.pk


def test_transfer_to_a_unit_not_yet_in_force_that_day_is_refused(world):
    new_unit = make_unit("Phòng Mới Thành Lập", parent=world.agency_a, valid_from=date(2025, 9, 1))
    client = login_client(world.admin_a)
    url = reverse("org:person_transfer", args=[world.alice.person_id])
    early = client.post(url, {"to_unit": new_unit.pk, "on": "15/08/2025"})
    assert early.status_code == 400
    assert "không có hiệu lực vào ngày điều động" in text(early)
    assert client.post(url, {"to_unit": new_unit.pk, "on": "01/09/2025"}).status_code == 302


def test_transfer_cannot_be_dated_after_today(world):
    client = login_client(world.admin_a)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        reverse("org:person_transfer", args=[world.alice.person_id]),
        {"to_unit": world.division_a.pk, "on": tomorrow.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 400
    assert "không được sau hôm nay" in text(response)


def test_transfer_needs_people_manage(world):
    client = login_client(world.head_a)  # unit head: people.view but not people.manage
    url = reverse("org:person_transfer", args=[world.alice.person_id])
    assert client.post(url, {"to_unit": world.division_a.pk, "on": "2025-10-01"}).status_code == 403


def test_edit_saves_fields_through_the_service(world):
    client = login_client(world.admin_a)
    pk = world.alice.person_id
    data = {
        "staff_code": "snv-001",
        "full_name": "Nguyễn  Thị Hoa",
        "sex": "F",
        "birth_year": 1990,
        "category": "vien_chuc",
        "position": "Phó Trưởng phòng",
        "is_leader": "on",
        "is_active": "on",
    }
    assert client.post(reverse("org:person_edit", args=[pk]), data).status_code == 302
    person = Person.objects.get(pk=pk)
    assert (person.staff_code, person.category, person.is_leader) == ("SNV-001", "vien_chuc", True)
    assert AuditEntry.objects.filter(action="org.person_update", object_id=str(pk)).count() == 1
    client.post(reverse("org:person_edit", args=[pk]), data)
    assert AuditEntry.objects.filter(action="org.person_update", object_id=str(pk)).count() == 1


def test_edit_refuses_a_staff_code_already_used(world):
    taken = Person.objects.get(pk=world.head_a.person_id).staff_code
    client = login_client(world.admin_a)
    data = {
        "staff_code": taken,
        "full_name": "Nguyễn Thị Hoa",
        "sex": "F",
        "birth_year": 1990,
        "category": "cong_chuc",
        "is_active": "on",
    }
    response = client.post(reverse("org:person_edit", args=[world.alice.person_id]), data)
    assert response.status_code == 400
    assert "đã tồn tại" in text(response)
    assert Person.objects.get(pk=world.alice.person_id).staff_code != taken


def _view_queries(view, world, path, params=None, **kwargs) -> int:
    """Queries run by the view itself (the actor is built by middleware beforehand)."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django_htmx.middleware import HtmxDetails

    request = RequestFactory().get(path, params or {})
    request.user, request.actor = world.boss, actor_of(world.boss)
    request.htmx = HtmxDetails(request)
    with CaptureQueriesContext(connection) as queries:
        assert view(request, **kwargs).status_code == 200
    return len(queries.captured_queries)


def test_tree_and_unit_pages_query_count_does_not_grow_with_children(world):
    def counts() -> tuple[int, int]:
        return (
            _view_queries(tree, world, reverse("org:tree"), {"goc": world.province.pk}),
            _view_queries(
                unit_detail,
                world,
                reverse("org:unit", args=[world.province.pk]),
                pk=world.province.pk,
            ),
        )

    before = counts()
    for i in range(12):
        unit = make_unit(f"Xã Thử {i}", kind="commune", parent=world.province)
        make_unit(f"Thôn {i}", kind="division", parent=unit)
        make_person(unit, full_name=f"Lò Văn Người{i}")
        counter_create(actor=None, unit=world.province, name=f"Quầy {i}")
    assert counts() == before
