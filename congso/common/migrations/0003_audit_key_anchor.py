"""Key the audit chain (issue 8 item 17) and add anchors.

Rows written before the key existed were hashed with plain SHA-256, which anyone with database
access could recompute. Decision: this migration checks the whole old chain first (each row
must verify as plain SHA-256 or, if written by new code already, as keyed), refuses to run
if it is broken (evidence is not laundered into a valid keyed chain: restore a backup or
investigate), re-chains every row with HMAC-SHA256 under CONGSO_AUDIT_KEY, and appends one
row `common.audit_keyed` recording the number of rows and the old (unkeyed) head: the start of
the keyed epoch. A database with no audit rows is left empty.
"""

import json

from django.db import migrations, models
from django.utils import timezone


def rechain(apps, schema_editor):
    from congso.common.audit import GENESIS, _row_hash, audit_key, rechain_with_key

    Entry = apps.get_model("common", "AuditEntry")
    Head = apps.get_model("common", "AuditChainHead")
    if not Entry.objects.exists():
        return
    key = audit_key()
    try:
        count, old_head = rechain_with_key(Entry, Head, key)
    except ValueError as exc:
        raise RuntimeError(
            f"Nhật ký thay đổi không còn nguyên vẹn, không thể chuyển sang chuỗi có khóa: {exc}. "
            "Chạy 'congso audit verify' với phiên bản trước để xem bản ghi hỏng."
        ) from exc
    head = Head.objects.get(pk=1)
    new = json.dumps(
        {"rows": count, "unkeyed_head": old_head},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    fields = {
        "seq": count + 1,
        "at": timezone.now(),
        "actor_user_id": None,
        "actor_label": "hệ thống",
        "unit_id": None,
        "action": "common.audit_keyed",
        "object_type": "",
        "object_id": "",
        "old": "",
        "new": new,
        "prev_hash": head.hash or GENESIS,
    }
    row_hash = _row_hash(key=key, **fields)
    Entry.objects.create(**fields, hash=row_hash)
    Head.objects.filter(pk=1).update(seq=count + 1, hash=row_hash)


class Migration(migrations.Migration):

    dependencies = [
        ('common', '0002_load_holidays'),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditAnchor',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField()),
                ('seq', models.BigIntegerField()),
                ('head', models.CharField(max_length=64)),
                ('signature', models.CharField(max_length=64)),
                ('created_by_label', models.CharField(blank=True, max_length=200)),
            ],
            options={
                'verbose_name': 'neo nhật ký',
                'verbose_name_plural': 'neo nhật ký',
                'ordering': ['-seq', '-id'],
            },
        ),
        migrations.RunPython(rechain, migrations.RunPython.noop),
    ]
