from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.models import Client, HouseholdRelation, Language
from wir_fallmanagement import forms as guided
from wir_fallmanagement.stale import StaleCheckForm

from .models import ButApplication, ButCategory, ButExpense, Offer, OfferTranslation, Provider, Referral


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put the errors of a service function next to the matching form fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --------------------------------------------------------------------------------------------
# Providers and offers
# --------------------------------------------------------------------------------------------


class ProviderForm(StaleCheckForm):
    website = forms.URLField(label=_("Internetseite"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Provider
        fields = ["name", "kind", "contact_person", "phone", "email", "website", "address", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class OfferForm(StaleCheckForm):
    class Meta:
        model = Offer
        fields = [
            "title",
            "description",
            "category",
            "provider",
            "municipality",
            "address",
            "min_age",
            "max_age",
            "gender",
            "languages",
            "schedule",
            "capacity",
            "duration_months",
            "fee",
            "fee_note",
            "but_eligible",
            "but_category",
            "contact_name",
            "contact_phone",
            "contact_email",
            "active_from",
            "active_until",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "languages": forms.CheckboxSelectMultiple,
            "active_from": DateInput,
            "active_until": DateInput,
        }


class OfferTranslationForm(guided.ModelForm):
    language = forms.ChoiceField(label=_("Sprache"))

    class Meta:
        model = OfferTranslation
        fields = ["language", "title", "description", "schedule"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The directory languages (master data); a translation into a language taken off the list stays editable.
        choices = list(Language.objects.in_directory().values_list("code", "name"))
        if self.instance.language and self.instance.language not in dict(choices):
            choices.append((self.instance.language, self.instance.language))
        self.fields["language"].choices = [("", "---------"), *choices]


OfferTranslationFormSet = forms.inlineformset_factory(
    Offer, OfferTranslation, form=OfferTranslationForm, extra=1, can_delete=True, max_num=12
)


# --------------------------------------------------------------------------------------------
# Referrals
# --------------------------------------------------------------------------------------------


class OfferChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, offer):
        place = offer.municipality.name if offer.municipality else _("kreisweit")
        return f"{offer.title} – {offer.provider.name} ({place})"


class ReferralForm(guided.Form):
    offer = OfferChoiceField(
        Offer.objects.none(),
        label=_("Angebot"),
        empty_label=_("Bitte wählen"),
        error_messages={"required": _("Bitte wählen Sie ein Angebot.")},
    )
    register = forms.BooleanField(
        label=_("gleich beim Träger anmelden"),
        required=False,
        initial=True,
        help_text=_(
            "Dabei gehen Name und Kontaktdaten an den Träger – dafür braucht es eine gültige Einwilligung, "
            "die diesen Träger nennt. Ist das Angebot voll, kommt die Person auf die Warteliste. "
            "Ohne Haken wird das Angebot nur vorgeschlagen."
        ),
    )
    override_reason = forms.CharField(
        label=_("Begründung für eine Ausnahme"),
        required=False,
        max_length=500,
        help_text=_("Nur nötig, wenn Alter oder Geschlecht nicht zur Zielgruppe des Angebots passen."),
    )
    note = forms.CharField(label=_("Notiz"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offer"].queryset = (
            Offer.objects.active_on().select_related("provider", "municipality").order_by("title", "pk")
        )


class ReferralStatusForm(guided.Form):
    status = forms.ChoiceField(label=_("neuer Status"))
    note = forms.CharField(label=_("Notiz (optional)"), required=False, max_length=500)

    def __init__(self, referral: Referral, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = referral.next_statuses


class ClientSearchForm(guided.Form):
    q = forms.CharField(label=_("Name, Kundennummer oder BG-Nummer"), max_length=200, required=False)


# --------------------------------------------------------------------------------------------
# Bildung und Teilhabe
# --------------------------------------------------------------------------------------------


def household_children(client: Client, user):
    """The children of the client's household that `user` may see; a minor without household is
    their own child."""
    if client.household_id:
        return Client.objects.visible_with_dependants(user).filter(
            household_id=client.household_id, household_relation=HouseholdRelation.CHILD
        )
    if client.is_minor:
        return Client.objects.filter(pk=client.pk)
    return Client.objects.none()


class ButApplicationForm(guided.ModelForm):
    class Meta:
        model = ButApplication
        fields = ["child", "category", "amount", "advised_on", "note"]
        widgets = {"advised_on": DateInput, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, client: Client, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = household_children(client, user).order_by("birth_year", "given_names")
        self.fields["child"].empty_label = _("Bitte wählen")
        self.fields["category"].initial = ButCategory.PARTICIPATION


class ButStatusForm(guided.Form):
    status = forms.ChoiceField(label=_("neuer Status"))
    on = forms.DateField(label=_("am"), required=False, widget=DateInput, help_text=_("Leer: heute"))
    period_from = forms.DateField(label=_("Bewilligungszeitraum von"), required=False, widget=DateInput)
    period_until = forms.DateField(label=_("Bewilligungszeitraum bis"), required=False, widget=DateInput)
    amount = forms.DecimalField(
        label=_("bewilligter Betrag (Euro)"), required=False, min_value=0, max_digits=8, decimal_places=2
    )

    def __init__(self, application: ButApplication, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = application.next_statuses


class ButExpenseForm(guided.ModelForm):
    class Meta:
        model = ButExpense
        fields = ["spent_on", "amount", "purpose"]
        widgets = {"spent_on": DateInput}
