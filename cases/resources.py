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
from simple_history.utils import bulk_create_with_history

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
    ClientSearchTerm,
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


#: Rows per INSERT statement of the commit's bulk writes.
BATCH = 1000


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
        use_bulk = True  # no savepoint per row: rows only read, `_write` writes after the last row

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._visible = Client.objects.visible_with_dependants(self.user)
        self._decided: dict[str, Household | bool] = {}
        self._new_numbers: set[str] = set()
        self._pending: list[Client] = []
        self._similar: list[tuple[int, tuple]] = []

    def natural_key(self, row):
        try:
            birth = BirthDateWidget().clean(row.get("Geburtsdatum"))
        except ValueError:
            return None
        name = (fold(row.get("Familienname")), fold(row.get("Vorname(n)")))
        return (*name, *birth) if all(name) else None

    def before_import(self, dataset, **kwargs):
        """What the file may refer to, in a few queries for the whole file (a lookup per row would
        be a round trip per row): the visible clients whose family name occurs in the file, with
        their household, municipality and languages; the households of the file's BG numbers and
        which of them the user may join."""
        super().before_import(dataset, **kwargs)
        names = {fold(name) for name in dataset["Familienname"]} if "Familienname" in dataset.headers else set()
        self._existing = {}
        candidates = (
            self._visible.annotate(f=Lower("family_name"))
            .filter(f__in=names)
            .select_related("household", "municipality")
            .prefetch_related("languages__language")
            .order_by("-created_at")
        )
        for client in candidates.iterator(chunk_size=2000):
            key = (fold(client.family_name), fold(client.given_names), client.birth_day, client.birth_month)
            self._existing[(*key, client.birth_year)] = client  # the oldest record wins
        numbers = set()
        if "BG-Nummer" in dataset.headers:
            numbers = {normalise_bg_number(TextWidget().clean(value)) for value in dataset["BG-Nummer"]} - {""}
        self._households = {h.bg_number: h for h in Household.objects.filter(bg_number__in=numbers)}
        self._joinable = set(
            Household.objects.joinable_by(self.user).filter(bg_number__in=numbers).values_list("pk", flat=True)
        )

    def find_existing(self, key):
        return self._existing.get(key)

    def label(self, row):
        return f"{TextWidget().clean(row.get('Vorname(n)'))} {TextWidget().clean(row.get('Familienname'))}".strip()

    def after_init_instance(self, instance, new, row, **kwargs):
        instance.birth = (instance.birth_day, instance.birth_month, instance.birth_year) if not new else None
        instance.bg_number = instance.household.bg_number if instance.household_id else ""
        instance.languages_import = (
            tuple(sorted((cl.language.code, cl.level) for cl in instance.languages.all())) if not new else ()
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

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's validators and clean(), without a query per row: the municipality was read
        by its widget, the household is decided by `_household`, and Client's one check constraint
        (client_day_needs_month) is Client.clean's rule too; the database enforces it at the commit."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=[*errors, "municipality", "household"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _household(self, number: str, instance: Client):
        """The existing household with this number if the user may join it, None if new, False if not.
        Decisions on households that existed before the import are remembered for the next members;
        one created by this import is joined by the file's other members."""
        if number in self._new_numbers:
            return self._households[number]
        if number in self._decided:
            return self._decided[number]
        household = self._households.get(number)
        if household is None:
            return None
        member = instance if instance.pk else None
        joinable = self.user.sees_all_cases or household.pk in self._joinable
        if member is not None and member.household_id == household.pk:
            joinable = True  # as Household.may_be_joined_by
        decision = household if joinable else False
        if member is None or member.household_id != household.pk:  # not the member's own household
            self._decided[number] = decision
        return decision

    def before_save_instance(self, instance, row, **kwargs):
        super().before_save_instance(instance, row, **kwargs)
        instance._import_languages = "Sprachen" in row
        if instance.bg_number:
            household = instance._import_household
            if household is None:  # a new number: the file's other members join this household
                household = Household(bg_number=normalise_bg_number(instance.bg_number))
                self._households[household.bg_number] = household
                self._new_numbers.add(household.bg_number)
            instance.household = household
        else:
            instance.household = None
        if instance.pk and not instance._state.adding:
            instance.version += 1

    def save_instance(self, instance, is_create, row, **kwargs):
        """Nothing is written in the dry run; the commit collects the rows and writes them in bulk
        after the last row (`after_import`), in the import's one transaction."""
        self.before_save_instance(instance, row, **kwargs)
        if not kwargs.get("dry_run"):
            self._pending.append(instance)
        self.after_save_instance(instance, row, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if kwargs.get("dry_run"):
            self._note_duplicates()
        elif not result.has_errors() and not result.has_validation_errors():
            self._write(self._pending)
        self._pending = []

    def _write(self, clients: list[Client]) -> None:
        """Households, clients (with their derived fields and search terms), languages and cases
        of the file: a few statements per table, each record with its history entry
        "importiert aus <Datei>" — what Client.save, the form and `sync_languages` do per record."""
        history = {"default_user": self.user, "default_change_reason": self.reason, "batch_size": BATCH}
        new = [client for client in clients if client._import_adding]
        changed = [client for client in clients if not client._import_adding]
        households = {
            id(c.household): c.household for c in clients if c.household is not None and c.household.pk is None
        }
        bulk_create_with_history(list(households.values()), Household, **history)
        for client in new:
            client.derive()
        bulk_create_with_history(new, Client, **history)
        ClientSearchTerm.store_many(new, new=True)
        for client in changed:
            client.save()
        languages = [
            ClientLanguage(client=client, language_id=ids[code], level=level)
            for ids in [self.fields["languages_import"].widget.ids_by_code()]
            for client in new
            if client._import_languages
            for code, level in client.languages_import
        ]
        bulk_create_with_history(languages, ClientLanguage, **history)
        for client in changed:
            self.sync_languages(
                client, ClientLanguage, "client", {"Sprachen": None} if client._import_languages else {}
            )
        today = datetime.date.today()
        caseworker = self.caseworker or self.user
        cases = [
            Case(client=client, caseworker=caseworker, opened_on=today)
            for client in clients
            if not (client.household_relation == HouseholdRelation.CHILD and client.household_id)
            and (client._import_adding or not client.cases.exclude(status=Case.Status.CLOSED).exists())
        ]
        bulk_create_with_history(cases, Case, **history)

    def note(self, row, new):
        """Collected for one search of the whole file after the last row (`_note_duplicates`)."""
        if new:
            try:
                year = BirthDateWidget().clean(row.get("Geburtsdatum"))[2]
            except ValueError:
                return {}
            given, family = TextWidget().clean(row.get("Vorname(n)")), TextWidget().clean(row.get("Familienname"))
            self._similar.append((self._row_number, (given, family, year)))
        return {}

    def after_import_row(self, row, row_result, **kwargs):
        self._row_number = kwargs["row_number"]
        super().after_import_row(row, row_result, **kwargs)

    def _note_duplicates(self) -> None:
        """Probable duplicates of the file's new people among existing clients, in one search per
        thousand rows (Client.objects.probable_duplicates_many): the ones the user may see are
        linked, colleagues' clients only counted."""
        for start in range(0, len(self._similar), 1000):
            chunk = self._similar[start : start + 1000]
            found = Client.objects.probable_duplicates_many(
                self.user, [person for _n, person in chunk], created_before=self.started_at
            )
            for (number, _person), (visible, hidden) in zip(chunk, found, strict=True):
                if visible or hidden:
                    self.notes[number] = {
                        "duplicates": [
                            {"id": str(c.pk), "name": c.full_name, "born": c.date_of_birth_display} for c in visible
                        ],
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
