import datetime

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.models import Municipality
from wir_fallmanagement import forms as guided
from wir_fallmanagement.dates import add_months
from wir_fallmanagement.stale import StaleCheckForm

from .models import YearlyNarrative
from .statistics import Period, caseworkers

#: A free range may span at most this many years (longer ones say nothing a team lead can steer by).
MAX_RANGE_YEARS = 10
MONTHS = [
    (1, _("Januar")),
    (2, _("Februar")),
    (3, _("März")),
    (4, _("April")),
    (5, _("Mai")),
    (6, _("Juni")),
    (7, _("Juli")),
    (8, _("August")),
    (9, _("September")),
    (10, _("Oktober")),
    (11, _("November")),
    (12, _("Dezember")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PeriodForm(guided.Form):
    """The period and the optional narrowing of the statistics page (GET parameters)."""

    class Kind:
        YEAR, QUARTER, MONTH, RANGE = "year", "quarter", "month", "range"

    kind = forms.ChoiceField(
        label=_("Zeitraum"),
        choices=[
            (Kind.YEAR, _("Jahr")),
            (Kind.QUARTER, _("Quartal")),
            (Kind.MONTH, _("Monat")),
            (Kind.RANGE, _("freier Zeitraum")),
        ],
        initial=Kind.YEAR,
    )
    year = forms.IntegerField(
        label=_("Jahr"),
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={
            "invalid": _("Bitte geben Sie das Jahr als Zahl ein, z. B. 2026."),
            "min_value": _("Bitte wählen Sie ein Jahr ab 2000."),
            "max_value": _("Bitte wählen Sie ein Jahr bis 2100."),
        },
    )
    quarter = forms.TypedChoiceField(
        label=_("Quartal"),
        choices=[(q, _("%(q)s. Quartal") % {"q": q}) for q in range(1, 5)],
        coerce=int,
        required=False,
    )
    month = forms.TypedChoiceField(label=_("Monat"), choices=MONTHS, coerce=int, required=False)
    first = forms.DateField(label=_("von"), required=False, widget=DateInput)
    last = forms.DateField(label=_("bis"), required=False, widget=DateInput)
    municipality = forms.ModelChoiceField(
        label=_("Kommune"), queryset=Municipality.objects.order_by("name"), required=False, empty_label=_("alle")
    )
    caseworker = forms.ModelChoiceField(label=_("Fallmanagement"), queryset=None, required=False, empty_label=_("alle"))

    def __init__(self, data=None, *, user):
        today = timezone.localdate()
        initial = {
            "kind": self.Kind.YEAR,
            "year": today.year,
            "quarter": (today.month - 1) // 3 + 1,
            "month": today.month,
        }
        if data is not None and not data:
            data = None  # the first visit: this year, without errors
        super().__init__(data, initial=initial)
        self.user = user
        if user.sees_all_cases:
            self.fields["caseworker"].queryset = caseworkers()
            self.fields["caseworker"].label_from_instance = lambda u: u.full_name or u.email
        else:
            del self.fields["caseworker"]  # a caseworker's figures are always their own caseload

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        year = data.get("year")
        if kind in (self.Kind.YEAR, self.Kind.QUARTER, self.Kind.MONTH) and year is None and "year" not in self.errors:
            self.add_error("year", _("Bitte geben Sie das Jahr an."))
        if kind == self.Kind.QUARTER and not data.get("quarter") and "quarter" not in self.errors:
            self.add_error("quarter", _("Bitte wählen Sie das Quartal."))
        if kind == self.Kind.MONTH and not data.get("month") and "month" not in self.errors:
            self.add_error("month", _("Bitte wählen Sie den Monat."))
        if kind == self.Kind.RANGE:
            first, last = data.get("first"), data.get("last")
            if first is None and "first" not in self.errors:
                self.add_error("first", _("Bitte geben Sie den Beginn des Zeitraums an."))
            if last is None and "last" not in self.errors:
                self.add_error("last", _("Bitte geben Sie das Ende des Zeitraums an."))
            if first and last and last < first:
                self.add_error("last", _("Das Ende liegt vor dem Beginn."))
            elif first and last and last > add_months(first, 12 * MAX_RANGE_YEARS):
                self.add_error("last", _("Der Zeitraum darf höchstens %(n)s Jahre lang sein.") % {"n": MAX_RANGE_YEARS})
        return data

    def period(self) -> Period:
        """The chosen period (call after is_valid(); the initial values when unbound)."""
        data = self.cleaned_data if self.is_bound else self.initial
        kind = data.get("kind") or self.Kind.YEAR
        year = data.get("year")
        if kind == self.Kind.QUARTER:
            quarter = data["quarter"]
            first = datetime.date(year, 3 * quarter - 2, 1)
            label = _("%(q)s. Quartal %(year)s") % {"q": quarter, "year": year}
            return Period(first, add_months(first, 3) - datetime.timedelta(days=1), label)
        if kind == self.Kind.MONTH:
            first = datetime.date(year, data["month"], 1)
            return Period(first, add_months(first, 1) - datetime.timedelta(days=1), date_format(first, "F Y"))
        if kind == self.Kind.RANGE:
            first, last = data["first"], data["last"]
            label = f"{date_format(first, 'SHORT_DATE_FORMAT')} – {date_format(last, 'SHORT_DATE_FORMAT')}"
            return Period(first, last, label)
        return Period.year(year)

    def narrowing(self) -> dict:
        data = self.cleaned_data if self.is_bound else {}
        return {"municipality": data.get("municipality"), "caseworker": data.get("caseworker")}


class YearForm(guided.Form):
    year = forms.IntegerField(
        label=_("Jahr"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Bitte geben Sie das Jahr an."),
            "invalid": _("Bitte geben Sie das Jahr als Zahl ein, z. B. 2026."),
            "min_value": _("Bitte wählen Sie ein Jahr ab 2000."),
            "max_value": _("Bitte wählen Sie ein Jahr bis 2100."),
        },
    )


class NarrativeForm(StaleCheckForm):
    """The year's narrative: a save over a newer text is refused (the text kept, the stored one
    shown); two first saves of one year at the same moment give the second a message."""

    constraint_messages = {
        "reports_yearlynarrative_year_key": _(
            "Inzwischen hat jemand anderes den Sachbericht dieses Jahres angelegt. Ihr Text wurde NICHT "
            "gespeichert, ist aber unten erhalten. Bitte vergleichen Sie und speichern Sie erneut."
        )
    }

    class Meta:
        model = YearlyNarrative
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12})}

    def save_by(self, user) -> YearlyNarrative:
        self.instance.updated_by = user
        return self.save()
