"""Django's default cache lives in the database (settings.CACHES): create its table here, so that
`migrate` alone prepares a new installation. `createcachetable` skips tables that exist and caches
that are not database caches."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_submitted_form")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=False)]
