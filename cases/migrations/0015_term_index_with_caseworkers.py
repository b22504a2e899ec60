# The index of the search terms in list order carries the caseworkers (an index-only check).

from django.db import migrations, models

from wir_fallmanagement.migration_operations import AddIndexUnlocked, RemoveIndexUnlocked


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY: the table stays writable

    dependencies = [
        ('cases', '0014_search_term_caseworkers'),
    ]

    operations = [
        AddIndexUnlocked(
            model_name='clientsearchterm',
            index=models.Index(fields=['term', 'family_name', 'given_names', 'client'], include=('caseworker_ids',), name='client_term_order_cw'),
        ),
        RemoveIndexUnlocked(
            model_name='clientsearchterm',
            name='client_term_order',
        ),
    ]
