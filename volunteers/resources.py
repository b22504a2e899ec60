"""The import of volunteers with languages, municipalities and the police-certificate inspection
(docs/import.md). Natural key: the e-mail address if there is one, otherwise family name + given
names + date of birth (case and spaces ignored).

Export of the volunteer list (cases/exports.py).
"""

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from cases.models import Municipality
from cases.resources import LanguagesWidget
from wir_fallmanagement.importing import (
    ChoiceWidget,
    DateWidget,
    ImportResource,
    TextWidget,
    YesNoWidget,
    column,
    fold,
    only_declared,
    split_list,
)
from wir_fallmanagement.spreadsheets import ExportResource
from wir_fallmanagement.spreadsheets import column as export_column

from . import services
from .models import Volunteer, VolunteerLanguage


class MunicipalitiesWidget(widgets.ManyToManyWidget):
    """ "Erbach; Michelstadt": municipalities by name, each one known."""

    def __init__(self, **kwargs):
        super().__init__(Municipality, field="name", **kwargs)

    def clean(self, value, row=None, **kwargs):
        found = []
        for name in split_list(value):
            municipality = Municipality.objects.filter(name__iexact=name).first()
            if municipality is None:
                raise ValueError(gettext("Unbekannte Kommune „%(value)s“.") % {"value": name[:80]})
            found.append(municipality)
        return found


POLICE = ("police_certificate_issued_on", "police_certificate_inspected_on", "police_certificate_result")


class VolunteerImportResource(ImportResource):
    family_name = column("family_name", "Familienname")
    given_names = column("given_names", "Vorname(n)")
    email = column("email", "E-Mail")
    phone = column("phone", "Telefon")
    date_of_birth = column("date_of_birth", "Geburtsdatum", DateWidget(past_only=True))
    street = column("street", "Straße und Hausnummer")
    postcode = column("postcode", "PLZ")
    town = column("town", "Ort")
    status = column("status", "Status", ChoiceWidget(Volunteer.Status, default=Volunteer.Status.PROSPECT))
    languages_import = column("languages_import", "Sprachen", LanguagesWidget())
    municipalities = fields.Field(
        attribute="municipalities", column_name="Kommunen", widget=MunicipalitiesWidget(), m2m_add=False
    )
    skills = column("skills", "Fähigkeiten und Interessen")
    lay_interpreter = column("lay_interpreter", "Sprachmittler:in", YesNoWidget())
    police_certificate_issued_on = column(
        "police_certificate_issued_on", "Führungszeugnis ausgestellt am", DateWidget(past_only=True)
    )
    police_certificate_inspected_on = column(
        "police_certificate_inspected_on", "Führungszeugnis eingesehen am", DateWidget(past_only=True)
    )
    police_certificate_result = column(
        "police_certificate_result",
        "Ergebnis Führungszeugnis",
        ChoiceWidget(Volunteer.PoliceCertificateResult),
    )
    note = column("note", "Notiz")

    key_columns = ("E-Mail", "Familienname", "Vorname(n)", "Geburtsdatum")
    required_columns = ("Familienname", "Vorname(n)")
    example = {
        "Familienname": "Schneider",
        "Vorname(n)": "Erika",
        "E-Mail": "erika.schneider@example.org",
        "Telefon": "+49 6062 12345",
        "Geburtsdatum": "14.03.1968",
        "Straße und Hausnummer": "Hauptstraße 1",
        "PLZ": "64711",
        "Ort": "Erbach",
        "Status": "aktiv",
        "Sprachen": "Arabisch (fließend); Englisch (gut)",
        "Kommunen": "Erbach; Michelstadt",
        "Fähigkeiten und Interessen": "Behördengänge, Hausaufgabenhilfe",
        "Sprachmittler:in": "ja",
        "Führungszeugnis ausgestellt am": "02.01.2025",
        "Führungszeugnis eingesehen am": "15.01.2025",
        "Ergebnis Führungszeugnis": "ohne Eintrag – unbedenklich",
        "Notiz": "",
    }

    class Meta(ImportResource.Meta):
        model = Volunteer
        exclude = only_declared(Volunteer)

    def natural_key(self, row):
        email = fold(row.get("E-Mail"))
        if email:
            return ("email", email)
        name = (fold(row.get("Familienname")), fold(row.get("Vorname(n)")))
        try:
            born = DateWidget().clean(row.get("Geburtsdatum"))
        except ValueError:
            return None
        return ("name", *name, born) if all(name) else None

    def key_column(self, key):
        return "E-Mail" if key[0] == "email" else "Familienname"

    def find_existing(self, key):
        if key[0] == "email":
            return Volunteer.objects.filter(email__iexact=key[1]).first()
        _kind, family, given, born = key
        return (
            Volunteer.objects.annotate(f=Lower("family_name"), g=Lower("given_names"))
            .filter(f=family, g=given, date_of_birth=born)
            .order_by("created_at")
            .first()
        )

    def label(self, row):
        return f"{TextWidget().clean(row.get('Vorname(n)'))} {TextWidget().clean(row.get('Familienname'))}".strip()

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._previous_status = None if new else instance.status
        instance.languages_import = (
            () if new else tuple(sorted(instance.languages.values_list("language__code", "level")))
        )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        given = [name for name in POLICE if getattr(instance, name) not in (None, "")]
        if given and len(given) < len(POLICE) and not set(POLICE) & set(errors):
            for name in POLICE:
                if name not in given:
                    errors[name] = [
                        gettext(
                            "Zum Führungszeugnis gehören Ausstellungsdatum, Datum der Einsicht und Ergebnis; "
                            "dieses fehlt."
                        )
                    ]
        issued, inspected = instance.police_certificate_issued_on, instance.police_certificate_inspected_on
        if issued and inspected and issued > inspected and "police_certificate_issued_on" not in errors:
            errors["police_certificate_issued_on"] = [
                gettext("Das Führungszeugnis kann nicht nach der Einsicht ausgestellt worden sein.")
            ]
        if inspected and not instance.police_certificate_inspected_by_id:
            instance.police_certificate_inspected_by = self.user
        if not given:
            instance.police_certificate_inspected_by = None
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        services.save_volunteer(
            volunteer=instance,
            previous_status=instance._previous_status,
            municipalities=[] if is_create else list(instance.municipalities.all()),
            languages=[],
            removed_languages=[],
        )

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.sync_languages(instance, VolunteerLanguage, "volunteer", row)


class VolunteerExportResource(ExportResource):
    family_name = export_column("family_name", _("Familienname"))
    given_names = export_column("given_names", _("Vorname(n)"))
    status = export_column("get_status_display", _("Status"))
    email = export_column("email", _("E-Mail"))
    phone = export_column("phone", _("Telefon"))
    languages = export_column("languages", _("Sprachen"))
    municipalities = export_column("municipalities", _("Kommunen"))
    lay_interpreter = export_column("lay_interpreter", _("Sprachmittler:in"))
    active_assignments = export_column("active_assignment_count", _("aktive Begleitungen"))
    confidentiality_signed_on = export_column(
        "confidentiality_signed_on", _("Verschwiegenheitserklärung unterschrieben am")
    )

    def dehydrate_languages(self, volunteer):
        return ", ".join(vl.language.name for vl in volunteer.languages.all())

    def dehydrate_municipalities(self, volunteer):
        return ", ".join(m.name for m in volunteer.municipalities.all())
