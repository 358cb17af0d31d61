"""Propaganda activities and training courses: participants, attendance, quiz, records."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from congso.common.models import AuditEntry
from congso.common.testing import actor_of, login_client
from congso.dissemination import selectors, training
from congso.dissemination.models import Participation

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"q": "“4 xin” gồm “xin chào”?", "choices": ["Không", "Có"], "answer": 1},
    {"q": "Trang phục khi làm việc?", "choices": ["Gọn gàng", "Tùy ý"], "answer": 0},
]


def _course(world, **kw):
    return training.course_create(
        actor=actor_of(world.head_a),
        unit=world.agency_a,
        title="Bồi dưỡng văn hóa công vụ",
        start_on=date(2026, 3, 2),
        end_on=date(2026, 3, 4),
        questions=QUESTIONS,
        pass_mark=100,
        **kw,
    )


def test_course_with_quiz_records_attendance_and_the_participants_score(world):
    course = _course(world)
    head = actor_of(world.head_a)
    training.participants_mark(actor=head, target=course, person_ids=[world.alice.person_id])
    alice = actor_of(world.alice)
    failed = training.quiz_submit(actor=alice, course=course, answers=[1, 1])
    assert (failed.score, failed.passed) == (50, False)
    passed = training.quiz_submit(actor=alice, course=course, answers=[1, 0])
    assert (passed.score, passed.passed) == (100, True)
    assert AuditEntry.objects.filter(action="dissemination.quiz_submit").count() == 2


def test_someone_not_on_the_course_cannot_take_its_quiz(world):
    course = _course(world)
    with pytest.raises(ValidationError):
        training.quiz_submit(actor=actor_of(world.alice), course=course, answers=[1, 0])


def test_end_before_start_and_pass_mark_without_questions_are_refused(world):
    head = actor_of(world.head_a)
    with pytest.raises(ValidationError):
        training.activity_create(
            actor=head,
            unit=world.agency_a,
            kind="talk",
            title="Tọa đàm",
            start_on=date(2026, 3, 2),
            end_on=date(2026, 3, 1),
        )
    with pytest.raises(ValidationError):
        training.course_create(
            actor=head,
            unit=world.agency_a,
            title="Lớp",
            start_on=date(2026, 3, 2),
            end_on=date(2026, 3, 2),
            pass_mark=50,
        )


def test_people_outside_the_organiser_are_refused_and_nothing_written(world):
    course = _course(world)
    with pytest.raises(ValidationError):
        training.participants_mark(
            actor=actor_of(world.head_a),
            target=course,
            person_ids=[world.alice.person_id, world.charlie.person_id],
        )
    assert Participation.objects.count() == 0


def test_unit_record_counts_trained_staff_and_quiz_results(world):
    course = _course(world)
    head = actor_of(world.head_a)
    training.participants_mark(actor=head, target=course, person_ids=[world.alice.person_id])
    training.quiz_submit(actor=actor_of(world.alice), course=course, answers=[1, 0])
    record = selectors.unit_record(
        actor=head, unit=world.agency_a, start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert (record.courses, record.trained, record.staff) == (1, 1, 2)
    assert (record.quiz_taken, record.quiz_passed) == (1, 1)


def test_pages_quiz_and_personal_record(world):
    course = _course(world)
    head_client = login_client(world.head_a)
    assert head_client.get(reverse("dissemination:training")).status_code == 200
    response = head_client.post(
        reverse("dissemination:course_mark", args=[course.pk]), {"co_mat": [world.alice.person_id]}
    )
    assert response.status_code == 302
    alice = login_client(world.alice)
    assert "Làm bài kiểm tra bồi dưỡng" in alice.get(reverse("common:my_tasks")).content.decode()
    quiz = reverse("dissemination:course_quiz", args=[course.pk])
    assert alice.get(quiz).status_code == 200
    assert alice.post(quiz, {"cau_0": "1", "cau_1": "0"}).status_code == 302
    record = alice.get(reverse("dissemination:my_record")).content.decode()
    assert "Bồi dưỡng văn hóa công vụ" in record and "100%" in record
    assert login_client(world.charlie).get(quiz).status_code == 404


def test_activity_page_and_participants(world):
    activity = training.activity_create(
        actor=actor_of(world.head_a),
        unit=world.agency_a,
        kind="contest",
        title="Cuộc thi tìm hiểu văn hóa công sở",
        start_on=date(2026, 4, 1),
        end_on=date(2026, 4, 30),
    )
    client = login_client(world.head_a)
    client.post(
        reverse("dissemination:activity_mark", args=[activity.pk]),
        {"co_mat": [world.alice.person_id]},
    )
    page = client.get(reverse("dissemination:activity", args=[activity.pk])).content.decode()
    assert "Nguyễn Thị Hoa" in page and "Có tham gia" in page
