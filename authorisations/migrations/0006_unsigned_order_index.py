# The dashboard's "printed, not signed for 14 days", oldest first: read from the index in that order.

from django.db import migrations, models

from wir_fallmanagement.migration_operations import AddIndexUnlocked


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the table stays writable

    dependencies = [
        ("authorisations", "0005_scale_indexes_3"),
    ]

    operations = [
        AddIndexUnlocked(
            model_name="authorisation",
            index=models.Index(
                condition=models.Q(("status", "printed")),
                fields=["printed_at", "id"],
                name="authorisation_unsigned",
            ),
        ),
    ]
