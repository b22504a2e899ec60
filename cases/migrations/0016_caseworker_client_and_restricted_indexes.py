# A caseworker's clients read from the index alone (follow-ups, counts), and the few people whose
# processing is restricted (Art. 18) as a small index to leave out.

from django.db import migrations, models

from wir_fallmanagement.migration_operations import AddIndexUnlocked


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY: the tables stay writable

    dependencies = [
        ('cases', '0015_term_index_with_caseworkers'),
    ]

    operations = [
        AddIndexUnlocked(
            model_name='case',
            index=models.Index(fields=['caseworker', 'client'], name='case_caseworker_client'),
        ),
        AddIndexUnlocked(
            model_name='client',
            index=models.Index(condition=models.Q(('restricted_at__isnull', False)), fields=['id'], name='client_restricted'),
        ),
    ]
