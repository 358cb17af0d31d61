"""A person's staff category by date: the one writer, the staff import, the selectors."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from congso.common.models import AuditEntry
from congso.common.testing import actor_of, make_person
from congso.org import selectors, services
from congso.org.models import CategoryRecord, Person

pytestmark = pytest.mark.django_db


def test_a_new_person_gets_a_record_from_their_start_date(world):
    person = make_person(world.agency_a, category="vien_chuc")
    record = CategoryRecord.objects.get(person=person)
    assert (record.category, record.valid_from) == ("vien_chuc", date(2025, 7, 1))


def test_category_change_keeps_the_past_and_writes_an_audit_row(world):
    person = make_person(world.agency_a, category="cong_chuc")
    head = actor_of(world.admin_a)
    services.person_category_change(
        actor=head, person=person, category="can_bo", on=date(2026, 1, 1)
    )
    assert Person.objects.get(pk=person.pk).category == "can_bo"
    assert selectors.category_on(actor=head, person=person, day=date(2025, 12, 31)) == "cong_chuc"
    assert selectors.category_on(actor=head, person=person, day=date(2026, 1, 1)) == "can_bo"
    entry = AuditEntry.objects.get(action="org.person_category")
    assert entry.old == '{"category":"cong_chuc"}'
    assert '"on":"2026-01-01"' in entry.new


def test_person_update_records_a_category_change_from_today(world):
    person = make_person(world.agency_a, category="cong_chuc")
    services.person_update(actor=actor_of(world.admin_a), person=person, category="vien_chuc")
    today = timezone.localdate()
    assert CategoryRecord.objects.get(person=person, valid_from=today).category == "vien_chuc"
    assert Person.objects.get(pk=person.pk).category == "vien_chuc"


def test_a_category_change_before_the_latest_record_is_refused_and_nothing_written(world):
    person = make_person(world.agency_a, category="cong_chuc")
    with pytest.raises(ValidationError) as exc:
        services.person_category_change(
            actor=actor_of(world.admin_a), person=person, category="can_bo", on=date(2025, 1, 1)
        )
    assert "ghi nhận từ ngày 01/07/2025; ngày thay đổi không được trước" in str(exc.value)
    assert Person.objects.get(pk=person.pk).category == "cong_chuc"
    assert CategoryRecord.objects.filter(person=person).count() == 1
    assert not AuditEntry.objects.filter(action="org.person_category").exists()


def test_a_category_change_in_the_future_or_unknown_is_refused(world):
    person = make_person(world.agency_a)
    head = actor_of(world.admin_a)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.person_category_change(actor=head, person=person, category="can_bo", on=tomorrow)
    assert "không được sau hôm nay" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        services.person_category_change(
            actor=head, person=person, category="giam_doc", on=date(2026, 1, 1)
        )
    assert "Đối tượng không hợp lệ" in str(exc.value)
    assert CategoryRecord.objects.filter(person=person).count() == 1


def test_a_head_of_another_agency_cannot_change_the_category(world):
    from django.core.exceptions import PermissionDenied

    person = make_person(world.agency_a)
    with pytest.raises(PermissionDenied):
        services.person_category_change(
            actor=actor_of(world.charlie), person=person, category="can_bo", on=date(2026, 1, 1)
        )


def test_categories_on_in_bulk_and_scoped(world):
    ann = make_person(world.agency_a, full_name="Phạm Thị An", category="cong_chuc")
    binh = make_person(world.agency_a, full_name="Đỗ Văn Bình", category="vien_chuc")
    services.person_category_change(actor=None, person=ann, category="can_bo", on=date(2026, 3, 1))
    head = actor_of(world.head_a)
    ids = [ann.pk, binh.pk]
    assert selectors.categories_on(actor=head, person_ids=ids, day=date(2026, 2, 1)) == {
        ann.pk: "cong_chuc",
        binh.pk: "vien_chuc",
    }
    assert selectors.categories_on(actor=head, person_ids=ids, day=date(2026, 3, 1))[ann.pk] == (
        "can_bo"
    )
    # Out of reach: nothing is told.
    assert (
        selectors.categories_on(actor=actor_of(world.charlie), person_ids=ids, day=date(2026, 3, 1))
        == {}
    )


def test_the_old_unit_head_still_reads_the_category_of_someone_who_left(world):
    person = make_person(world.agency_a, category="vien_chuc")
    services.person_transfer(actor=None, person=person, to_unit=world.agency_b, on=date(2026, 1, 5))
    found = selectors.categories_on(
        actor=actor_of(world.head_a), person_ids=[person.pk], day=date(2025, 9, 1)
    )
    assert found == {person.pk: "vien_chuc"}


def test_the_staff_import_records_new_people_and_category_changes(world):
    from congso.org.tests.test_import_apply import run
    from congso.org.tests.test_import_files import staff_values

    with translation.override("vi"):
        run([staff_values("CB1", world.agency_a.pk, start_date="01/07/2025")])
        person = Person.objects.get(staff_code="CB1")
        run([staff_values("CB1", world.agency_a.pk, category="Viên chức")])
    history = list(
        CategoryRecord.objects.filter(person=person)
        .order_by("valid_from")
        .values_list("category", "valid_from")
    )
    assert history == [("cong_chuc", date(2025, 7, 1)), ("vien_chuc", date(2026, 11, 25))]


def test_explained_recipients_use_the_category_of_that_day(world):
    from congso.dissemination import selectors as dissemination
    from congso.dissemination.tests.factories import make_campaign

    campaign = make_campaign(world.agency_a, start_on=date(2025, 7, 1), categories="vien_chuc")
    person = make_person(world.agency_a, full_name="Hà Thị Mơ", category="vien_chuc")
    services.person_category_change(
        actor=None, person=person, category="can_bo", on=date(2026, 1, 1)
    )
    head = actor_of(world.head_a)
    reasons = {}
    for day in (date(2025, 12, 1), date(2026, 2, 1)):
        explained = dissemination.explain_recipients(
            actor=head, campaign=campaign, unit=world.agency_a, day=day
        )
        reasons[day] = {e.person.pk: e.reason for e in explained}[person.pk]
    assert reasons == {date(2025, 12, 1): "recipient", date(2026, 2, 1): "category"}


def test_the_person_page_shows_the_category_history(world):
    from django.urls import reverse

    from congso.common.testing import login_client

    person = make_person(world.agency_a, category="cong_chuc")
    services.person_category_change(
        actor=None, person=person, category="vien_chuc", on=date(2026, 1, 2)
    )
    page = login_client(world.head_a).get(reverse("org:person", args=[person.pk])).content.decode()
    assert "Đối tượng theo thời gian" in page
    assert "02/01/2026" in page and "01/07/2025" in page
