"""Model permissions per role, applied by migrations (`sync_role_permissions`).

Object-level access (which client a caseworker may see) is decided by the QuerySet methods on the
models (`Client.objects.visible_to(user)`) through the access helpers of the views; these model
permissions govern the Django admin, which only administrators reach. Later migrations call `sync_role_permissions`
again after adding models, so a new model's permissions reach the roles in the same deploy.
"""

from django.contrib.auth.management import create_permissions

from .models import Role

# "app_label.*" grants every permission of an app; "app_label.codename" grants one.
ROLE_PERMISSIONS = {
    Role.ADMIN: [
        "accounts.*",
        "auth.view_group",
        "cases.*",
        "offers.*",
        "volunteers.*",
        "authorisations.*",
        "reports.*",
        "privacy.*",
        "axes.*",  # unlock accounts
        "otp_totp.*",  # reset a lost authenticator
        "otp_static.*",
    ],
    Role.TEAMLEAD: [],
    Role.CASEWORKER: [],
    Role.VOLUNTEER: [],
    Role.KJC: [],
    # Read-only, and only what the data protection officer's pages show (/privacy/): never case data.
    Role.DPO: [
        "privacy.view_retentionperiod",
        "privacy.view_retentionrun",
        "privacy.view_erasurerequest",
        "cases.view_accesslog",
    ],
}


def sync_role_permissions(apps, schema_editor=None):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role.value)
        perms = []
        for grant in grants:
            app_label, codename = grant.split(".")
            qs = Permission.objects.filter(content_type__app_label=app_label)
            if codename != "*":
                qs = qs.filter(codename=codename)
            perms.extend(qs)
        group.permissions.set(perms)
