"""SQLite: an index that lets the people search scan in list order without reading rows.

The people list filters on `search_key` (LIKE, word prefixes) and orders by (sort_key, id)
with a page limit. On SQLite the planner walks the sort_key index and fetches every row to
test the LIKE, so a rare query (a staff code) read all 40 000 rows: p95 183 ms in
`congso bench people-search`. With (sort_key, id, search_key, is_active) the LIKE and the
active flag are tested on the index entries and only matching rows are fetched: p95 < 10 ms.
PostgreSQL met the target without it (p95 36 ms), so nothing is created there.
Written by the demo/bench engineer; see docs/demo.md.
"""

from django.db import migrations

INDEX = "org_person_search_scan"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON org_person (sort_key, id, search_key, is_active)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(create, drop, elidable=False)]
