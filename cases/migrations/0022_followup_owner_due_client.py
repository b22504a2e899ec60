# A caseworker's open follow-ups in due order with their client: the dashboard counts them against
# the caseworker's cases from the index alone (no row of the table read).

from django.db import migrations, models

from wir_fallmanagement.migration_operations import AddIndexUnlocked, RemoveIndexUnlocked


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY: the table stays writable

    dependencies = [
        ("cases", "0021_open_case_counts_without_restricted"),
    ]

    operations = [
        AddIndexUnlocked(
            model_name="followup",
            index=models.Index(
                condition=models.Q(("done_at", None)),
                fields=["owner", "due_on", "client"],
                name="followup_owner_due_client",
            ),
        ),
        RemoveIndexUnlocked(model_name="followup", name="followup_owner_due"),
    ]
