# The index of a person's caseworkers (Client.caseworker_ids, 0018), built without locking the table.

import django.contrib.postgres.indexes
from django.db import migrations

from wir_fallmanagement.migration_operations import AddIndexUnlocked


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable

    dependencies = [
        ("cases", "0018_client_caseworker_ids"),
    ]

    operations = [
        AddIndexUnlocked(
            model_name="client",
            index=django.contrib.postgres.indexes.GinIndex(fields=["caseworker_ids"], name="client_caseworkers"),
        ),
    ]
