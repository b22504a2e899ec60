"""The import of providers (Träger) and offers with their translations (docs/import.md).

Natural keys: a provider by its name; an offer by its provider's name + its German title (case and
spaces ignored). Offers name an existing provider: import the providers first.

Exports of the offers app's staff lists (cases/exports.py): an offer's referrals, its
participant list for the provider, and the BuT applications.
"""

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from cases.models import Language, Municipality
from wir_fallmanagement.importing import (
    ByNameWidget,
    ChoiceWidget,
    DateWidget,
    ImportResource,
    NumberWidget,
    TextWidget,
    YesNoWidget,
    column,
    fold,
    only_declared,
    split_list,
)
from wir_fallmanagement.spreadsheets import ExportResource
from wir_fallmanagement.spreadsheets import column as export_column

from .models import ButCategory, Category, Offer, OfferTranslation, Provider, directory_language_codes


class ProviderImportResource(ImportResource):
    name = column("name", "Name")
    kind = column("kind", "Art", ChoiceWidget(Provider.Kind, default=Provider.Kind.OTHER))
    contact_person = column("contact_person", "Ansprechperson")
    phone = column("phone", "Telefon")
    email = column("email", "E-Mail")
    website = column("website", "Internetseite")
    address = column("address", "Anschrift")
    note = column("note", "Notiz")

    key_columns = ("Name",)
    required_columns = ("Name",)
    example = {
        "Name": "TSV Erbach 1861 e. V.",
        "Art": "Verein",
        "Ansprechperson": "Jonas Weber",
        "Telefon": "06062 4711",
        "E-Mail": "info@tsv-erbach.example",
        "Internetseite": "https://tsv-erbach.example",
        "Anschrift": "Sportplatzweg 3, 64711 Erbach",
        "Notiz": "",
    }

    class Meta(ImportResource.Meta):
        model = Provider
        exclude = only_declared(Provider)

    def natural_key(self, row):
        name = fold(row.get("Name"))
        return (name,) if name else None

    def find_existing(self, key):
        return Provider.objects.annotate(n=Lower("name")).filter(n=key[0]).first()

    def label(self, row):
        return TextWidget().clean(row.get("Name"))


