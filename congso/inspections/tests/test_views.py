"""Inspection pages: the inspector's flow from plan to conclusion, uploads, tasks, scores."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from congso.cases.models import Case
from congso.common.testing import login_client, make_person, make_user
from congso.inspections.models import (
    Finding,
    InspectionPlan,
    ItemPhoto,
    ItemResult,
    RemediationTask,
    Visit,
)
from congso.inspections.photos import MAX_PHOTO_BYTES
from congso.inspections.tests.factories import (
    VISIT_DAY,
    approved_plan,
    code_in_force,
    inspector_user,
    started_visit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspector(world):
    return login_client(inspector_user(world))


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 10)).save(out, format="JPEG")
    return out.getvalue()


def test_nav_entry_and_index(world, inspector):
    body = inspector.get(reverse("inspections:index"), {"nam": 2025}).content.decode()
    assert 'href="/thanh-tra/"' in body and "Thanh tra, kiểm tra" in body


def test_staff_without_inspection_role_gets_404(world):
    assert login_client(world.alice).get(reverse("inspections:index")).status_code == 404


def test_inspector_plans_schedules_starts_assesses_and_concludes(world, inspector):
    code_in_force(world.agency_a)
    response = inspector.post(
        reverse("inspections:plan_create"),
        {
            "unit": world.province.pk,
            "year": 2025,
            "title": "Kế hoạch kiểm tra công vụ 2025",
            "targets": [world.agency_a.pk],
        },
    )
    plan = InspectionPlan.objects.get()
    assert response.status_code == 302
    inspector.post(reverse("inspections:plan_advance", args=[plan.pk]))
    response = inspector.post(
        reverse("inspections:visit_create") + f"?ke_hoach={plan.pk}",
        {
            "ke_hoach": plan.pk,
            "target": world.agency_a.pk,
            "inspecting_unit": world.province.pk,
            "kind": "scheduled",
            "visit_on": VISIT_DAY.strftime("%d/%m/%Y"),
        },
    )
    visit = Visit.objects.get()
    assert response.status_code == 302 and visit.plan_id == plan.pk
    inspector.post(reverse("inspections:visit_start", args=[visit.pk]))
    items = list(visit.items.all())
    assert items
    for item in items[1:]:
        inspector.post(reverse("inspections:item_assess", args=[item.pk]), {"result": "compliant"})
    response = inspector.post(
        reverse("inspections:visit_finish", args=[visit.pk]), {"conclusion": "Tốt."}
    )
    assert response.status_code == 400
    assert "chưa đánh giá" in response.content.decode()
    inspector.post(
        reverse("inspections:item_assess", args=[items[0].pk]),
        {"result": "non_compliant", "note": "Chưa phổ biến quy chế."},
    )
    response = inspector.post(
        reverse("inspections:visit_finish", args=[visit.pk]), {"conclusion": "Cơ bản tốt."}
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.status == "done"
    page = inspector.get(reverse("inspections:scores"), {"nam": 2025})
    row = page.context["rows"][0]
    assert row.score.compliant == len(items) - 1 and row.score.non_compliant == 1


def test_person_finding_page_opens_case(world, inspector):
    visit = started_visit(world)
    response = inspector.post(
        reverse("inspections:finding_create", args=[visit.pk]),
        {
            "kind": "person",
            "description": "Không đeo thẻ công chức khi tiếp dân.",
            "person": world.alice.person.pk,
            "category": "dress_badge",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert Case.objects.get(pk=finding.case_id).person_id == world.alice.person.pk
    page = inspector.get(reverse("inspections:visit", args=[visit.pk])).content.decode()
    assert "Đã chuyển thành vụ việc" in page and "xét khen thưởng tạm dừng" in page


def test_finding_with_empty_description_is_refused(world, inspector):
    visit = started_visit(world)
    response = inspector.post(
        reverse("inspections:finding_create", args=[visit.pk]), {"kind": "unit", "description": ""}
    )
    assert response.status_code == 400
    assert not Finding.objects.exists()


def test_unit_finding_task_and_owner_completes_it(world, inspector):
    visit = started_visit(world)
    inspector.post(
        reverse("inspections:finding_create", args=[visit.pk]),
        {"kind": "unit", "description": "Phòng làm việc chưa có biển tên."},
    )
    finding = Finding.objects.get()
    inspector.post(
        reverse("inspections:task_create", args=[finding.pk]),
        {"title": "Làm biển tên phòng", "owner": world.alice.person.pk, "working_days": 10},
    )
    task = RemediationTask.objects.get()
    alice = login_client(world.alice)
    listing = alice.get(reverse("inspections:tasks"))
    assert listing.status_code == 200 and "Làm biển tên phòng" in listing.content.decode()
    alice.post(reverse("inspections:task_complete", args=[task.pk]), {"note": "Đã làm xong."})
    task.refresh_from_db()
    assert task.status == "done"


def test_photo_upload_is_stored_clean_and_served_only_in_scope(
    world, inspector, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    visit = started_visit(world)
    item = visit.items.first()
    upload = SimpleUploadedFile("anh.jpg", _jpeg(), content_type="image/jpeg")
    response = inspector.post(reverse("inspections:photo_add", args=[item.pk]), {"photo": upload})
    assert response.status_code == 302
    photo = ItemPhoto.objects.get()
    served = inspector.get(reverse("inspections:photo", args=[photo.pk]))
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    other = login_client(world.charlie).get(reverse("inspections:photo", args=[photo.pk]))
    assert other.status_code == 404


def test_pdf_disguised_as_jpg_gets_400_and_nothing_stored(world, inspector, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    item = started_visit(world).items.first()
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.7\n%%EOF\n", content_type="image/jpeg")
    response = inspector.post(reverse("inspections:photo_add", args=[item.pk]), {"photo": fake})
    assert response.status_code == 400
    assert "không phải ảnh" in response.content.decode()
    assert not ItemPhoto.objects.exists()
    assert not list(tmp_path.rglob("*.jpg"))


def test_unit_head_of_target_sees_visit_but_cannot_assess(world):
    visit = started_visit(world)
    item = visit.items.first()
    head = login_client(world.head_a)
    assert head.get(reverse("inspections:visit", args=[visit.pk])).status_code == 200
    response = head.post(
        reverse("inspections:item_assess", args=[item.pk]), {"result": "compliant"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.result == ItemResult.PENDING


def test_index_filters_by_status(world, inspector):
    started_visit(world)
    approved_plan(world)
    response = inspector.get(reverse("inspections:index"), {"nam": 2025, "trang_thai": "done"})
    assert response.context["visits"] == []
    response = inspector.get(
        reverse("inspections:index"), {"nam": 2025, "trang_thai": "in_progress"}
    )
    assert len(response.context["visits"]) == 1


def test_inspection_pages_are_translated_to_english(english, world, inspector):
    inspector.cookies["congso_language"] = "en"
    body = inspector.get(reverse("inspections:scores"), {"nam": 2025}).content.decode()
    assert "Inspection scores by unit, 2025" in body


@pytest.fixture
def english():
    """Pages in English; the language the middleware activated is reset afterwards so later
    tests (which expect Vietnamese messages) are not affected."""
    from django.utils import translation

    yield
    translation.activate("vi")


def test_surprise_visit_with_team_from_the_inspectors_agency(world):
    member = world.head_a.person  # a colleague in the inspector's agency (Sở Nội vụ)
    inspector_person = make_person(world.division_a, full_name="Đinh Văn Tra")
    user = make_user("tt2", roles=[("inspector", world.province)], person=inspector_person)
    client = login_client(user)
    page = client.get(reverse("inspections:visit_create"))
    team_choices = [c[0] for c in page.context["form"].fields["inspectors"].choices]
    assert member.pk in team_choices
    response = client.post(
        reverse("inspections:visit_create"),
        {
            "target": world.agency_b.pk,
            "inspecting_unit": world.agency_a.pk,
            "kind": "surprise",
            "visit_on": "05/11/2026",
            "inspectors": [member.pk, inspector_person.pk],
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert set(visit.inspectors.values_list("pk", flat=True)) == {member.pk, inspector_person.pk}


def test_oversized_photo_upload_gets_400(world, inspector, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    item = started_visit(world).items.first()
    big = SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff" + b"0" * MAX_PHOTO_BYTES, "image/jpeg")
    response = inspector.post(reverse("inspections:photo_add", args=[item.pk]), {"photo": big})
    assert response.status_code == 400
    assert "quá lớn" in response.content.decode()
    assert not ItemPhoto.objects.exists()


def test_photo_with_huge_dimensions_gets_400(world, inspector, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    item = started_visit(world).items.first()
    out = io.BytesIO()
    Image.new("1", (20000, 20000)).save(out, format="PNG")  # a few kB, 400 megapixels
    upload = SimpleUploadedFile("anh.png", out.getvalue(), "image/png")
    response = inspector.post(reverse("inspections:photo_add", args=[item.pk]), {"photo": upload})
    assert response.status_code == 400
    assert "kích thước" in response.content.decode()


def test_assessing_without_a_result_is_400(world, inspector):
    item = started_visit(world).items.first()
    response = inspector.post(reverse("inspections:item_assess", args=[item.pk]), {"result": ""})
    assert response.status_code == 400
    assert "Hãy chọn kết quả" in response.content.decode()


def test_plan_form_offers_agencies_not_divisions(world, inspector):
    form = inspector.get(reverse("inspections:plan_create")).context["form"]
    targets = {pk for pk, _label in form.fields["targets"].choices}
    assert {world.agency_a.pk, world.agency_b.pk} <= targets
    assert world.division_a.pk not in targets and world.province.pk not in targets
