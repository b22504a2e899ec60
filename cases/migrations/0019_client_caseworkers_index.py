# The names' index now holds the caseworkers too (Client.caseworker_ids, 0018): a caseworker's
# search of several words intersects both inside one index. Built without locking the table; the
# index of the names alone goes.

import django.contrib.postgres.indexes
import django.db.models.expressions
import django.db.models.functions.comparison  # noqa: F401 (the expression below)
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

from wir_fallmanagement.migration_operations import AddIndexUnlocked, RemoveIndexUnlocked


def names():
    words = django.db.models.expressions.Func(
        django.db.models.expressions.Func(django.db.models.expressions.F("search_document"), function="btrim"),
        django.db.models.expressions.Value(" "),
        function="string_to_array",
    )
    return django.db.models.expressions.Func(words, function="array_to_tsvector", output_field=SearchVectorField())


class Migration(migrations.Migration):
    atomic = False  # CREATE/DROP INDEX CONCURRENTLY: the table stays writable

    dependencies = [
        ("cases", "0018_client_caseworker_ids"),
    ]

    operations = [
        AddIndexUnlocked(
            model_name="client",
            index=django.contrib.postgres.indexes.GinIndex(
                names(), django.db.models.expressions.F("caseworker_ids"), name="client_search_terms_cw"
            ),
        ),
        RemoveIndexUnlocked(model_name="client", name="client_search_terms"),
    ]
