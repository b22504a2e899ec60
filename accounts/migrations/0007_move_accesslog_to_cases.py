# The access log now lives in cases (cases.0004): remove it from the accounts state only. The
# table "accounts_accesslog" stays, with its rows and its append-only trigger.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_cache_table"),
        ("cases", "0004_accesslog"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AccessLog")],
            database_operations=[],
        ),
    ]
