# The dashboard's short lists (permits ending, consents ending) in their full order (date, id): the
# first rows come straight from the index, without reading and sorting every row of the first day.

from django.db import migrations, models

from wir_fallmanagement.migration_operations import AddIndexUnlocked, RemoveIndexUnlocked


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY: the tables stay writable

    dependencies = [
        ("cases", "0019_client_caseworkers_index"),
    ]

    operations = [
        AddIndexUnlocked(
            model_name="client",
            index=models.Index(
                condition=models.Q(("residence_valid_until__isnull", False)),
                fields=["residence_valid_until", "id"],
                name="client_residence_order",
            ),
        ),
        RemoveIndexUnlocked(model_name="client", name="client_residence_until"),
        AddIndexUnlocked(
            model_name="consent",
            index=models.Index(
                condition=models.Q(("valid_until__isnull", False)),
                fields=["valid_until", "id"],
                name="consent_valid_until_order",
            ),
        ),
        RemoveIndexUnlocked(model_name="consent", name="consent_valid_until"),
    ]
