"""The import of clients with their households (docs/import.md).

Natural key: family name + given names + date of birth (case and spaces ignored), looked up
among the clients the importing user may see (with the dependants of their households) — a
colleague's client is never found, changed or named; the dry run only counts similar ones.

Exports of the cases app's staff lists (cases/exports.py): the client list and the follow-ups.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wir_fallmanagement.importing import (
    ByNameWidget,
    ChoiceWidget,
    DateWidget,
    ImportResource,
    TextWidget,
    YesNoWidget,
    column,
    fold,
    only_declared,
    parse_date,
    split_list,
)
from wir_fallmanagement.spreadsheets import ExportResource
from wir_fallmanagement.spreadsheets import column as export_column

from .models import (
    BG_NUMBER_UNAVAILABLE,
    Case,
    Client,
    ClientLanguage,
    Gender,
    Household,
    HouseholdRelation,
    Language,
    LanguageLevel,
    Municipality,
    ResidenceStatus,
    normalise_bg_number,
    validate_bg_number,
)


class LanguagesWidget(TextWidget):
    """ "Arabisch (Muttersprache); Deutsch (Grundkenntnisse)": languages by name or ISO code, with an
    optional level; returned as a sorted tuple of (code, level)."""

    def __init__(self, **kwargs):
        self._languages = None
        super().__init__(**kwargs)

    def _index(self):
        if self._languages is None:
            self._languages = {}
            for language in Language.objects.all():
                for name in (language.code, language.name, language.native_name):
                    if name:
                        self._languages[name.casefold()] = language
        return self._languages

    def ids_by_code(self) -> dict[str, int]:
        return {language.code: language.pk for language in self._index().values()}

    def clean(self, value, row=None, **kwargs):
        found = {}
        levels = {label.casefold(): stored for stored, label in LanguageLevel.choices}
        for part in split_list(value):
            name, _sep, level = part.partition("(")
            language = self._index().get(name.strip().casefold())
            if language is None:
                raise ValueError(gettext("Unbekannte Sprache „%(value)s“.") % {"value": name.strip()[:60]})
            stored = levels.get(level.rstrip(")").strip().casefold(), LanguageLevel.NATIVE) if level else "native"
            if level and level.rstrip(")").strip().casefold() not in levels:
                raise ValueError(
                    gettext("Unbekanntes Sprachniveau „%(value)s“. Erlaubt: %(allowed)s.")
                    % {"value": level.rstrip(")").strip()[:40], "allowed": ", ".join(map(str, LanguageLevel.labels))}
                )
            found[language.code] = stored
        return tuple(sorted(found.items()))


class CountriesWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        codes = []
        for part in split_list(value):
            code = (
                part.upper() if len(part) == 2 and part.upper() in countries else countries.by_name(part, language="de")
            )
            code = code or countries.by_name(part)
            if not code:
                raise ValueError(gettext("Unbekannte Staatsangehörigkeit „%(value)s“.") % {"value": part[:60]})
            codes.append(code)
        return sorted(set(codes))


class BirthDateWidget(TextWidget):
    """A full date or the year alone; returned as (day, month, year)."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value)
        if not text:
            raise ValueError(gettext("Das Geburtsdatum fehlt (Datum oder wenigstens das Jahr)."))
        if len(text) == 4 and text.isdigit():
            year = int(text)
            if year > timezone.localdate().year:
                raise ValueError(gettext("Das Geburtsjahr %(year)s liegt in der Zukunft.") % {"year": year})
            return (None, None, year)
        try:
            day = parse_date(value)
        except (ValueError, OverflowError):
            raise ValueError(
                gettext("„%(value)s“ ist kein Datum. Erlaubt sind z. B. 31.12.1990, 1990-12-31 oder 1990.")
                % {"value": text[:40]}
            ) from None
        if day > timezone.localdate():
            raise ValueError(gettext("Das Datum %(day)s liegt in der Zukunft.") % {"day": day.strftime("%d.%m.%Y")})
        return (day.day, day.month, day.year)


class BgNumberWidget(TextWidget):
    def clean(self, value, row=None, **kwargs):
        number = normalise_bg_number(super().clean(value))
        if number:
            try:
                validate_bg_number(number)
            except ValidationError as error:
                raise ValueError(
                    gettext("Ungültige BG-Nummer „%(value)s“. ") % {"value": number[:20]} + error.messages[0]
                ) from None
        return number


