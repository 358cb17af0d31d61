"""BenchRow, the table of survey-submit's bare view, leaves the production schema: the bench
creates it in its own throw-away database (congso/bench/_bare.py)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0006_rollup_counts_without_checks'),
    ]

    operations = [
        migrations.DeleteModel(
            name='BenchRow',
        ),
    ]
