# The access log moves from accounts to cases, next to the client it points to. Only Django's
# model state changes: the table keeps its name "accounts_accesslog", its rows and its append-only
# trigger (accounts/immutable.py). accounts.0007 removes the model from the accounts state.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Keep the content type row (and any permission granted on it) for the moved model."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="cases", model="accesslog").exists():
        ContentType.objects.filter(app_label="accounts", model="accesslog").update(app_label="cases")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="accounts", model="accesslog").exists():
        ContentType.objects.filter(app_label="cases", model="accesslog").update(app_label="accounts")


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0005_submitted_form"),
        ("cases", "0003_document_kind_authorisation"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccessLog",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="Zeitpunkt")),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("view", "angesehen"),
                                    ("document", "Dokument geöffnet"),
                                    ("pdf", "PDF heruntergeladen"),
                                    ("history", "Verlauf angesehen"),
                                    ("export", "Auskunft exportiert"),
                                    ("portal", "im Portal angesehen"),
                                ],
                                max_length=10,
                                verbose_name="Zugriff",
                            ),
                        ),
                        (
                            "target",
                            models.CharField(blank=True, help_text="Art und Nummer, nie Inhalte", max_length=100, verbose_name="Objekt"),
                        ),
                        (
                            "client",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="cases.client",
                                verbose_name="Klient:in",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="Benutzer:in",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "Zugriffsprotokoll",
                        "verbose_name_plural": "Zugriffsprotokolle",
                        "db_table": "accounts_accesslog",
                        "ordering": ["-at"],
                        "indexes": [models.Index(fields=["client", "-at"], name="accesslog_client_at")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
