"""Sheets and the classification workflow: each bad input has a Vietnamese message and
writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from congso.cases.models import Notification
from congso.common.audit import AuditEntry
from congso.common.permissions import Role
from congso.common.testing import actor_of, build_world, make_person, make_user
from congso.evaluation import services
from congso.evaluation.models import Result, Run, Sheet, SheetState
from congso.evaluation.rules import EvaluationError
from congso.evaluation.services.classification import classify
from congso.evaluation.tests.factories import final_sheets
from congso.org.models import Assignment

pytestmark = pytest.mark.django_db

COMMON = {k: "5" for k in ("politics", "ethics", "culture", "discipline", "attitude", "innovation")}


@pytest.fixture
def world():
    w = build_world()
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    return w


def _open(world, person=None, number=3):
    person = person or world.alice.person
    return services.sheet_open(
        actor=None,
        person=person,
        unit_id=world.agency_a.pk,
        year=2026,
        period_kind="month",
        number=number,
    )


def test_sheet_moves_self_head_final_and_the_head_scores_count(world):
    sheet = _open(world)
    alice, head = actor_of(world.alice), actor_of(world.head_a)
    services.sheet_self_assess(
        actor=alice, sheet=sheet, data={"common": COMMON, "task_points": "65"}, submit=True
    )
    sheet.refresh_from_db()
    assert sheet.state == SheetState.HEAD
    services.sheet_assess(
        actor=head,
        sheet=sheet,
        data={"common": {**COMMON, "ethics": "4"}, "task_points": "60"},
        finalise=True,
    )
    sheet.refresh_from_db()
    assert (sheet.state, sheet.common_points, sheet.task_points) == ("final", 29, 60)
    assert AuditEntry.objects.filter(action="evaluation.sheet_assess").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"common": {**COMMON, "politics": "6"}, "task_points": "60"}, "từ 0 đến 5"),
        ({"common": {**COMMON, "politics": "-1"}, "task_points": "60"}, "từ 0 đến 5"),
        ({"common": COMMON, "task_points": "70.01"}, "từ 0 đến 70"),
        ({"common": COMMON, "task_points": "abc"}, "phải là một số"),
    ],
)
def test_points_out_of_range_are_refused_and_nothing_is_written(world, data, message):
    sheet = _open(world)
    with pytest.raises(EvaluationError, match=message):
        services.sheet_assess(actor=actor_of(world.head_a), sheet=sheet, data=data)
    sheet.refresh_from_db()
    assert sheet.common_points is None and sheet.state == SheetState.SELF


def test_shares_outside_zero_one_are_refused(world):
    person = make_person(world.agency_a, full_name="Lý Văn Tám", category="vien_chuc")
    Assignment.unscoped.filter(person=person).update(start_date=date(2025, 1, 1))
    sheet = _open(world, person)
    assert not sheet.uses_points
    with pytest.raises(EvaluationError, match="từ 0 đến 1"):
        services.sheet_assess(
            actor=actor_of(world.head_a),
            sheet=sheet,
            data={"on_time_share": "1.2", "exceeded_share": "0", "failed_share": "0"},
        )
    sheet.refresh_from_db()
    assert sheet.on_time_share is None


def test_a_period_evaluated_twice_is_refused(world):
    _open(world)
    with pytest.raises(EvaluationError, match="đã có phiếu"):
        _open(world)
    # a quarter overlapping the month is the same period twice
    with pytest.raises(EvaluationError, match="đã có phiếu"):
        services.sheet_open(
            actor=None,
            person=world.alice.person,
            unit_id=world.agency_a.pk,
            year=2026,
            period_kind="quarter",
            number=1,
        )
    assert Sheet.unscoped.count() == 1


def test_a_person_not_in_the_unit_in_the_period_is_refused(world):
    with pytest.raises(EvaluationError, match="không công tác tại đơn vị"):
        services.sheet_open(
            actor=None,
            person=world.alice.person,
            unit_id=world.agency_b.pk,
            year=2026,
            period_kind="month",
            number=1,
        )
    with pytest.raises(EvaluationError, match="không công tác tại đơn vị"):
        services.sheet_open(
            actor=None,
            person=world.alice.person,
            unit_id=world.agency_a.pk,
            year=2024,
            period_kind="month",
            number=1,
        )
    assert not Sheet.unscoped.exists()


def test_a_head_never_assesses_their_own_sheet_the_level_above_does(world):
    sheet = _open(world, world.head_a.person)
    with pytest.raises(EvaluationError, match="không tự đánh giá"):
        services.sheet_assess(
            actor=actor_of(world.head_a), sheet=sheet, data={"common": COMMON, "task_points": "60"}
        )
    province_head = make_user("province_head", roles=[(Role.UNIT_HEAD, world.province)])
    services.sheet_assess(
        actor=actor_of(province_head),
        sheet=sheet,
        data={"common": COMMON, "task_points": "60"},
        finalise=True,
    )
    sheet.refresh_from_db()
    assert sheet.state == SheetState.FINAL


def test_a_finalised_sheet_changes_only_with_a_written_reason(world):
    sheet = _open(world)
    head = actor_of(world.head_a)
    services.sheet_assess(
        actor=head, sheet=sheet, data={"common": COMMON, "task_points": "60"}, finalise=True
    )
    with pytest.raises(EvaluationError, match="hoàn tất"):
        services.sheet_assess(actor=head, sheet=sheet, data={"common": COMMON, "task_points": "50"})
    with pytest.raises(EvaluationError, match="lý do"):
        services.sheet_amend(
            actor=head, sheet=sheet, data={"common": COMMON, "task_points": "50"}, reason=""
        )
    sheet.refresh_from_db()
    assert sheet.task_points == 60
    services.sheet_amend(
        actor=head,
        sheet=sheet,
        data={"common": COMMON, "task_points": "50"},
        reason="Sửa sai số liệu tháng 3 theo báo cáo",
    )
    sheet.refresh_from_db()
    assert sheet.task_points == 50
    entry = AuditEntry.objects.get(action="evaluation.sheet_amend")
    assert "Sửa sai số liệu" in str(entry.new)


def test_product_lines_give_task_points_with_penalties(world):
    sheet = _open(world)
    services.sheet_assess(
        actor=actor_of(world.head_a),
        sheet=sheet,
        data={
            "common": COMMON,
            "lines": [
                {
                    "label": "Văn bản",
                    "assigned": "10",
                    "completed": "10",
                    "quality_pct": "100",
                    "timeliness_pct": "100",
                    "major_errors": 1,
                    "delays": 0,
                },
            ],
        },
    )
    sheet.refresh_from_db()
    # (100 + 75 + 100) / 3 % of 70 = 64.17
    assert sheet.task_points == Decimal("64.17")


def _published(world):
    person = world.alice.person
    final_sheets(person, world.agency_a, 2026)
    classify(actor=None, year=2026, unit=world.agency_a)
    run = Run.unscoped.get(unit=world.agency_a)
    Result.unscoped.filter(run=run, classification="incomplete").delete()
    head = actor_of(world.head_a)
    services.run_review(
        actor=head,
        run=run,
        meeting_date=date(2026, 12, 5),
        attendees="Ban lãnh đạo, công đoàn",
        minutes=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4"),
    )
    services.run_approve(actor=head, run=Run.unscoped.get(pk=run.pk))
    services.run_publish(actor=head, run=Run.unscoped.get(pk=run.pk), today=date(2026, 12, 7))
    return Run.unscoped.get(pk=run.pk)


def test_publish_sets_appeal_window_in_working_days_and_tells_people(world):
    run = _published(world)
    assert run.state == "published"
    assert run.appeal_deadline == date(2026, 12, 14)  # 5 working days after Monday 07/12
    assert Notification.objects.filter(user=world.alice).exists()


def test_an_appeal_after_the_window_is_refused(world):
    run = _published(world)
    result = Result.unscoped.get(run=run, person=world.alice.person)
    with pytest.raises(EvaluationError, match="hết thời hạn"):
        services.appeal_file(
            actor=actor_of(world.alice), result=result, text="Xin xem lại", today=date(2026, 12, 15)
        )
    services.appeal_file(
        actor=actor_of(world.alice), result=result, text="Xin xem lại", today=date(2026, 12, 14)
    )
    with pytest.raises(EvaluationError, match="kiến nghị chưa trả lời"):
        services.run_finalise(actor=actor_of(world.head_a), run=run, today=date(2026, 12, 15))


def test_final_is_only_after_the_window_and_changes_need_a_decision(world):
    run = _published(world)
    head = actor_of(world.head_a)
    with pytest.raises(EvaluationError, match="Chưa hết thời hạn"):
        services.run_finalise(actor=head, run=run, today=date(2026, 12, 14))
    run = services.run_finalise(actor=head, run=run, today=date(2026, 12, 15))
    assert run.state == "final"
    result = Result.unscoped.get(run=run, person=world.alice.person)
    with pytest.raises(EvaluationError, match="quyết định"):
        services.result_decide(actor=head, result=result, classification="HTNV", decision="")
    services.result_decide(
        actor=head,
        result=result,
        classification="HTNV",
        decision="Quyết định số 12/QĐ-SNV ngày 20/12/2026",
    )
    result.refresh_from_db()
    assert result.classification == "HTNV"
    with pytest.raises(EvaluationError, match="không tính lại"):
        classify(actor=None, year=2026, unit=world.agency_a)


def test_staff_cannot_run_or_approve(world):
    final_sheets(world.alice.person, world.agency_a, 2026)
    with pytest.raises(PermissionDenied):
        classify(actor=actor_of(world.alice), year=2026, unit=world.agency_a)
    classify(actor=None, year=2026, unit=world.agency_a)
    run = Run.unscoped.get(unit=world.agency_a)
    with pytest.raises(PermissionDenied):
        services.run_approve(actor=actor_of(world.alice), run=run)


def test_quota_choice_only_among_candidates_and_within_allowed(world):
    people = [make_person(world.agency_a, full_name=f"Người {i}") for i in range(7)]
    Assignment.unscoped.update(start_date=date(2025, 1, 1))
    for i, person in enumerate(people):
        final_sheets(person, world.agency_a, 2026, common="28", task="65" if i < 2 else "50")
    classify(actor=None, year=2026, unit=world.agency_a)
    run = Run.unscoped.get(unit=world.agency_a)
    group = run.quota[0]
    head = actor_of(world.head_a)
    with pytest.raises(EvaluationError, match="tối đa 1"):
        services.quota_choose(actor=head, run=run, group=group["group"], kept=group["candidates"])
    with pytest.raises(EvaluationError, match="Chỉ chọn trong số"):
        services.quota_choose(actor=head, run=run, group=group["group"], kept=[people[5].pk])
    choice = [c for c in group["candidates"] if c not in group["proposed"]]
    services.quota_choose(actor=head, run=run, group=group["group"], kept=choice)
    kept = Result.unscoped.get(run=run, person_id=choice[0])
    assert kept.classification == "HTXSNV"
    assert AuditEntry.objects.filter(action="evaluation.quota_choose").exists()


def test_collective_level_at_review_gives_the_collective_titles(world):
    final_sheets(world.alice.person, world.agency_a, 2026)
    final_sheets(world.head_a.person, world.agency_a, 2026)
    classify(actor=None, year=2026, unit=world.agency_a)
    run = Run.unscoped.get(unit=world.agency_a)
    run = services.run_review(
        actor=actor_of(world.head_a),
        run=run,
        meeting_date=date(2026, 12, 5),
        attendees="Toàn thể",
        minutes=SimpleUploadedFile("bb.pdf", b"%PDF"),
        collective_level="HTTNV",
    )
    assert run.titles["ttldtt"] is True  # 2 of 2 members LĐTT (> 50 %)
    assert run.titles["ttldxs"] is False
    assert any(r["code"] == "R15_TTLDTT_ELIGIBLE" for r in run.titles["reasons"])


def test_my_tasks_lists_my_sheet_to_fill_and_sheets_to_assess(world):
    from congso.evaluation.tasks import my_sheets

    mine = _open(world)
    services.sheet_self_assess(
        actor=actor_of(world.alice),
        sheet=mine,
        data={"common": COMMON, "task_points": "60"},
        submit=False,
    )
    items = my_sheets(actor_of(world.alice))
    assert [i.kind for i in items] == ["Tự đánh giá"]
    services.sheet_self_assess(
        actor=actor_of(world.alice),
        sheet=mine,
        data={"common": COMMON, "task_points": "60"},
        submit=True,
    )
    head_items = my_sheets(actor_of(world.head_a))
    assert [i.title for i in head_items] == ["Nguyễn Thị Hoa — kỳ 03/2026"]
    assert head_items[0].due == date(2026, 4, 5)  # the fifth day of the next period


def test_settings_weights_must_add_to_thirty_and_are_used_by_sheets(world):
    head = actor_of(world.head_a)
    weights = {**COMMON, "politics": "10", "innovation": "0"}
    with pytest.raises(EvaluationError, match="30"):
        services.sheets.settings_update(
            actor=head,
            unit=world.agency_a,
            period_kind="quarter",
            weights={**COMMON, "politics": "9"},
            appeal_working_days=5,
        )
    services.sheets.settings_update(
        actor=head,
        unit=world.agency_a,
        period_kind="quarter",
        weights=weights,
        appeal_working_days=7,
    )
    sheet = _open(world)
    with pytest.raises(EvaluationError, match="từ 0 đến 0"):
        services.sheet_assess(
            actor=head,
            sheet=sheet,
            data={"common": {**COMMON, "innovation": "1"}, "task_points": "60"},
        )
    with pytest.raises(PermissionDenied):
        services.sheets.settings_update(
            actor=actor_of(world.alice),
            unit=world.agency_a,
            period_kind="month",
            weights=weights,
            appeal_working_days=5,
        )