class ClientImportResource(ImportResource):
    """Klient:innen mit Bedarfsgemeinschaft. Each new client gets a case of the chosen caseworker,
    except children (role "Kind") of a household, who are its dependants as in the client form."""

    family_name = column("family_name", "Familienname")
    given_names = column("given_names", "Vorname(n)")
    birth = column("birth", "Geburtsdatum", BirthDateWidget())
    gender = column("gender", "Geschlecht", ChoiceWidget(Gender, default=Gender.NOT_STATED))
    family_name_original = column("family_name_original", "Familienname (Originalschrift)")
    given_names_original = column("given_names_original", "Vorname(n) (Originalschrift)")
    nationalities = column("nationalities", "Staatsangehörigkeit", CountriesWidget())
    languages_import = column("languages_import", "Sprachen", LanguagesWidget())
    interpreter_needed = column("interpreter_needed", "Dolmetscher:in nötig", YesNoWidget())
    residence_status = column("residence_status", "Aufenthaltsstatus", ChoiceWidget(ResidenceStatus))
    residence_valid_until = column("residence_valid_until", "Aufenthaltstitel gültig bis", DateWidget())
    street = column("street", "Straße und Hausnummer")
    postcode = column("postcode", "PLZ")
    municipality = column(
        "municipality",
        "Kommune",
        ByNameWidget(Municipality.objects.all(), message=gettext("Unbekannte Kommune „%(value)s“.")),
    )
    phone = column("phone", "Telefon")
    email = column("email", "E-Mail")
    kjc_customer_number = column("kjc_customer_number", "Kundennummer KJC")
    bg_number = column("bg_number", "BG-Nummer", BgNumberWidget())
    household_relation = column("household_relation", "Rolle in der BG", ChoiceWidget(HouseholdRelation))

    key_columns = ("Familienname", "Vorname(n)", "Geburtsdatum")
    required_columns = ("Familienname", "Vorname(n)", "Geburtsdatum")
    example = {
        "Familienname": "Haddad",
        "Vorname(n)": "Mariam",
        "Geburtsdatum": "04.07.1988",
        "Geschlecht": "weiblich",
        "Familienname (Originalschrift)": "حداد",
        "Vorname(n) (Originalschrift)": "مريم",
        "Staatsangehörigkeit": "Syrien",
        "Sprachen": "Arabisch (Muttersprache); Deutsch (Grundkenntnisse)",
        "Dolmetscher:in nötig": "ja",
        "Aufenthaltsstatus": "Aufenthaltserlaubnis",
        "Aufenthaltstitel gültig bis": "31.12.2027",
        "Straße und Hausnummer": "Bahnhofstraße 5",
        "PLZ": "64711",
        "Kommune": "Erbach",
        "Telefon": "+49 6062 98765",
        "E-Mail": "",
        "Kundennummer KJC": "",
        "BG-Nummer": "06431BG0012345",
        "Rolle in der BG": "Antragsteller:in",
    }

    class Meta(ImportResource.Meta):
        model = Client
        exclude = only_declared(Client)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._visible = Client.objects.visible_with_dependants(self.user)
        self._decided: dict[str, Household | bool] = {}
        self._new_households: set[int] = set()

    def natural_key(self, row):
        try:
            birth = BirthDateWidget().clean(row.get("Geburtsdatum"))
        except ValueError:
            return None
        name = (fold(row.get("Familienname")), fold(row.get("Vorname(n)")))
        return (*name, *birth) if all(name) else None

    def before_import(self, dataset, **kwargs):
        """The existing clients the file may mean, in one query (a lookup per row would scan the
        table once per row): the visible ones whose family name occurs in the file."""
        super().before_import(dataset, **kwargs)
        names = {fold(name) for name in dataset["Familienname"]} if "Familienname" in dataset.headers else set()
        self._existing = {}
        candidates = (
            self._visible.annotate(f=Lower("family_name"))
            .filter(f__in=names)
            .select_related("household")
            .order_by("-created_at")
        )
        for client in candidates.iterator(chunk_size=2000):
            key = (fold(client.family_name), fold(client.given_names), client.birth_day, client.birth_month)
            self._existing[(*key, client.birth_year)] = client  # the oldest record wins

    def find_existing(self, key):
        return self._existing.get(key)

    def label(self, row):
        return f"{TextWidget().clean(row.get('Vorname(n)'))} {TextWidget().clean(row.get('Familienname'))}".strip()

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.birth = (instance.birth_day, instance.birth_month, instance.birth_year) if not new else None
        instance.bg_number = instance.household.bg_number if instance.household_id else ""
        instance.languages_import = (
            tuple(sorted(instance.languages.values_list("language__code", "level"))) if not new else ()
        )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.birth:
            instance.birth_day, instance.birth_month, instance.birth_year = instance.birth
        instance._import_household = None
        if instance.bg_number and "bg_number" not in errors:
            household = self._household(instance.bg_number, instance)
            if household is False:
                errors["bg_number"] = [BG_NUMBER_UNAVAILABLE]
            instance._import_household = household
        if not instance.bg_number:
            instance.household_relation = ""
        if errors:
            raise ValidationError(errors)

    def _household(self, number: str, instance: Client):
        """The existing household with this number if the user may join it, None if new, False if not.
        Decisions on households that existed before the import are remembered for the next members;
        one created by this import is joined by the file's other members."""
        if number in self._decided:
            return self._decided[number]
        household = Household.objects.filter(bg_number=number).first()
        if household is None or household.pk in self._new_households:
            return household
        member = instance if instance.pk else None
        decision = household if household.may_be_joined_by(self.user, member=member) else False
        if member is None or member.household_id != household.pk:  # not the member's own household
            self._decided[number] = decision
        return decision

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        if instance.bg_number:
            household = instance._import_household
            if household is None:
                household = Household(bg_number=instance.bg_number)
                household._change_reason = self.reason
                household.save()
                self._new_households.add(household.pk)
            instance.household = household
        else:
            instance.household = None
        if instance.pk and not instance._state.adding:
            instance.version += 1

    def after_save_instance(self, instance, row, **kwargs):
        super().after_save_instance(instance, row, **kwargs)
        self.sync_languages(instance, ClientLanguage, "client", row)
        dependant = instance.household_relation == HouseholdRelation.CHILD and instance.household_id
        new = instance._import_adding
        if not dependant and (new or not instance.cases.exclude(status=Case.Status.CLOSED).exists()):
            case = Case(client=instance, caseworker=self.caseworker or self.user, opened_on=datetime.date.today())
            case._change_reason = self.reason
            case.save()

    def note(self, row, new):
        if not new:
            return {}
        try:
            year = BirthDateWidget().clean(row.get("Geburtsdatum"))[2]
        except ValueError:
            return {}
        visible, hidden = Client.objects.probable_duplicates(
            self.user,
            given_names=TextWidget().clean(row.get("Vorname(n)")),
            family_name=TextWidget().clean(row.get("Familienname")),
            birth_year=year,
            created_before=self.started_at,
        )
        if not visible and not hidden:
            return {}
        return {
            "duplicates": [{"id": str(c.pk), "name": c.full_name, "born": c.date_of_birth_display} for c in visible],
            "hidden_duplicates": hidden,
        }


