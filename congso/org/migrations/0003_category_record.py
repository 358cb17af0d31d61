"""A person's staff category by date (CategoryRecord), backfilled from the current value.

Each existing person gets one record with today's category, valid from the start of their
earliest assignment (or the day the record was created, when earlier or without one): the
history before this migration is not known, so the current value stands for it.
"""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def backfill(apps, schema_editor):
    Person = apps.get_model("org", "Person")
    Assignment = apps.get_model("org", "Assignment")
    CategoryRecord = apps.get_model("org", "CategoryRecord")
    first: dict[int, object] = {}
    for person_id, start in Assignment.objects.order_by().values_list("person_id", "start_date"):
        if person_id not in first or start < first[person_id]:
            first[person_id] = start
    rows = []
    people = Person.objects.order_by("id").values_list("id", "unit_id", "category", "created_at")
    for person_id, unit_id, category, created_at in people.iterator(chunk_size=BATCH):
        since = created_at.date()
        start = first.get(person_id)
        if start is not None and start < since:
            since = start
        rows.append(
            CategoryRecord(person_id=person_id, unit_id=unit_id, category=category, valid_from=since)
        )
        if len(rows) >= BATCH:
            CategoryRecord.objects.bulk_create(rows)
            rows = []
    CategoryRecord.objects.bulk_create(rows)


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0002_person_search_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='CategoryRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(choices=[('can_bo', 'Cán bộ'), ('cong_chuc', 'Công chức'), ('vien_chuc', 'Viên chức'), ('nguoi_lao_dong', 'Người lao động'), ('luc_luong_vu_trang', 'Lực lượng vũ trang')], max_length=20, verbose_name='đối tượng')),
                ('valid_from', models.DateField(verbose_name='từ ngày')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='category_records', to='org.person')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.orgunit')),
            ],
            options={
                'verbose_name': 'đối tượng theo thời gian',
                'verbose_name_plural': 'đối tượng theo thời gian',
                'ordering': ['person_id', '-valid_from'],
                'constraints': [models.UniqueConstraint(fields=('person', 'valid_from'), name='org_category_record_once_a_day')],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False),
    ]
