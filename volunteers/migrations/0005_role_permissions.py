from django.db import migrations


def sync_roles(apps, schema_editor):
    from accounts.roles import sync_role_permissions

    sync_role_permissions(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0004_registry_portal"),
        ("accounts", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
