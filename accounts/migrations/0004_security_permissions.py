from django.db import migrations


def sync_roles(apps, schema_editor):
    from accounts.roles import sync_role_permissions

    sync_role_permissions(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_accesslog"),
        ("axes", "0010_accessattemptexpiration"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
