from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import PLEASE_CHOOSE, caseworker_choices
from wir_fallmanagement import forms as guided
from wir_fallmanagement.uploads import check_spreadsheet

from .models import ImportKind


class UploadForm(guided.Form):
    kind = forms.ChoiceField(label=_("Was wird importiert?"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("Datei"),
        help_text=_("Excel (.xlsx) oder CSV (UTF-8 oder Windows-1252, getrennt durch Semikolon oder Komma)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    caseworker = forms.ModelChoiceField(
        label=_("In die Fälle von"),
        queryset=caseworker_choices(),
        required=False,
        empty_label=PLEASE_CHOOSE,
        help_text=_("Nur für Klient:innen: wer die neuen Fälle übernimmt."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.checked = None
        if user.sees_all_cases:
            self.fields["caseworker"].queryset = caseworker_choices()
        else:
            del self.fields["caseworker"]  # a caseworker imports into their own caseload

    def clean_file(self):
        self.checked = check_spreadsheet(self.cleaned_data["file"])
        return self.cleaned_data["file"]

    def clean(self):
        data = super().clean()
        if self.user.sees_all_cases and data.get("kind") == ImportKind.CLIENTS and not data.get("caseworker"):
            self.add_error("caseworker", _("Bitte wählen Sie, in wessen Fälle die Klient:innen importiert werden."))
        return data

    def chosen_caseworker(self):
        if not self.user.sees_all_cases:
            return self.user if self.cleaned_data["kind"] == ImportKind.CLIENTS else None
        return self.cleaned_data.get("caseworker") if self.cleaned_data["kind"] == ImportKind.CLIENTS else None
