"""Services of dissemination: documents, campaigns, acknowledgement, sessions; bad input."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pikepdf
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congso.common.models import AuditEntry
from congso.common.testing import actor_of, make_person
from congso.dissemination import selectors, services
from congso.dissemination.models import (
    Attendance,
    Campaign,
    Document,
    DocumentVersion,
    Receipt,
)
from congso.dissemination.tests.factories import (
    make_campaign,
    make_document,
    make_session,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


def _create(world, data: bytes):
    return services.document_create(
        actor=actor_of(world.head_a),
        unit=world.agency_a,
        number="733/QĐ-TTg",
        issued_on=date(2019, 6, 14),
        issuer="Thủ tướng Chính phủ",
        title="Kế hoạch phong trào thi đua",
        data=data,
    )


def test_document_create_stores_the_pdf_with_version_1_and_an_audit_row(world):
    document = _create(world, pdf_bytes(2))
    version = document.current_version
    assert version.number == 1
    assert version.file.read().startswith(b"%PDF-")
    assert AuditEntry.objects.filter(action="dissemination.document_create").count() == 1


def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(world):
    with pytest.raises(ValidationError) as exc:
        _create(world, b"PK\x03\x04 this is a zip called quyet-dinh.pdf")
    assert "không phải PDF" in str(exc.value)
    assert Document.objects.count() == 0


def test_a_broken_pdf_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        _create(world, b"%PDF-1.7\n garbage without objects")
    assert "PDF" in str(exc.value)
    assert Document.objects.count() == 0


def test_javascript_and_open_action_are_removed_from_a_pdf(world):
    pdf = pikepdf.new()
    pdf.add_blank_page()
    js = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    )
    pdf.Root.OpenAction = js
    out = io.BytesIO()
    pdf.save(out)
    document = _create(world, out.getvalue())
    stored = document.current_version.file.read()
    with pikepdf.open(io.BytesIO(stored)) as clean:
        assert "/OpenAction" not in clean.Root


def test_an_oversized_file_is_refused_from_its_declared_size_before_reading():
    from congso.dissemination.files import read_limited
    from congso.dissemination.rules import MAX_DOCUMENT_BYTES, RuleError

    class Upload:
        size = MAX_DOCUMENT_BYTES + 1

        def read(self, n=-1):  # pragma: no cover - must not be called
            raise AssertionError("read whole")

    with pytest.raises(RuleError) as exc:
        read_limited(Upload())
    assert "quá lớn" in str(exc.value)


def test_a_new_version_moves_campaigns_and_needs_a_new_acknowledgement(world):
    document = make_document(world.agency_a)
    campaign = make_campaign(world.agency_a, document=document)
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    services.acknowledge(actor=alice, campaign=campaign)
    new = services.version_add(actor=actor_of(world.head_a), document=document, data=pdf_bytes())
    campaign.refresh_from_db()
    assert campaign.version_id == new.pk
    mine = selectors.my_campaign_get(actor=alice, pk=campaign.pk)
    assert not mine.acknowledged
    assert Receipt.objects.filter(person_id=world.alice.person_id).count() == 1


def test_campaign_deadline_counts_working_days(world):
    document = make_document(world.agency_a)
    campaign = services.campaign_send(
        actor=actor_of(world.head_a),
        document=document,
        unit=world.agency_a,
        start_on=date(2026, 3, 6),  # a Friday
        working_days=1,
    )
    assert campaign.due_on == date(2026, 3, 9)  # the Monday after
    assert AuditEntry.objects.filter(action="dissemination.campaign_send").count() == 1


def test_a_deadline_before_the_start_is_refused_and_nothing_written(world):
    document = make_document(world.agency_a)
    with pytest.raises(ValidationError) as exc:
        services.campaign_send(
            actor=actor_of(world.head_a),
            document=document,
            unit=world.agency_a,
            start_on=date(2026, 3, 6),
            due_on=date(2026, 3, 5),
        )
    assert "Hạn hoàn thành phải sau ngày bắt đầu" in str(exc.value)
    assert Campaign.objects.count() == 0


def test_campaign_to_a_unit_outside_the_senders_scope_is_refused(world):
    document = make_document(world.agency_a)
    with pytest.raises(PermissionDenied):
        services.campaign_send(
            actor=actor_of(world.head_a),
            document=document,
            unit=world.agency_b,
            start_on=date(2026, 3, 6),
        )
    assert Campaign.objects.count() == 0


def test_acknowledging_an_unopened_document_is_refused(world):
    campaign = make_campaign(world.agency_a)
    with pytest.raises(ValidationError) as exc:
        services.acknowledge(actor=actor_of(world.alice), campaign=campaign)
    assert "Hãy mở và đọc văn bản" in str(exc.value)
    assert not Receipt.objects.filter(acknowledged_at__isnull=False).exists()


def test_acknowledgement_keeps_time_version_and_on_time(world):
    campaign = make_campaign(world.agency_a)
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    receipt = services.acknowledge(actor=alice, campaign=campaign)
    assert receipt.version_id == campaign.version_id
    assert receipt.acknowledged_at is not None
    assert receipt.on_time is True
    assert receipt.person_id == world.alice.person_id
    assert AuditEntry.objects.filter(action="dissemination.acknowledge").count() == 1


def test_late_acknowledgement_is_marked_late(world):
    today = timezone.localdate()
    campaign = make_campaign(
        world.agency_a, start_on=today - timedelta(days=20), due_on=today - timedelta(days=5)
    )
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    assert services.acknowledge(actor=alice, campaign=campaign).on_time is False


def test_wrong_answers_refuse_the_acknowledgement(world):
    campaign = make_campaign(
        world.agency_a, questions=[{"q": "4 xin là gì?", "choices": ["a", "b"], "answer": 1}]
    )
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    with pytest.raises(ValidationError):
        services.acknowledge(actor=alice, campaign=campaign, answers=[0])
    assert services.acknowledge(actor=alice, campaign=campaign, answers=[1]).acknowledged_at


def test_a_user_without_a_person_record_cannot_acknowledge(world):
    campaign = make_campaign(world.province)
    with pytest.raises(PermissionDenied):
        services.receipt_open(actor=actor_of(world.boss), campaign=campaign)


def test_people_who_join_later_receive_and_people_who_leave_drop_out(world):
    from congso.org.services import person_transfer

    campaign = make_campaign(world.agency_a)
    newcomer = make_person(world.agency_b, full_name="Vũ Thị Mai", sex="F")
    root = world.agency_a
    boss = actor_of(world.boss)
    before, _done = selectors.campaign_totals(actor=boss, campaign=campaign, unit=root)
    person_transfer(actor=None, person=newcomer, to_unit=world.agency_a, on=timezone.localdate())
    after, _done = selectors.campaign_totals(actor=boss, campaign=campaign, unit=root)
    assert after == before + 1
    assert selectors.my_campaigns(actor=actor_of(world.alice))
    person_transfer(
        actor=None, person=world.alice.person, to_unit=world.agency_b, on=timezone.localdate()
    )
    left, _done = selectors.campaign_totals(actor=boss, campaign=campaign, unit=root)
    assert left == before
    assert selectors.my_campaigns(actor=actor_of(world.alice)) == []


def test_category_targeting_leaves_other_categories_out(world):
    campaign = make_campaign(world.agency_a, categories="vien_chuc")
    make_person(world.agency_a, full_name="Lò Văn Sơn", category="vien_chuc")
    total, _ = selectors.campaign_totals(
        actor=actor_of(world.boss), campaign=campaign, unit=world.agency_a
    )
    assert total == 1
    assert selectors.my_campaigns(actor=actor_of(world.alice)) == []


def test_completion_rolls_up_children_and_counts_only_the_current_version(world):
    campaign = make_campaign(world.province)
    make_person(world.division_a, full_name="Hà Văn Tú")
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    services.acknowledge(actor=alice, campaign=campaign)
    rows = selectors.campaign_completion(
        actor=actor_of(world.boss), campaign=campaign, unit=world.province
    )
    by_name = {r.name: r for r in rows}
    assert by_name["Sở Nội vụ"].recipients == 3  # alice, head_a, the division's person
    assert by_name["Sở Nội vụ"].acknowledged == 1
    assert by_name["Sở Nội vụ"].has_children
    assert by_name["Sở Y tế"].acknowledged == 0


def test_qr_scan_outside_the_session_or_twice_is_refused(world):
    alice = actor_of(world.alice)
    later = make_session(world.agency_a, starts_at=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        services.attendance_scan(actor=alice, session=later)
    assert "trong thời gian diễn ra" in str(exc.value)
    running = make_session(world.agency_a)
    services.attendance_scan(actor=alice, session=running)
    with pytest.raises(ValidationError) as exc:
        services.attendance_scan(actor=alice, session=running)
    assert "đã điểm danh" in str(exc.value)
    assert Attendance.objects.filter(session=running).count() == 1


def test_import_with_unknown_staff_codes_names_the_rows_and_writes_nothing(world):
    session = make_session(world.agency_a)
    alice_code = world.alice.person.staff_code
    with pytest.raises(ValidationError) as exc:
        services.attendance_import(
            actor=actor_of(world.head_a),
            session=session,
            codes=[(2, alice_code), (3, "KHONG-CO"), (5, world.charlie.person.staff_code)],
        )
    text = str(exc.value)
    assert "dòng 3" in text and "KHONG-CO" in text and "dòng 5" in text
    assert "dòng 2" not in text
    assert Attendance.objects.count() == 0


def test_import_and_tick_record_attendance_once(world):
    session = make_session(world.agency_a)
    head = actor_of(world.head_a)
    code = world.alice.person.staff_code
    assert services.attendance_import(actor=head, session=session, codes=[(2, code.lower())]) == 1
    assert (
        services.attendance_tick(actor=head, session=session, person_ids=[world.alice.person_id])
        == 0
    )
    absent = selectors.session_absentees(actor=head, session=session)
    assert [p.pk for p in absent] == [world.head_a.person_id]


def test_explanation_says_who_left_the_unit(world):
    from congso.org.services import person_transfer

    campaign = make_campaign(world.agency_a, start_on=date(2025, 7, 1))
    person = make_person(world.agency_a, full_name="Mai Văn Lợi")
    person_transfer(actor=None, person=person, to_unit=world.agency_b, on=date(2025, 9, 1))
    head = actor_of(world.head_a)
    before = selectors.explain_recipients(
        actor=head, campaign=campaign, unit=world.agency_a, day=date(2025, 8, 1)
    )
    after = selectors.explain_recipients(
        actor=head, campaign=campaign, unit=world.agency_a, day=date(2025, 10, 1)
    )
    assert {e.person.pk: e.reason for e in before}[person.pk] == "recipient"
    assert {e.person.pk: e.reason for e in after}[person.pk] == "outside_unit"


def test_version_numbers_increase(world):
    document = make_document(world.agency_a)
    services.version_add(actor=actor_of(world.head_a), document=document, data=pdf_bytes())
    assert list(
        DocumentVersion.objects.filter(document=document).values_list("number", flat=True)
    ) == [2, 1]


def test_rollup_counts_acknowledgements_and_rebuild_absorbs_transfers(world):
    from congso.dissemination.models import CompletionCount
    from congso.dissemination.rollup import rebuild
    from congso.org.services import person_transfer

    campaign = make_campaign(world.province)
    alice = actor_of(world.alice)
    services.receipt_open(actor=alice, campaign=campaign)
    services.acknowledge(actor=alice, campaign=campaign)
    row = CompletionCount.objects.get(campaign=campaign)
    assert (row.unit_id, row.acknowledged, row.on_time) == (world.agency_a.pk, 1, 1)
    person_transfer(
        actor=None, person=world.alice.person, to_unit=world.agency_b, on=timezone.localdate()
    )
    rebuild(campaign_ids=[campaign.pk])
    assert CompletionCount.objects.get(campaign=campaign).unit_id == world.agency_b.pk
