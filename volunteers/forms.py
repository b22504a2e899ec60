import datetime

from django import forms
from django.db.models.functions import Lower
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from cases.models import Contact, Municipality
from wir_fallmanagement import forms as guided
from wir_fallmanagement.stale import StaleCheckForm

from .models import Assignment, Training, Volunteer, VolunteerLanguage, Weekday


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


DATE_FIELDS = {
    "date_of_birth",
    "police_certificate_issued_on",
    "police_certificate_inspected_on",
    "confidentiality_signed_on",
}


def weekday_field(**kwargs):
    return forms.MultipleChoiceField(
        label=_("verfügbar an diesen Tagen"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        **kwargs,
    )


# --------------------------------------------------------------------------------------------
# Staff: the registry
# --------------------------------------------------------------------------------------------


class VolunteerForm(StaleCheckForm):
    availability_days = weekday_field()

    class Meta:
        model = Volunteer
        fields = [
            "given_names",
            "family_name",
            "email",
            "phone",
            "date_of_birth",
            "street",
            "postcode",
            "town",
            "status",
            "skills",
            "municipalities",
            "availability_days",
            "availability_note",
            "lay_interpreter",
            "police_certificate_issued_on",
            "police_certificate_inspected_on",
            "police_certificate_inspected_by",
            "police_certificate_result",
            "confidentiality_signed_on",
            "note",
        ]
        widgets = {
            **{name: DateInput() for name in DATE_FIELDS},
            "municipalities": forms.CheckboxSelectMultiple,
            "skills": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "police_certificate_inspected_by": _("Leer lassen, wenn Sie es selbst eingesehen haben."),
            "police_certificate_result": _(
                "Nur Datum, Person und Ergebnis werden gespeichert – keine Kopie des Führungszeugnisses."
            ),
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.previous_status = self.instance.status if self.instance.pk else None
        self.fields["municipalities"].queryset = Municipality.objects.order_by("name")
        self.fields["police_certificate_inspected_by"].queryset = User.objects.filter(
            role__in=Role.STAFF, is_active=True
        ).order_by("full_name")
        self.fields["police_certificate_result"].choices = [
            ("", _("noch nicht eingesehen")),
            *Volunteer.PoliceCertificateResult.choices,
        ]
        if self.previous_status:
            allowed = [s for s in Volunteer.Status if self.instance.can_change_to(s)]
            self.fields["status"].choices = [(s.value, s.label) for s in allowed]

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        if not email:
            if self.instance.user_id:
                raise forms.ValidationError(_("Mit einem Portalzugang ist die E-Mail-Adresse nötig (Anmeldename)."))
            return email
        others = Volunteer.objects.annotate(e=Lower("email")).filter(e=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _("Diese E-Mail-Adresse ist schon bei einer anderen ehrenamtlichen Person eingetragen.")
            )
        users = User.objects.filter(email__iexact=email)
        if self.instance.user_id:
            users = users.exclude(pk=self.instance.user_id)
            if users.exists():
                raise forms.ValidationError(_("Diese E-Mail-Adresse gehört schon zu einem anderen Benutzerkonto."))
        return email

    def clean(self):
        cleaned = super().clean()
        certificate = [
            cleaned.get("police_certificate_issued_on"),
            cleaned.get("police_certificate_inspected_on"),
            cleaned.get("police_certificate_result"),
        ]
        if any(certificate):
            if cleaned.get("police_certificate_inspected_on") and not cleaned.get("police_certificate_inspected_by"):
                cleaned["police_certificate_inspected_by"] = self.user
        else:
            cleaned["police_certificate_inspected_by"] = None
        return cleaned


class BaseLanguageFormSet(BaseInlineFormSet):
    def clean(self):
        """Refuse a language that is already stored but not part of this submission (a stale
        second tab); duplicates within the submission are refused by Django's unique check."""
        super().clean()
        if any(self.errors) or not self.instance.pk:
            return
        submitted = [f.instance.pk for f in self.initial_forms if f.instance.pk]
        stored = set(
            VolunteerLanguage.objects.filter(volunteer=self.instance)
            .exclude(pk__in=submitted)
            .values_list("language_id", flat=True)
        )
        for form in self.extra_forms:
            language = form.cleaned_data.get("language") if form.has_changed() else None
            if language is not None and language.pk in stored:
                raise forms.ValidationError(
                    _("%(language)s ist schon eingetragen. Bitte laden Sie die Seite neu.") % {"language": language}
                )


LanguageFormSet = inlineformset_factory(
    Volunteer,
    VolunteerLanguage,
    formset=BaseLanguageFormSet,
    fields=["language", "level"],
    extra=2,
    max_num=10,
    absolute_max=10,  # a forged TOTAL_FORMS must not make us build a thousand forms
    validate_max=True,
    can_delete=True,
)


class TrainingForm(guided.ModelForm):
    html_constraints = {"attended_on": {"max": guided.today}}

    class Meta:
        model = Training
        fields = ["title", "attended_on"]
        widgets = {"attended_on": DateInput()}

    def clean_attended_on(self):
        day = self.cleaned_data["attended_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Das Datum liegt in der Zukunft."))
        return day


class AssignmentForm(guided.ModelForm):
    class Meta:
        model = Assignment
        fields = ["volunteer", "kind", "start_on", "end_on", "note"]
        widgets = {
            "kind": forms.RadioSelect,
            "start_on": DateInput(),
            "end_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "kind": _(
                "Begleitung: eine Vollmacht nach § 13 SGB X soll folgen. Beistand: die Person begleitet "
                "zu Terminen, ohne Vollmacht."
            ),
            "end_on": _("Leer lassen, wenn die Begleitung bis auf Weiteres läuft."),
        }

    def __init__(self, *args, client, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        self.fields["volunteer"].queryset = Volunteer.objects.exclude(status=Volunteer.Status.LEFT).order_by(
            "family_name", "given_names"
        )
        self.fields["start_on"].initial = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        volunteer, start_on, end_on = cleaned.get("volunteer"), cleaned.get("start_on"), cleaned.get("end_on")
        if volunteer and start_on:
            obstacles = volunteer.assignment_obstacles(start_on)
            if obstacles:
                self.add_error(
                    "volunteer",
                    forms.ValidationError(
                        [_("%(name)s kann (noch) nicht begleiten:") % {"name": volunteer}, *obstacles]
                    ),
                )
        if start_on and end_on and end_on < start_on:
            self.add_error("end_on", _("Das Ende liegt vor dem Beginn."))
        return cleaned


class EndAssignmentForm(guided.Form):
    end_on = forms.DateField(label=_("Ende am"), widget=DateInput())


# --------------------------------------------------------------------------------------------
# Portal: what volunteers fill in
# --------------------------------------------------------------------------------------------

DURATION_CHOICES = [
    (15, _("15 Minuten")),
    (30, _("30 Minuten")),
    (45, _("45 Minuten")),
    (60, _("1 Stunde")),
    (90, _("1,5 Stunden")),
    (120, _("2 Stunden")),
    (180, _("3 Stunden")),
    (240, _("4 Stunden")),
    (360, _("6 Stunden")),
    (480, _("8 Stunden")),
]


class PortalContactForm(guided.Form):
    required_messages = {"note": _("Bitte schreiben Sie kurz, was Sie gemacht haben.")}
    html_constraints = {"date": {"min": guided.year_ago, "max": guided.today}}
    date = forms.DateField(label=_("Wann?"), widget=DateInput(), initial=timezone.localdate)
    duration_minutes = forms.TypedChoiceField(label=_("Wie lange?"), choices=DURATION_CHOICES, coerce=int, initial=60)
    channel = forms.ChoiceField(
        label=_("Wie?"),
        choices=[c for c in Contact.Channel.choices if c[0] != Contact.Channel.VIDEO],
        initial=Contact.Channel.IN_PERSON,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Was haben Sie gemacht?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kurz, zum Beispiel: „Zum KJC begleitet, Antrag abgegeben.“ Bitte keine Gesundheitsdaten."),
    )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Das Datum liegt in der Zukunft. Tragen Sie bitte nur Erledigtes ein."))
        if day < timezone.localdate() - datetime.timedelta(days=365):
            raise forms.ValidationError(_("Das Datum liegt mehr als ein Jahr zurück."))
        return day


class PortalAppointmentForm(guided.Form):
    html_constraints = {"date": {"min": guided.today}}
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    time = forms.TimeField(label=_("Uhrzeit"), widget=TimeInput())
    place = forms.CharField(label=_("Wo?"), max_length=200, help_text=_("Zum Beispiel: KJC Erbach, Zimmer 12"))
    note = forms.CharField(label=_("Worum geht es?"), max_length=500, required=False)

    def clean(self):
        cleaned = super().clean()
        day, time = cleaned.get("date"), cleaned.get("time")
        if day and time:
            starts_at = timezone.make_aware(datetime.datetime.combine(day, time))
            if day < timezone.localdate():
                self.add_error("date", _("Das Datum liegt in der Vergangenheit."))
            cleaned["starts_at"] = starts_at
        return cleaned


class PortalProfileForm(guided.ModelForm):
    availability_days = weekday_field()

    class Meta:
        model = Volunteer
        fields = ["phone", "street", "postcode", "town", "availability_days", "availability_note"]
