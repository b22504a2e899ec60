from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from wir_fallmanagement import forms as guided
from wir_fallmanagement.stale import StaleCheckForm
from wir_fallmanagement.uploads import check_upload

from .consent_texts import TEXTS as CONSENT_TEXTS
from .models import (
    BG_NUMBER_UNAVAILABLE,
    Case,
    Client,
    ClientLanguage,
    Consent,
    Contact,
    DataCategory,
    Document,
    FollowUp,
    Goal,
    Household,
    Topic,
    normalise_bg_number,
    validate_bg_number,
)

PLEASE_CHOOSE = _("– bitte wählen –")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def caseworker_choices():
    return User.objects.filter(role=Role.CASEWORKER, is_active=True).order_by("full_name")


class ClientForm(guided.ModelForm):
    required_messages = {
        "family_name": _("Bitte geben Sie den Familiennamen in lateinischer Schrift an."),
        "given_names": _("Bitte geben Sie den Vornamen in lateinischer Schrift an."),
        "birth_year": _("Bitte geben Sie das Geburtsjahr an."),
        "caseworker": _("Bitte wählen Sie die zuständige Fallmanager:in aus."),
    }
    html_constraints = {"birth_year": {"max": guided.this_year}}
    bg_number = forms.CharField(
        label=_("BG-Nummer"),
        required=False,
        max_length=40,
        help_text=_("Optional. 5 Ziffern, „BG“, 7 Ziffern – z. B. 06431 BG 0012345. Neue Nummern legen die BG an."),
    )
    caseworker = forms.ModelChoiceField(
        label=_("Zuständige Fallmanager:in"), queryset=User.objects.none(), required=True
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm_duplicate = forms.BooleanField(
        label=_("Ich habe die ähnlichen Einträge geprüft; es ist eine andere Person."), required=False
    )

    class Meta:
        model = Client
        fields = [
            "family_name",
            "given_names",
            "family_name_original",
            "given_names_original",
            "aliases",
            "birth_day",
            "birth_month",
            "birth_year",
            "gender",
            "nationalities",
            "interpreter_needed",
            "residence_status",
            "residence_valid_until",
            "street",
            "postcode",
            "municipality",
            "phone",
            "email",
            "kjc_customer_number",
            "household_relation",
        ]
        widgets = {
            "aliases": forms.Textarea(attrs={"rows": 2}),
            "residence_valid_until": DateInput(),
            "nationalities": forms.SelectMultiple(attrs={"size": 6}),
            "family_name_original": forms.TextInput(attrs={"dir": "auto"}),
            "given_names_original": forms.TextInput(attrs={"dir": "auto"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.duplicates = None
        if not self.instance._state.adding:
            self.fields["bg_number"].initial = self.instance.household.bg_number if self.instance.household else ""
            self.fields["version"].initial = self.instance.version
            del self.fields["caseworker"]
            del self.fields["confirm_duplicate"]
        elif user.sees_all_cases:
            self.fields["caseworker"].queryset = caseworker_choices()
        else:
            del self.fields["caseworker"]
        # One group "Geburtsdatum" (template) with Tag / Monat / Jahr.
        self.fields["birth_day"].label = _("Tag")
        self.fields["birth_month"].label = _("Monat")
        self.fields["birth_year"].label = _("Jahr")
        self.fields["nationalities"].help_text = _("Mehrfachauswahl mit Strg (Mac: Cmd).")
        self.fields["phone"].help_text = _("Deutsche Nummern ohne Vorwahl +49, ausländische mit Ländervorwahl.")
        self.fields["municipality"].empty_label = PLEASE_CHOOSE
        for name in ("residence_status", "household_relation"):
            self.fields[name].choices = [("", PLEASE_CHOOSE), *self.fields[name].choices[1:]]

    def clean_bg_number(self):
        value = normalise_bg_number(self.cleaned_data.get("bg_number", ""))
        if value:
            validate_bg_number(value)
            existing = Household.objects.filter(bg_number=value).first()
            member = None if self.instance._state.adding else self.instance
            if existing is not None and not existing.may_be_joined_by(self.user, member=member):
                raise ValidationError(BG_NUMBER_UNAVAILABLE, code="bg_number_unavailable")
        return value

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is not None and year < 1900:
            raise ValidationError(_("Bitte geben Sie ein Geburtsjahr ab 1900 an."), code="min_value")
        return year

    def clean_kjc_customer_number(self):
        return "".join((self.cleaned_data.get("kjc_customer_number") or "").split()).upper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("household_relation") and not cleaned.get("bg_number"):
            self.add_error("household_relation", _("Eine Rolle gibt es nur zusammen mit einer BG-Nummer."))
        return cleaned


class ClientLanguageForm(guided.ModelForm):
    class Meta:
        model = ClientLanguage
        fields = ["language", "level"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Empty extra rows are skipped by the formset; a row someone started needs a language.
        self.fields["language"].required = False
        self.fields["language"].empty_label = PLEASE_CHOOSE

    def clean_language(self):
        language = self.cleaned_data.get("language")
        if language is None:
            raise ValidationError(_("Bitte wählen Sie eine Sprache."))
        return language


ClientLanguageFormSet = inlineformset_factory(
    Client, ClientLanguage, form=ClientLanguageForm, extra=2, max_num=8, can_delete=True
)


class TopicsField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=Topic.choices, required=False, label=_("Themen"), **kwargs)


class ContactForm(guided.ModelForm):
    same_for_everyone = True  # {{ form|crispy_blank }}: the empty form is rendered once a day
    topics = TopicsField()

    class Meta:
        model = Contact
        fields = ["date", "duration_minutes", "channel", "with_interpreter", "topics", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


class FollowUpForm(guided.ModelForm):
    required_messages = {
        "due_on": _("Bitte geben Sie an, wann die Wiedervorlage fällig ist."),
        "text": _("Bitte schreiben Sie, worum es geht."),
    }
    html_constraints = {"due_on": {"min": guided.year_ago}}

    class Meta:
        model = FollowUp
        fields = ["due_on", "text", "owner"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, user, client, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people who may open the client: anyone else would see its name on their dashboard.
        self.fields["owner"].queryset = (
            client.assignable_users().filter(role__in=[Role.CASEWORKER, Role.TEAMLEAD]).order_by("full_name")
        )
        self.fields["owner"].initial = user.pk
        self.fields["owner"].label = _("Für wen?")
        self.instance.client = client

    def clean_due_on(self):
        due = self.cleaned_data["due_on"]
        if due < timezone.localdate() - timezone.timedelta(days=365):
            raise ValidationError(_("Das Datum liegt mehr als ein Jahr zurück."))
        return due


class GoalForm(guided.ModelForm):
    same_for_everyone = True  # {{ form|crispy_blank }}: the empty form is rendered once a day

    class Meta:
        model = Goal
        fields = ["title", "topic", "description", "status", "target_date"]
        widgets = {"target_date": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class GoalStatusForm(guided.ModelForm):
    class Meta:
        model = Goal
        fields = ["status"]


class ScanUploadMixin:
    """A `scan_file` field checked through the one upload path (wir_fallmanagement/uploads.py)."""

    checked_scan = None

    def clean_scan_file(self):
        upload = self.cleaned_data.get("scan_file")
        if upload:
            self.checked_scan = check_upload(upload)
        return upload


class ConsentForm(ScanUploadMixin, guided.ModelForm):
    html_constraints = {"given_on": {"max": guided.today}}

    data_categories = forms.TypedMultipleChoiceField(
        label=_("Welche Daten?"), choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    scan_file = forms.FileField(
        label=_("Unterschriebene Einwilligung (Scan)"),
        required=False,
        help_text=_("PDF, JPEG oder PNG, höchstens 10 MB."),
    )

    class Meta:
        model = Consent
        fields = [
            "recipient_kind",
            "recipient_volunteer",
            "recipient_provider",
            "recipient_name",
            "data_categories",
            "purpose",
            "form",
            "co_signed_by_guardian",
            "given_on",
            "valid_until",
        ]
        widgets = {"given_on": DateInput(), "valid_until": DateInput()}

    def clean_given_on(self):
        given = self.cleaned_data["given_on"]
        if given > timezone.localdate():
            raise ValidationError(_("Eine Einwilligung kann nicht in der Zukunft erteilt sein."))
        return given


class ConsentScanForm(ScanUploadMixin, guided.Form):
    """The signed consent form, scanned: closes the loop from the printed form to the record."""

    scan_file = forms.FileField(
        label=_("Unterschriebene Einwilligung (Scan)"),
        help_text=_("PDF, JPEG oder PNG, höchstens 10 MB."),
        error_messages={"required": _("Bitte wählen Sie die Datei mit dem Scan aus.")},
    )


def consent_form_languages() -> list[tuple[str, str]]:
    """The choices of the consent form's working translation."""
    return [("", _("Sprache der Person")), ("de", _("keine Übersetzung (nur Deutsch)")), *CONSENT_TEXTS.choices()]


class ConsentFormLanguageForm(guided.Form):
    lang = forms.ChoiceField(
        label=_("Arbeitsübersetzung"),
        required=False,
        error_messages={
            "invalid_choice": _("Diese Sprache gibt es für das Formular nicht. Bitte wählen Sie eine aus der Liste.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lang"].choices = consent_form_languages()

    def language_for(self, client) -> str:
        """The chosen translation; "" for German only; the client's own language when none was chosen."""
        lang = self.cleaned_data["lang"]
        if lang == "de":
            return ""
        return lang or CONSENT_TEXTS.for_client(client.language_codes())


class ConsentRevokeForm(guided.Form):
    revoked_on = forms.DateField(label=_("widerrufen am"), widget=DateInput(), initial=timezone.localdate)
    revocation_note = forms.CharField(label=_("Bemerkung"), max_length=500, required=False)

    def __init__(self, *args, consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent
        self.constrain("revoked_on", min=consent.given_on, max=timezone.localdate())

    def clean_revoked_on(self):
        day = self.cleaned_data["revoked_on"]
        if day < self.consent.given_on:
            raise ValidationError(_("Der Widerruf liegt vor dem Datum der Einwilligung."))
        if day > timezone.localdate():
            raise ValidationError(_("Ein Widerruf kann nicht in der Zukunft liegen."))
        return day


class DocumentForm(guided.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "kind", "file"]
        help_texts = {"file": _("PDF, JPEG oder PNG, höchstens 10 MB.")}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.checked = check_upload(upload)
        return upload


class CaseStatusForm(guided.Form):
    status = forms.ChoiceField(label=_("Neuer Status"), choices=Case.Status.choices)
    closing_reason = forms.ChoiceField(
        label=_("Abschlussgrund"), choices=[("", "–")] + Case.ClosingReason.choices, required=False
    )
    closing_note = forms.CharField(
        label=_("Bemerkung"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        allowed = Case.TRANSITIONS[Case.Status(case.status)]
        self.fields["status"].choices = [(s.value, s.label) for s in Case.Status if s in allowed]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Case.Status.CLOSED and not cleaned.get("closing_reason"):
            self.add_error("closing_reason", _("Bitte geben Sie einen Abschlussgrund an."))
        return cleaned


class NewCaseForm(guided.Form):
    caseworker = forms.ModelChoiceField(label=_("Zuständige Fallmanager:in"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworker_choices()


class ReassignForm(guided.Form):
    to_caseworker = forms.ModelChoiceField(label=_("Übergeben an"), queryset=User.objects.none())
    cases = forms.ModelMultipleChoiceField(
        label=_("Fälle"), queryset=Case.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, from_caseworker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_caseworker"].queryset = caseworker_choices().exclude(pk=from_caseworker.pk)
        self.fields["cases"].queryset = (
            Case.objects.open()
            .filter(caseworker=from_caseworker)
            .select_related("client")
            .order_by("client__family_name")
        )
        self.fields["cases"].label_from_instance = lambda case: f"{case.client} ({case.get_status_display()})"


class HouseholdForm(StaleCheckForm):
    # Saved at the same moment by someone else: the neutral answer of clean_bg_number below.
    constraint_messages = {"cases_household_bg_number_key": BG_NUMBER_UNAVAILABLE}

    bg_number = forms.CharField(
        label=_("BG-Nummer"), max_length=40, help_text=Household._meta.get_field("bg_number").help_text
    )

    class Meta:
        model = Household
        fields = ["bg_number", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def clean_bg_number(self):
        value = normalise_bg_number(self.cleaned_data["bg_number"])
        validate_bg_number(value)
        # Another household's number: the same neutral answer as on the client form, never
        # "already taken" (which would tell that the number exists).
        if Household.objects.filter(bg_number=value).exclude(pk=self.instance.pk).exists():
            raise ValidationError(BG_NUMBER_UNAVAILABLE, code="bg_number_unavailable")
        return value
