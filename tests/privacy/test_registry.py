"""Every stored field is classified (category + deletion rule), and docs/data-protection.md is the
classification as it stands."""

from pathlib import Path

from django.conf import settings
from django.db import models

from privacy import registry
from wir_fallmanagement.data_protection import Category, ModelRules, Rule


def test_every_stored_field_of_every_project_model_has_an_entry():
    assert registry.unclassified() == []


def test_the_check_covers_history_tables_and_every_app():
    labels = {m._meta.label for m in registry.project_models()}
    assert {
        "cases.HistoricalClient",
        "cases.AccessLog",
        "authorisations.AuthorisationPdf",
        "privacy.LegalHold",
    } <= labels
    apps = {m._meta.app_label for m in registry.project_models()}
    assert {"accounts", "cases", "offers", "volunteers", "authorisations", "reports", "privacy"} <= apps


def test_a_new_field_without_an_entry_is_reported(monkeypatch):
    from cases.models import Client

    rules = registry.CLASSIFICATION[Client]
    reduced = ModelRules(rules.retention, rules.purpose, {k: v for k, v in rules.fields.items() if k != "email"})
    monkeypatch.setitem(registry.CLASSIFICATION, Client, reduced)
    assert sorted(registry.unclassified()) == ["cases.Client.email", "cases.HistoricalClient.email"]


def test_no_entry_names_a_field_that_does_not_exist():
    assert registry.stale() == []


def test_entries_use_the_vocabulary():
    for rules in registry.CLASSIFICATION.values():
        for category, rule in rules.fields.values():
            assert category in Category.values and rule in Rule.values


def test_free_text_about_clients_is_never_kept():
    """Names, notes and other free text of records that outlive the client must be emptied."""
    for model, rules in registry.CLASSIFICATION.items():
        if rules.retention != "client":
            continue
        for name, (_category, rule) in rules.fields.items():
            field = model._meta.get_field(name)
            if isinstance(field, models.TextField | models.CharField) and not field.choices:
                assert rule in (Rule.BLANK, Rule.DELETE), f"{model._meta.label}.{name}"


def test_the_document_is_generated_from_the_classification():
    text = (Path(settings.BASE_DIR) / "docs" / "data-protection.md").read_text()
    assert registry.generated_markdown() in text, "run: python manage.py data_protection_doc"
    for heading in ("Zwecke und Rechtsgrundlagen", "Empfänger", "Löschfristen", "§ 67", "Art. 9", "Art. 30"):
        assert heading in text