class LanguagesByNameWidget(widgets.ManyToManyWidget):
    def __init__(self, **kwargs):
        super().__init__(Language, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        found = []
        for name in split_list(value):
            language = (
                Language.objects.filter(name__iexact=name).first() or Language.objects.filter(code__iexact=name).first()
            )
            if language is None:
                raise ValueError(gettext("Unbekannte Sprache „%(value)s“.") % {"value": name[:60]})
            found.append(language)
        return found


TRANSLATED = (("title", "Titel"), ("description", "Beschreibung"), ("schedule", "Zeiten"))

# The translation columns of the offer template: the languages the public directory starts with (offers
# migration 0007 switches them on). The columns are fixed when the module loads; a row may only fill a
# language that is switched on in the directory (master data, /setup/languages/).
TRANSLATION_LANGUAGES = {
    "en": "Englisch",
    "ar": "Arabisch",
    "fa": "Dari/Farsi",
    "uk": "Ukrainisch",
    "ti": "Tigrinya",
    "tr": "Türkisch",
}


def _translation_fields():
    out = {}
    for code, language in TRANSLATION_LANGUAGES.items():
        for attribute, header in TRANSLATED:
            out[f"tr_{code}_{attribute}"] = column(f"tr_{code}_{attribute}", f"{header} ({language})")
    return out


class OfferImportResource(ImportResource):
    title = column("title", "Titel")
    provider = column(
        "provider",
        "Träger",
        ByNameWidget(
            Provider.objects.all(),
            message=gettext("Unbekannter Träger „%(value)s“. Bitte importieren oder legen Sie ihn zuerst an."),
        ),
    )
    category = column(
        "category",
        "Kategorie",
        ByNameWidget(Category.objects.all(), message=gettext("Unbekannte Kategorie „%(value)s“.")),
    )
    municipality = column(
        "municipality",
        "Kommune",
        ByNameWidget(Municipality.objects.all(), message=gettext("Unbekannte Kommune „%(value)s“.")),
    )
    description = column("description", "Beschreibung")
    address = column("address", "Ort und Anschrift")
    min_age = column("min_age", "Alter von", NumberWidget())
    max_age = column("max_age", "Alter bis", NumberWidget())
    gender = column("gender", "Für", ChoiceWidget(Offer.Gender, default=Offer.Gender.ALL))
    languages = fields.Field(
        attribute="languages", column_name="Sprachen", widget=LanguagesByNameWidget(), m2m_add=False
    )
    schedule = column("schedule", "Zeiten")
    capacity = column("capacity", "Plätze", NumberWidget())
    fee = column("fee", "Kosten (Euro)", NumberWidget(decimal=True))
    fee_note = column("fee_note", "Hinweis zu den Kosten")
    but_eligible = column("but_eligible", "BuT-fähig", YesNoWidget())
    but_category = column("but_category", "BuT-Leistung", ChoiceWidget(ButCategory))
    contact_name = column("contact_name", "Ansprechperson")
    contact_phone = column("contact_phone", "Telefon")
    contact_email = column("contact_email", "E-Mail")
    active_from = column("active_from", "läuft ab", DateWidget())
    active_until = column("active_until", "läuft bis", DateWidget())
    locals().update(_translation_fields())

    key_columns = ("Titel", "Träger")
    required_columns = ("Titel", "Träger", "Kategorie")
    example = {
        "Titel": "Schwimmkurs für Kinder",
        "Träger": "TSV Erbach 1861 e. V.",
        "Kategorie": "Schwimmen",
        "Kommune": "Erbach",
        "Beschreibung": "Anfängerkurs im Hallenbad, Seepferdchen-Abzeichen möglich.",
        "Ort und Anschrift": "Hallenbad Erbach, Am Bad 1",
        "Alter von": "6",
        "Alter bis": "10",
        "Für": "alle",
        "Sprachen": "Deutsch; Arabisch",
        "Zeiten": "dienstags 16:00–17:00 Uhr",
        "Plätze": "12",
        "Kosten (Euro)": "25,00",
        "Hinweis zu den Kosten": "pro Monat",
        "BuT-fähig": "ja",
        "BuT-Leistung": "soziale und kulturelle Teilhabe",
        "läuft ab": "01.09.2025",
        "Titel (Englisch)": "Swimming course for children",
        "Titel (Arabisch)": "دورة سباحة للأطفال",
        "Titel (Tigrinya)": "ትምህርቲ ሕምባሰ ንቆልዑ",
        "Titel (Türkisch)": "Çocuklar için yüzme kursu",
    }

    class Meta(ImportResource.Meta):
        model = Offer
        exclude = only_declared(Offer)

    def natural_key(self, row):
        title, provider = fold(row.get("Titel")), fold(row.get("Träger"))
        return (provider, title) if title and provider else None

    def find_existing(self, key):
        provider, title = key
        return (
            Offer.objects.annotate(p=Lower("provider__name"), t=Lower("title"))
            .filter(p=provider, t=title)
            .order_by("created_at")
            .first()
        )

    def label(self, row):
        return f"{TextWidget().clean(row.get('Titel'))} ({TextWidget().clean(row.get('Träger'))})"

    def after_init_instance(self, instance, new, row, **kwargs):
        existing = {} if new else {t.language: t for t in instance.translations.all()}
        for code in TRANSLATION_LANGUAGES:
            for attribute, _column in TRANSLATED:
                setattr(instance, f"tr_{code}_{attribute}", getattr(existing.get(code), attribute, ""))

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.active_from is None:
            instance.active_from = instance._meta.getcolumn("active_from").get_default()
        if instance.fee is None:
            instance.fee = 0
        switched_on = directory_language_codes()
        for code, language in TRANSLATION_LANGUAGES.items():
            texts = [getattr(instance, f"tr_{code}_{attribute}") for attribute, _c in TRANSLATED]
            if any(texts) and code not in switched_on:
                errors[f"tr_{code}_title"] = [
                    gettext("Übersetzungen (%(language)s) sind im Verzeichnis nicht eingeschaltet.")
                    % {"language": language}
                ]
            elif any(texts[1:]) and not texts[0]:
                errors[f"tr_{code}_title"] = [
                    gettext("Zur Übersetzung (%(language)s) fehlt der Titel.") % {"language": language}
                ]
        if errors:
            raise ValidationError(errors)

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        existing = {t.language: t for t in instance.translations.all()}
        for code, language in TRANSLATION_LANGUAGES.items():
            if f"Titel ({language})" not in row:
                continue
            texts = {attribute: getattr(instance, f"tr_{code}_{attribute}") for attribute, _c in TRANSLATED}
            translation = existing.get(code)
            if not texts["title"]:
                if translation is not None:
                    translation._change_reason = self.reason
                    translation.delete()
                continue
            translation = translation or OfferTranslation(offer=instance, language=code)
            if translation.pk and all(getattr(translation, k) == v for k, v in texts.items()):
                continue
            for key, value in texts.items():
                setattr(translation, key, value)
            translation._change_reason = self.reason
            translation.full_clean(exclude=["offer"])
            translation.save()


class ReferralExportResource(ExportResource):
    offer = export_column("offer__title", _("Angebot"))
    family_name = export_column("client__family_name", _("Familienname"))
    given_names = export_column("client__given_names", _("Vorname(n)"))
    status = export_column("get_status_display", _("Status"))
    suggested_on = export_column("suggested_on", _("vorgeschlagen am"))
    registered_on = export_column("registered_on", _("angemeldet am"))
    waitlisted_at = export_column("waitlisted_at", _("auf der Warteliste seit"))
    started_on = export_column("started_on", _("nimmt teil seit"))
    ended_on = export_column("ended_on", _("beendet am"))


class ParticipantExportResource(ExportResource):
    """What the provider receives: name, year of birth, status and dates — no address, no case data."""

    offer = export_column("offer__title", _("Angebot"))
    provider = export_column("offer__provider__name", _("Träger"))
    family_name = export_column("client__family_name", _("Familienname"))
    given_names = export_column("client__given_names", _("Vorname(n)"))
    birth_year = export_column("client__birth_year", _("Geburtsjahr"))
    status = export_column("get_status_display", _("Status"))
    registered_on = export_column("registered_on", _("angemeldet am"))
    started_on = export_column("started_on", _("nimmt teil seit"))


class ButApplicationExportResource(ExportResource):
    family_name = export_column("child__family_name", _("Familienname"))
    given_names = export_column("child__given_names", _("Vorname(n)"))
    birth_year = export_column("child__birth_year", _("Geburtsjahr"))
    category = export_column("get_category_display", _("Leistung"))
    amount = export_column("amount", _("Betrag (Euro)"))
    status = export_column("get_status_display", _("Status"))
    advised_on = export_column("advised_on", _("beraten am"))
    applied_on = export_column("applied_on", _("beantragt am"))
    decided_on = export_column("decided_on", _("entschieden am"))
    period_from = export_column("period_from", _("Bewilligungszeitraum von"))
    period_until = export_column("period_until", _("Bewilligungszeitraum bis"))
