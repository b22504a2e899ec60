from django.db import migrations

# Languages most often needed in refugee work in Hesse; administrators can add more in /admin/.
LANGUAGES = [
    ("de", "Deutsch", "Deutsch", False),
    ("ar", "Arabisch", "العربية", True),
    ("fa", "Persisch (Farsi)", "فارسی", True),
    ("prs", "Dari", "دری", True),
    ("ps", "Paschtu", "پښتو", True),
    ("ku", "Kurdisch (Kurmandschi)", "Kurmancî", False),
    ("ckb", "Kurdisch (Sorani)", "کوردیی ناوەندی", True),
    ("ti", "Tigrinya", "ትግርኛ", False),
    ("am", "Amharisch", "አማርኛ", False),
    ("so", "Somali", "Soomaali", False),
    ("tr", "Türkisch", "Türkçe", False),
    ("uk", "Ukrainisch", "Українська", False),
    ("ru", "Russisch", "Русский", False),
    ("en", "Englisch", "English", False),
    ("fr", "Französisch", "Français", False),
    ("ur", "Urdu", "اردو", True),
    ("sq", "Albanisch", "Shqip", False),
    ("sr", "Serbisch", "Српски", False),
    ("ro", "Rumänisch", "Română", False),
    ("pl", "Polnisch", "Polski", False),
]


def add_languages(apps, schema_editor):
    Language = apps.get_model("cases", "Language")
    for code, name, native, rtl in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "native_name": native, "is_rtl": rtl})


def sync_roles(apps, schema_editor):
    from accounts.roles import sync_role_permissions

    sync_role_permissions(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("accounts", "0002_roles"),
    ]

    operations = [
        migrations.RunPython(add_languages, migrations.RunPython.noop),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
