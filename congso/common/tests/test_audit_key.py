"""The keyed audit chain and its anchors (issue 8 item 17).

The attack: someone with database access changes a row and recomputes that row's hash and the
chain head. With plain SHA-256 `audit verify` passed; with HMAC under a key held outside the
database it cannot be recomputed; and someone who also holds the key is caught by an anchor
kept outside the system."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import UTC

import pytest
from django.core.management import call_command

from congso.common.audit import (
    GENESIS,
    _row_hash,
    audit_key,
    audit_record,
    audit_verify,
    rechain_with_key,
    row_fields,
)
from congso.common.audit_anchor import AnchorError, anchor_create, anchor_text, parse_anchor
from congso.common.models import AuditChainHead, AuditEntry


@pytest.fixture
def chain(db):
    for i in range(5):
        audit_record(actor=None, action="test.change", object_id=str(i), new={"v": i})
    return list(AuditEntry.objects.order_by("seq"))


def _unkeyed_hash(row) -> str:
    """The old scheme: sha256 of the same payload, no secret."""
    fields = row_fields(row)
    payload = json.dumps(
        [
            fields["seq"],
            fields["at"].astimezone(UTC).isoformat(timespec="microseconds"),
            fields["actor_user_id"],
            fields["actor_label"],
            fields["unit_id"],
            fields["action"],
            fields["object_type"],
            fields["object_id"],
            fields["old"],
            fields["new"],
            fields["prev_hash"],
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _rewrite(seq: int, new: str, *, key: bytes | None) -> None:
    """Change row `seq` and recompute every hash from it on, and the head, as an attacker with
    database access (and, if given, the key) would."""
    prev = AuditEntry.objects.get(seq=seq - 1).hash if seq > 1 else GENESIS
    AuditEntry.objects.filter(seq=seq).update(new=new)
    for row in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        row.prev_hash = prev
        row.hash = _unkeyed_hash(row) if key is None else _row_hash(key=key, **row_fields(row))
        row.save(update_fields=["prev_hash", "hash"])
        prev = row.hash
    AuditChainHead.objects.filter(pk=1).update(hash=prev)


def test_rows_are_hashed_with_the_key_not_plain_sha256(chain):
    row = chain[0]
    assert row.hash == _row_hash(key=audit_key(), **row_fields(row))
    assert row.hash != _unkeyed_hash(row)


def test_a_row_rewritten_with_recomputed_hashes_but_without_the_key_is_detected(chain):
    _rewrite(3, '{"v":999}', key=None)
    result = audit_verify()
    assert result.ok is False
    assert result.first_bad_seq == 3


def test_the_same_chain_under_another_key_does_not_verify(chain, settings):
    settings.CONGSO_AUDIT_KEY = "another-key-" + "q" * 40
    assert audit_verify().ok is False


def test_a_history_rewritten_with_the_key_is_caught_by_the_anchor_file(chain, tmp_path):
    anchor_file = tmp_path / "neo.txt"
    anchor_file.write_text(anchor_text(anchor_create(actor=None)), encoding="utf-8")
    _rewrite(2, '{"v":-1}', key=audit_key())
    # The chain itself verifies: the attacker held the key and the stored anchor was removed.
    from congso.common.models import AuditAnchor

    AuditAnchor.objects.all().delete()
    assert audit_verify().ok is True
    result = audit_verify(anchor=parse_anchor(anchor_file.read_text(encoding="utf-8")))
    assert result.ok is False
    assert result.first_bad_seq == 5
    assert "viết lại" in result.reason


def test_an_edited_anchor_file_is_refused(chain):
    text = anchor_text(anchor_create(actor=None))
    forged = text.replace(" 5 ", " 4 ")
    with pytest.raises(AnchorError, match="chữ ký"):
        parse_anchor(forged)


def test_verify_reports_the_rows_added_after_the_last_anchor(chain):
    anchor_create(actor=None)
    audit_record(actor=None, action="test.later", object_id="6")
    audit_record(actor=None, action="test.later", object_id="7")
    result = audit_verify()
    assert result.ok is True
    assert (result.anchor_seq, result.added_after_anchor) == (5, 2)


def test_a_truncated_chain_is_caught_by_an_anchor_with_more_rows(chain, tmp_path):
    anchor = parse_anchor(anchor_text(anchor_create(actor=None)))
    AuditEntry.objects.filter(seq__gte=4).delete()
    last = AuditEntry.objects.get(seq=3)
    AuditChainHead.objects.filter(pk=1).update(seq=3, hash=last.hash)
    assert audit_verify(anchor=anchor).ok is False


def test_the_commands_anchor_and_verify_against_the_file(chain, tmp_path):
    out = io.StringIO()
    target = tmp_path / "neo.txt"
    call_command("audit", "anchor", "--out", str(target), stdout=out)
    assert "Số bản ghi trong chuỗi: 5" in target.read_text(encoding="utf-8")
    audit_record(actor=None, action="test.later", object_id="6")
    out = io.StringIO()
    call_command("audit", "verify", "--anchor", str(target), stdout=out)
    assert "OK: 6 bản ghi" in out.getvalue()
    assert "1 bản ghi thêm sau neo (số 6–6)" in out.getvalue()
    _rewrite(2, '{"v":-1}', key=audit_key())
    with pytest.raises(SystemExit) as exit_info:
        call_command(
            "audit", "verify", "--anchor", str(target), stdout=io.StringIO(), stderr=io.StringIO()
        )
    assert exit_info.value.code == 1


def test_rows_from_before_the_key_are_rechained_once_checked(db):
    # Rows written by the old code (plain SHA-256), as in an existing demo database.
    for i in range(3):
        audit_record(actor=None, action="test.old", object_id=str(i))
    prev = GENESIS
    for row in AuditEntry.objects.order_by("seq"):
        row.prev_hash = prev
        row.hash = _unkeyed_hash(row)
        row.save(update_fields=["prev_hash", "hash"])
        prev = row.hash
    AuditChainHead.objects.filter(pk=1).update(hash=prev)
    assert audit_verify().ok is False  # not keyed yet
    count, old_head = rechain_with_key(AuditEntry, AuditChainHead, audit_key())
    assert (count, old_head) == (3, prev)
    assert audit_verify().ok is True


def test_a_broken_old_chain_is_not_laundered_into_a_keyed_one(db):
    for i in range(3):
        audit_record(actor=None, action="test.old", object_id=str(i))
    AuditEntry.objects.filter(seq=2).update(new='{"changed":true}')
    before = list(AuditEntry.objects.values_list("hash", flat=True))
    with pytest.raises(ValueError, match="row 2"):
        rechain_with_key(AuditEntry, AuditChainHead, audit_key())
    assert list(AuditEntry.objects.values_list("hash", flat=True)) == before


@pytest.mark.django_db
def test_the_anchor_page_creates_and_shows_a_printable_anchor(world):
    from congso.common.testing import login_client

    client = login_client(world.boss)  # leadership on the province root: audit.view everywhere
    audit_record(actor=None, action="test.change", object_id="1")
    response = client.post("/nhat-ky/neo/")
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "CONGSO-NEO v1" in page.content.decode()
    head = AuditChainHead.objects.get(pk=1)
    assert f"Số bản ghi trong chuỗi: {head.seq}" in page.content.decode()


@pytest.mark.django_db
def test_only_a_whole_province_auditor_creates_anchors(world):
    from congso.common.models import AuditAnchor
    from congso.common.testing import login_client

    client = login_client(world.admin_a)  # audit.view on agency A only
    assert client.get("/nhat-ky/neo/").status_code == 200
    assert client.post("/nhat-ky/neo/").status_code == 404
    assert not AuditAnchor.objects.exists()
