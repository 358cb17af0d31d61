"""Pages and the staff API: a person sees their own sheets at every step and their result once
published, never a colleague's; the head runs the proposal from the unit page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from congso.common.permissions import Role
from congso.common.testing import build_world, login_client, make_person, make_user
from congso.evaluation.models import Result, Run, Sheet
from congso.evaluation.tests.factories import final_sheets
from congso.org.models import Assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    final_sheets(w.alice.person, w.agency_a, 2026, common="25", task="55", months=range(1, 12))
    return w


def _run(world):
    response = login_client(world.head_a).post(
        reverse("evaluation:unit_classify", args=[world.agency_a.pk]), {"year": 2026}
    )
    assert response.status_code == 302
    return Run.unscoped.get(unit=world.agency_a, year=2026)


def test_head_runs_the_proposal_from_the_unit_page_and_sees_the_list(world):
    run = _run(world)
    page = login_client(world.head_a).get(reverse("evaluation:run", args=[run.pk]))
    assert page.status_code == 200
    assert "Nguyễn Thị Hoa" in page.content.decode()
    assert "Hoàn thành tốt nhiệm vụ" in page.content.decode()


def test_person_sees_own_result_only_once_published_with_reasons(world):
    run = _run(world)
    result = Result.unscoped.get(run=run, person=world.alice.person)
    url = reverse("evaluation:result", args=[result.pk])
    alice = login_client(world.alice)
    assert alice.get(url).status_code == 404
    Run.unscoped.filter(pk=run.pk).update(state="published", appeal_deadline=date(2099, 1, 1))
    page = alice.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Hoàn thành tốt nhiệm vụ" in body
    assert "NĐ 335/2025/NĐ-CP" in body
    assert "Gửi kiến nghị" in body


def test_colleague_sees_the_published_list_but_never_the_result_page(world):
    run = _run(world)
    result = Result.unscoped.get(run=run, person=world.alice.person)
    colleague = make_user(
        "binh",
        roles=[(Role.STAFF, world.agency_a)],
        person=make_person(world.agency_a, full_name="Đặng Văn Bình"),
    )
    client = login_client(colleague)
    published = reverse("evaluation:run_published", args=[run.pk])
    assert client.get(published).status_code == 404
    Run.unscoped.filter(pk=run.pk).update(state="published")
    assert client.get(reverse("evaluation:result", args=[result.pk])).status_code == 404
    page = client.get(published)
    assert page.status_code == 200 and "Nguyễn Thị Hoa" in page.content.decode()


def test_person_sees_own_sheet_and_not_a_colleagues(world):
    sheet = Sheet.unscoped.filter(person=world.alice.person).first()
    page = login_client(world.alice).get(reverse("evaluation:sheet", args=[sheet.pk]))
    assert page.status_code == 200
    assert "Xác nhận đã đọc quy chế" in page.content.decode()
    other = make_user(
        "chi",
        roles=[(Role.STAFF, world.agency_a)],
        person=make_person(world.agency_a, full_name="Ngô Thị Chi", sex="F"),
    )
    assert login_client(other).get(reverse("evaluation:sheet", args=[sheet.pk])).status_code == 404


def test_exports_give_xlsx_and_a_docx_with_the_names(world):
    import io

    from docx import Document

    run = _run(world)
    head = login_client(world.head_a)
    xlsx = head.get(reverse("evaluation:run_xlsx", args=[run.pk]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    docx = head.get(reverse("evaluation:run_docx", args=[run.pk]))
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(docx.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Nguyễn Thị Hoa" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    result = Result.unscoped.get(run=run, person=world.alice.person)
    sheet = head.get(reverse("evaluation:result_docx", args=[result.pk]))
    paragraphs = "\n".join(p.text for p in Document(io.BytesIO(sheet.content)).paragraphs)
    assert "Nguyễn Thị Hoa" in paragraphs and "NĐ 335/2025/NĐ-CP" in paragraphs


def test_api_push_is_idempotent_by_the_callers_reference(world):
    client = login_client(world.head_a)
    body = {
        "external_ref": "kpi-2026-12-alice",
        "staff_code": world.alice.person.staff_code,
        "unit_id": world.agency_a.pk,
        "year": 2026,
        "number": 12,
        "task_points": "61.5",
    }
    first = client.post("/api/v1/evaluation/sheets/push", body, content_type="application/json")
    again = client.post("/api/v1/evaluation/sheets/push", body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["sheet_id"] == again.json()["sheet_id"]
    assert Sheet.unscoped.filter(external_ref="kpi-2026-12-alice").count() == 1


def test_api_push_out_of_range_and_other_agency(world):
    client = login_client(world.head_a)
    body = {
        "external_ref": "kpi-x",
        "staff_code": world.alice.person.staff_code,
        "unit_id": world.agency_a.pk,
        "year": 2026,
        "number": 12,
        "task_points": "75",
    }
    bad = client.post("/api/v1/evaluation/sheets/push", body, content_type="application/json")
    assert bad.status_code == 422 and "từ 0 đến 70" in bad.json()["detail"]
    assert not Sheet.unscoped.filter(external_ref="kpi-x").exists()
    body["staff_code"] = world.charlie.person.staff_code
    other = client.post("/api/v1/evaluation/sheets/push", body, content_type="application/json")
    assert other.status_code == 404


def test_api_reads_a_run_with_reasons(world):
    run = _run(world)
    data = login_client(world.head_a).get(f"/api/v1/evaluation/runs/{run.pk}").json()
    alice = next(r for r in data["results"] if r["full_name"] == "Nguyễn Thị Hoa")
    assert alice["classification"] == "HTTNV" and alice["reasons"][0]["basis"]
