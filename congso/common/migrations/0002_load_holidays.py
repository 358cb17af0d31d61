"""Load the shipped 2025–2027 holiday calendar (congso/common/data/holidays.csv)."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parents[1] / "data" / "holidays.csv"


def load(apps, schema_editor):
    Holiday = apps.get_model("common", "Holiday")
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            basis = row["basis"] + ("" if row["status"] == "official" else " — dự kiến, cần xác nhận")
            Holiday.objects.update_or_create(
                date=date.fromisoformat(row["date"]),
                defaults={"kind": row["kind"], "name": row["name"], "basis": basis[:300]},
            )


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