class ClientExportResource(ExportResource):
    family_name = export_column("family_name", _("Familienname"))
    given_names = export_column("given_names", _("Vorname(n)"))
    date_of_birth = export_column("date_of_birth_display", _("Geburtsdatum"))
    birth_year = export_column("birth_year", _("Geburtsjahr"))
    gender = export_column("get_gender_display", _("Geschlecht"))
    municipality = export_column("municipality", _("Kommune"))
    bg_number = export_column("household__bg_number", _("BG-Nummer"))
    case_status = export_column("open_case__get_status_display", _("Fallstatus"))
    caseworker = export_column("open_case__caseworker", _("zuständig"))

    def dehydrate_date_of_birth(self, client):
        """A date when day and month are known, else the text with "??" (as on the page)."""
        if client.birth_day and client.birth_month:
            try:
                return datetime.date(client.birth_year, client.birth_month, client.birth_day)
            except ValueError:
                pass
        return client.date_of_birth_display


class FollowUpExportResource(ExportResource):
    due_on = export_column("due_on", _("fällig am"))
    family_name = export_column("client__family_name", _("Familienname"))
    given_names = export_column("client__given_names", _("Vorname(n)"))
    text = export_column("text", _("Worum geht es?"))
    owner = export_column("owner", _("zuständig"))
    created_at = export_column("created_at", _("angelegt am"))
