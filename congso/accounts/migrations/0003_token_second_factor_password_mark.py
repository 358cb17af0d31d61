"""API keys follow the rules of sessions (issue 8 item 15).

Existing keys get the mark of their owner's current password (so they keep working until the
next password change) and `second_factor=False`: a key made before this change cannot show that
its session passed the second factor, so it stops for owners who hold a role that requires it
(they make a new key after confirming the code). docs/security.md §API keys.
"""

from django.db import migrations, models
from django.utils.crypto import salted_hmac


def mark_existing(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.select_related("user").iterator():
        mark = salted_hmac(
            "congso.accounts.ApiToken", token.user.password, algorithm="sha256"
        ).hexdigest()
        ApiToken.objects.filter(pk=token.pk).update(password_mark=mark)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_scoped_grants_token_names")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="second_factor",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_mark",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(mark_existing, migrations.RunPython.noop),
    ]
