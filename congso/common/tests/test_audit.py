import pytest

from congso.common.audit import audit_record, audit_verify
from congso.common.models import AuditEntry


@pytest.fixture
def chain(db):
    for i in range(5):
        audit_record(
            actor=None,
            action="test.change",
            object_type="x",
            object_id=str(i),
            old={"v": i},
            new={"v": i + 1, "tên": "Hòa"},
        )
    return list(AuditEntry.objects.order_by("seq"))


def test_untouched_chain_verifies(chain):
    result = audit_verify()
    assert result.ok is True
    assert result.checked == 5


def test_changing_a_row_is_reported_at_that_row(chain):
    AuditEntry.objects.filter(seq=3).update(new='{"v":999}')
    result = audit_verify()
    assert result.ok is False
    assert result.first_bad_seq == 3


def test_removing_a_middle_row_is_reported(chain):
    AuditEntry.objects.filter(seq=2).delete()
    result = audit_verify()
    assert result.ok is False
    assert result.first_bad_seq == 2


def test_removing_the_last_row_is_reported(chain):
    AuditEntry.objects.filter(seq=5).delete()
    result = audit_verify()
    assert result.ok is False
    assert result.first_bad_seq == 5


def test_rewriting_a_row_with_a_fresh_hash_breaks_the_next_link(chain):
    row = AuditEntry.objects.get(seq=2)
    row.hash = "f" * 64
    row.save()
    result = audit_verify()
    assert result.ok is False
    assert result.first_bad_seq == 2
